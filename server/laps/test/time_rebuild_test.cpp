// Time rebuilt exactly across gaps of any length (docs/protocol.md §3): the gps_time clock on its
// own, and whole generated sessions with dropouts in every format.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "session_reader.hpp"
#include "racesense/analysis/generator.hpp"

namespace racesense::analysis {
namespace {

// A logger's gps_time value at true time t_ms: the GPS second (ticking at `second_offset_ms` on
// the true clock) and the free-running counter (its own phase).
std::string gps_time_at(std::int64_t t_ms, std::int64_t second_offset_ms, std::int64_t counter_phase) {
  std::int64_t second = 1700000000 + (t_ms + second_offset_ms) / 1000;
  std::int64_t counter = (t_ms + counter_phase) % 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(second), static_cast<long long>(counter));
  return buf;
}

struct Clocked {
  std::vector<std::int64_t> truth;
  std::vector<double> rebuilt;
};

// Format A rows through the session parser, as the analysis reads them.
class GpsTimeRows {
 public:
  GpsTimeRows() { parser_.line("gps_time,lat,lon,alt", false, fix_); }
  void add(const std::string& gps_time) {
    std::string row = gps_time + ",45.1234567,7.1234567,240";
    if (parser_.line(row, false, fix_)) times_.push_back(fix_.t_ms);
    take_released();
  }
  std::vector<double> finish() {
    parser_.finish();
    take_released();
    return times_;
  }

 private:
  void take_released() {
    for (const auto& f : parser_.release()) times_.push_back(f.t_ms);
  }
  SessionParser parser_;
  GpsSample fix_;
  std::vector<double> times_;
};

// Samples on the logger's grid of `period_ms` with dropouts of 1.0-5.0 s (whole rows missing),
// each after at least 1.2 s of fixes (time for the GPS second to tick once).
Clocked run_clock(std::int64_t period_ms, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::int64_t min_run = std::max<std::int64_t>(2, 1200 / period_ms);
  std::uniform_int_distribution<std::int64_t> offset(0, 999), gap_ms(1000, 5000), run(min_run, min_run + 80);
  std::int64_t second_offset = offset(rng), phase = offset(rng);
  GpsTimeRows rows;
  Clocked out;
  std::int64_t t = 0;
  for (int dropout = 0; dropout < 40; ++dropout) {
    for (auto n = run(rng); n > 0; --n, t += period_ms) {
      out.truth.push_back(t);
      rows.add(gps_time_at(t, second_offset, phase));
    }
    t += (gap_ms(rng) + period_ms - 1) / period_ms * period_ms;  // the next row on the grid
  }
  out.rebuilt = rows.finish();
  return out;
}

class ClockRates : public ::testing::TestWithParam<int> {};

TEST_P(ClockRates, DropoutsOfOneToFiveSecondsAreRebuiltExactly) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    auto c = run_clock(1000 / GetParam(), seed);
    ASSERT_EQ(c.rebuilt.size(), c.truth.size());
    for (std::size_t i = 0; i < c.truth.size(); ++i)
      ASSERT_EQ(c.rebuilt[i], static_cast<double>(c.truth[i] - c.truth[0])) << "seed " << seed << " sample " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Hz, ClockRates, ::testing::Values(1, 10, 25));

TEST(GpsTimeClock, OneHertzSamplesAboutASecondApartKeepTheirWholeSeconds) {
  // The reported fault: samples 1.0-2.0 s apart whose integer second advanced by one were taken
  // as the counter's step alone (laps ~40 % short). Here every gap is 1000-1999 ms, off any grid.
  std::mt19937 rng(5);
  std::uniform_int_distribution<std::int64_t> gap(1000, 1999);
  GpsTimeRows rows;
  std::vector<std::int64_t> truth;
  for (std::int64_t i = 0, t = 0; i < 500; ++i, t += gap(rng)) {
    truth.push_back(t);
    rows.add(gps_time_at(t, 420, 913));
  }
  auto rebuilt = rows.finish();
  ASSERT_EQ(rebuilt.size(), truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) ASSERT_EQ(rebuilt[i], static_cast<double>(truth[i])) << i;
}

class SessionFormats : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(SessionFormats, SessionDurationAcrossDropoutsIsExactAndLapsAreKept) {
  GeneratorOptions o;
  o.format = std::get<0>(GetParam());
  o.rate_hz = std::get<1>(GetParam());
  o.venue = "club";
  o.noise_m = 1;
  o.dropouts = 8;
  o.seed = 11;
  o.lap_times_s = {64.2, 63.9, 65.1, 64.4};
  Track official = generated_track(o);
  std::stringstream csv;
  SessionTruth truth;
  generate_session(o, csv, &truth);
  ASSERT_EQ(truth.dropouts_ms.size(), 8u);
  auto a = analyze_stream(csv, {official});
  ASSERT_FALSE(a.parse_error.has_value());
  EXPECT_EQ(a.gps_samples, truth.fixes);
  EXPECT_EQ(a.duration_ms, truth.last_fix_ms - truth.first_fix_ms);
  ASSERT_EQ(a.laps.size(), o.lap_times_s.size());
  double tolerance = o.rate_hz == 1 ? 400 : 150;  // GPS error of a metre at the line, coarse samples
  for (std::size_t i = 0; i < a.laps.size(); ++i)
    EXPECT_NEAR(static_cast<double>(a.laps[i].time_ms), o.lap_times_s[i] * 1000, tolerance) << "lap " << i + 1;
}

INSTANTIATE_TEST_SUITE_P(
    FormatsAndRates, SessionFormats,
    ::testing::Combine(::testing::Values("gps_time", "tick_ms", "timestamp"), ::testing::Values(1, 10, 25)));

}  // namespace
}  // namespace racesense::analysis
