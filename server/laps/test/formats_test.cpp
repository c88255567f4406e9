// Format detection, time rebuilding and robustness against input that is not a session.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "gps_time_clock.hpp"
#include "racesense/analysis/analysis.hpp"
#include "racesense/analysis/generator.hpp"
#include "racesense/analysis/samples.hpp"

namespace racesense::analysis {
namespace {

SessionAnalysis analyse_text(const std::string& text) {
  std::istringstream in(text);
  return analyze_stream(in, {});
}

TEST(GpsTimeClock, CounterWrapBeforeTheSecondAdvancesStaysMonotonic) {
  GpsTimeClock clock;
  std::vector<std::string> values = {"1700000612.813", "1700000612.913", "1700000612.013", "1700000612.113",
                                     "1700000613.213", "1700000613.313"};
  std::vector<double> t;
  for (const auto& v : values) t.push_back(clock.next(v).value());
  for (std::size_t i = 1; i < t.size(); ++i) EXPECT_NEAR(t[i] - t[i - 1], 100, 1e-6) << i;
  // The GPS second ticked between the 4th and 5th samples (300-400 ms after the first), so the
  // first sample fell 600-700 ms into its second.
  EXPECT_GE(clock.epoch_ms_at_first().value(), 1700000612600);
  EXPECT_LE(clock.epoch_ms_at_first().value(), 1700000612700);
}

TEST(GpsTimeClock, ADropoutOfSeveralSecondsIsBridged) {
  GpsTimeClock clock;
  double t = 0;
  for (int i = 0; i < 30; ++i) {  // 3 s at 10 Hz, counter phase 913 ms
    double epoch = 612.0 + i * 0.1;
    long counter = std::lround(std::fmod(epoch * 1000 + 913, 1000.0)) % 1000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "1700000%03ld.%03ld", static_cast<long>(std::floor(epoch + 1e-9)), counter);
    t = clock.next(buf).value();
  }
  // the last fix was at 614.9; the next comes 4.7 s later, at 619.6
  long counter = std::lround(std::fmod(619600.0 + 913, 1000.0)) % 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "1700000619.%03ld", counter);
  EXPECT_NEAR(clock.next(buf).value() - t, 4700, 1e-6);
}

TEST(GpsTimeClock, RejectsGarbage) {
  GpsTimeClock clock;
  EXPECT_FALSE(clock.next("abc").has_value());
  EXPECT_FALSE(clock.next("").has_value());
  EXPECT_FALSE(clock.next("12.3.4").has_value());
}

TEST(Formats, AnImpossibleTimestampIsSkippedNotOverflowed) {
  auto a = analyse_text(
      "timestamp,latitude,longitude,speed,satellites\n1727000000.0,45.0,7.0,100,9\n"
      "1727000000.1,45.00001,7.0,100,9\n99999999999999999999,45.00002,7.0,100,9\n");
  EXPECT_EQ(a.gps_samples, 2u);
  EXPECT_EQ(a.skipped_rows, 1u);
  EXPECT_EQ(a.duration_ms, 100);
}

TEST(Formats, HeaderOnlyIsAValidEmptySession) {
  for (const char* header : {"gps_time,lat,lon,alt,speed,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,vbat\n",
                             "tick_ms,row_type,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,lat,lon,alt,speed,sats,vbat\r\n",
                             "\xEF\xBB\xBFtimestamp,latitude,longitude,speed,satellites"}) {
    auto a = analyse_text(header);
    EXPECT_FALSE(a.parse_error.has_value()) << header;
    EXPECT_FALSE(a.format.empty());
    EXPECT_TRUE(a.laps.empty());
  }
}

TEST(Formats, TickRowsKeepOnlyGpsRowsAndDropDuplicates) {
  std::string csv = "tick_ms,row_type,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,lat,lon,alt,speed,sats,vbat\n"
                    "0,I,0,0,1,0,0,0,,,,,,\n"
                    "0,G,,,,,,,,,,0,0,3.9\n"  // before the fix
                    "100,G,,,,,,,45.0,7.0,240,10,9,3.9\n"
                    "100,G,,,,,,,45.0,7.0,240,10,9,3.9\n"
                    "110,I,0,0,1,0,0,0,,,,,,\n"
                    "150,M,,,,,,,,,,,,\n"
                    "200,G,,,,,,,45.0001,7.0,240,10,9,3.9\n";
  auto a = analyse_text(csv);
  EXPECT_EQ(a.format, "tick_ms");
  EXPECT_EQ(a.gps_samples, 2u);
  EXPECT_EQ(a.duration_ms, 100);
  EXPECT_FALSE(a.started_at_ms.has_value());
}

TEST(Formats, TimestampFormatGivesTheStartTime) {
  auto a = analyse_text("timestamp,latitude,longitude,speed,satellites\n1700000000.5,,,0,0\n"
                        "1700000001.25,45,7,10,8\n1700000002.25,45.0001,7,10,8\nnot,a,row\n");
  EXPECT_EQ(a.started_at_ms.value_or(0), 1700000001250);
  EXPECT_EQ(a.gps_samples, 2u);
  EXPECT_EQ(a.skipped_rows, 1u);
}

TEST(Formats, InputsThatAreNotSessionsGetAParseErrorAndNoCrash) {
  std::mt19937 rng(7);
  std::string random_bytes(100000, '\0');
  for (auto& c : random_bytes) c = static_cast<char>(rng());
  std::vector<std::string> inputs = {"", "\x89PNG\r\n\x1a\n\0\0\0IHDR", "{\"ssid\":\"x\"}", random_bytes,
                                     std::string(1 << 20, 'a'), "lat,lon\n1,2\n", "gps_time"};
  for (const auto& in : inputs) {
    auto a = analyse_text(in);
    EXPECT_TRUE(a.parse_error.has_value()) << in.substr(0, 20);
    EXPECT_TRUE(a.laps.empty());
  }
}

TEST(Formats, BadRowsInsideAGoodFileAreSkippedAndCounted) {
  std::string csv = "gps_time,lat,lon,alt,speed,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,vbat\n"
                    "1700000000.100,45,7,0,0,0,0,0,0,0,0,3.9\n"
                    "1700000000.200,nan,7,0,0,0,0,0,0,0,0,3.9\n"
                    "1700000000.300,45,\n" +
                    std::string(70000, 'x') + "\n" + std::string("\0\x01\x02", 3) + "\n" +
                    "1700000000.400,45.0001,7,0,0,0,0,0,0,0,0,3.9\n";
  auto a = analyse_text(csv);
  EXPECT_FALSE(a.parse_error.has_value());
  EXPECT_EQ(a.gps_samples, 2u);
  EXPECT_EQ(a.skipped_rows, 3u);
}

// The trace the web app draws: every fix the generator wrote, the first ones of a gps_time file
// too (held back while the clock learns the sample period), in time order from the first.
TEST(ReadFixes, HandsOverEveryFixOfEachFormat) {
  for (const char* format : {"gps_time", "tick_ms", "timestamp"}) {
    GeneratorOptions o;
    o.format = format;
    o.venue = "kart";
    o.noise_m = 2;
    o.dropouts = 3;
    o.lap_times_s = {42, 41.5};
    std::stringstream csv;
    SessionTruth truth;
    generate_session(o, csv, &truth);
    std::vector<Fix> fixes;
    auto info = read_fixes(csv, [&](const Fix& f) { fixes.push_back(f); });
    ASSERT_FALSE(info.error) << format;
    ASSERT_EQ(fixes.size(), truth.fixes) << format;
    EXPECT_EQ(fixes.front().t_ms, info.first_t_ms) << format;
    EXPECT_NEAR(fixes.back().t_ms - fixes.front().t_ms, static_cast<double>(truth.last_fix_ms - truth.first_fix_ms), 1)
        << format;
    for (std::size_t i = 1; i < fixes.size(); ++i) ASSERT_GT(fixes[i].t_ms, fixes[i - 1].t_ms) << format << " " << i;
  }
}

}  // namespace
}  // namespace racesense::analysis
