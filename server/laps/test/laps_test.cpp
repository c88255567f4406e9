// Lap counting on generated sessions with known lap times, in every format.
#include <gtest/gtest.h>

#include <sstream>

#include "lap_finder.hpp"
#include "racesense/analysis/generator.hpp"

namespace racesense::analysis {
namespace {

SessionAnalysis run(const GeneratorOptions& o, const std::vector<Track>& tracks, Options opt = {}) {
  std::stringstream csv;
  generate_session(o, csv);
  return analyze_stream(csv, tracks, opt);
}

void expect_laps(const SessionAnalysis& a, const std::vector<double>& expected_s, double tolerance_ms) {
  ASSERT_FALSE(a.parse_error.has_value()) << *a.parse_error;
  ASSERT_EQ(a.laps.size(), expected_s.size());
  for (std::size_t i = 0; i < expected_s.size(); ++i)
    EXPECT_NEAR(static_cast<double>(a.laps[i].time_ms), expected_s[i] * 1000, tolerance_ms) << "lap " << i + 1;
}

class EveryFormat : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryFormat, KnownLapTimesOnAKnownTrack) {
  GeneratorOptions o;
  o.format = GetParam();
  o.lap_times_s = {61.234, 59.871, 60.502, 63.019};
  auto a = run(o, {generated_track(o)});
  EXPECT_EQ(a.format, GetParam());
  EXPECT_EQ(a.track_id.value_or(""), "generated");
  EXPECT_FALSE(a.auto_track);
  expect_laps(a, o.lap_times_s, 20);
  EXPECT_EQ(a.best_lap_ms, a.laps[1].time_ms);
}

TEST_P(EveryFormat, UnknownTrackGetsAnAutomaticLineWithTheOfficialLaps) {
  // Out of the pit box, laps, back into the pit box: the automatic line finds the same laps.
  GeneratorOptions o;
  o.format = GetParam();
  o.lap_times_s = {61.5, 60.25, 62.75};
  auto a = run(o, {});
  EXPECT_TRUE(a.auto_track);
  ASSERT_TRUE(a.new_track.has_value());
  EXPECT_TRUE(a.new_track->automatic);
  EXPECT_EQ(a.track_id.value_or(""), a.new_track->id);
  EXPECT_EQ(a.track_name.rfind("Circuit near ", 0), 0u) << a.track_name;
  // Another place on the lap: the same number of laps, each a mix of two consecutive ones (or of
  // the last and the in-lap), so only their mean is close.
  ASSERT_EQ(a.laps.size(), o.lap_times_s.size());
  double sum = 0;
  for (const auto& lap : a.laps) sum += static_cast<double>(lap.time_ms);
  EXPECT_NEAR(sum / 3, (61500 + 60250 + 62750) / 3.0, 0.015 * 61500);
}

INSTANTIATE_TEST_SUITE_P(Formats, EveryFormat, ::testing::Values("gps_time", "tick_ms", "timestamp"));

TEST(Laps, InterpolationBeatsTheSamplePeriod) {
  GeneratorOptions o;
  o.lap_times_s = {60.037, 60.081, 60.013, 60.066, 60.049};
  auto a = run(o, {generated_track(o)});
  double worst = 0;
  for (std::size_t i = 0; i < a.laps.size(); ++i)
    worst = std::max(worst, std::fabs(static_cast<double>(a.laps[i].time_ms) - o.lap_times_s[i] * 1000));
  ASSERT_EQ(a.laps.size(), 5u);
  EXPECT_LT(worst, 30);  // the sample period is 100 ms
}

TEST(Laps, TrackMatchedByProximityAmongSeveral) {
  GeneratorOptions o;
  Track far = generated_track(o);
  far.id = "far";
  far.start_line.lat += 0.5;
  Track near = generated_track(o);
  near.id = "near";
  auto a = run(o, {far, near});
  EXPECT_EQ(a.track_id.value_or(""), "near");
}

TEST(Laps, CrossingsCloserThanTheMinimumLapAreIgnored) {
  // crossings at 0, 4 s (a wiggle), 60 s, 120 s, 121 s
  auto laps = laps_from_crossings({1000, 5000, 61000, 121000, 122000}, 0, 10000);
  ASSERT_EQ(laps.size(), 2u);
  EXPECT_EQ(laps[0].time_ms, 60000);
  EXPECT_EQ(laps[1].time_ms, 60000);
  EXPECT_EQ(laps[0].start_ms, 1000);
}

TEST(Laps, WrongWayCrossingsDoNotCount) {
  GeneratorOptions o;
  o.lap_times_s = {60, 61};
  Track reversed = generated_track(o);
  reversed.start_line.heading_deg = 270;
  auto a = run(o, {reversed});
  EXPECT_EQ(a.track_id.value_or(""), "generated");
  EXPECT_TRUE(a.laps.empty());
}

TEST(Laps, MinimumLapOptionFiltersShortLaps) {
  GeneratorOptions o;
  o.lap_times_s = {60, 61, 62};
  Options opt;
  opt.min_lap_ms = 100000;
  auto a = run(o, {generated_track(o)}, opt);
  ASSERT_EQ(a.laps.size(), 1u);  // the crossing after 60 s is ignored: one lap of 60 + 61 s
  EXPECT_NEAR(static_cast<double>(a.laps[0].time_ms), 121000, 20);
}

}  // namespace
}  // namespace racesense::analysis
