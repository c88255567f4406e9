// The gps_time row readers against an independent reading: a regular expression for the shape and
// std::from_chars (correctly rounded) for the values, over rows near the logger's shape.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "gps_time_row.hpp"

namespace racesense::analysis {
namespace {

// What the readers promise: a GPS second of 1-12 digits with up to 3 counter digits, then two plain
// decimals of 1-15 digits in all, a fix (not 0,0) within range.
std::optional<GpsTimeRow> expected(const std::string& row) {
  static const std::regex shape(R"(^(\d{1,12})(?:\.(\d{0,3}))?,(-?\d*(?:\.\d*)?),(-?\d*(?:\.\d*)?)(,.*)?$)");
  std::smatch m;
  if (!std::regex_match(row, m, shape)) return std::nullopt;
  auto digit_count = [](const std::string& s) {
    int n = 0;
    for (char c : s) n += c >= '0' && c <= '9';
    return n;
  };
  std::string lat = m[3], lon = m[4];
  for (const auto* cell : {&lat, &lon})
    if (digit_count(*cell) == 0 || digit_count(*cell) > 15) return std::nullopt;
  GpsTimeRow r{};
  r.second = std::stoll(m[1]);
  std::string counter = std::string(m[2]) + "000";
  r.counter = std::stoi(counter.substr(0, 3));
  auto value = [](const std::string& s, double& out) {
    std::string t = s;
    if (t == "-" || t.empty()) return false;
    if (t.back() == '.') t.pop_back();  // "12." is 12
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && p == t.data() + t.size();
  };
  if (!value(lat, r.lat) || !value(lon, r.lon)) return std::nullopt;
  if ((r.lat == 0 && r.lon == 0) || std::fabs(r.lat) > 90 || std::fabs(r.lon) > 180) return std::nullopt;
  return r;
}

std::string digits(std::mt19937& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
  return s;
}

// Mostly the logger's shape, with one part of it changed now and then.
std::string random_row(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto coordinate = [&](int max_whole) {
    std::string s = pick(4) == 0 ? "-" : "";
    int whole = pick(6) == 0 ? pick(5) : 1 + pick(max_whole);
    int places = pick(5) == 0 ? pick(12) : 7;
    s += digits(rng, whole);
    if (pick(20) != 0) s += "." + digits(rng, places);
    return s;
  };
  std::string time = digits(rng, pick(6) == 0 ? 1 + pick(14) : 10);
  if (pick(10) != 0) time += "." + digits(rng, pick(6) == 0 ? pick(6) : 3);
  std::string row = time + "," + coordinate(2) + "," + coordinate(3);
  if (pick(4) != 0) row += ",240.0,31.2,-0.011";
  if (pick(8) == 0) row[static_cast<std::size_t>(pick(static_cast<int>(row.size())))] = ",.-+ x0"[pick(7)];
  if (pick(12) == 0) row.resize(static_cast<std::size_t>(pick(static_cast<int>(row.size()) + 1)));
  return row;
}

TEST(GpsTimeRow, ReadsWhatAnIndependentParserReads) {
  std::mt19937 rng(11);
  int fixed_shape = 0, other_shapes = 0, refused = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string row = random_row(rng);
    auto want = expected(row);
    // The row alone in a buffer of its size: a read past its end shows in a sanitizer build.
    std::vector<char> bytes(row.begin(), row.end());
    std::string_view text(bytes.data(), bytes.size());
    GpsTimeRow fixed{}, any{};
    bool fixed_ok = row_detail::read_fixed_gps_time_row(text, fixed);
    bool any_ok = read_gps_time_row(text, any);
    ASSERT_EQ(any_ok, want.has_value()) << row;
    if (fixed_ok) ASSERT_TRUE(any_ok) << row;
    if (!want) {
      ++refused;
      continue;
    }
    (fixed_ok ? fixed_shape : other_shapes)++;
    for (const GpsTimeRow* got : {&any, fixed_ok ? &fixed : &any}) {
      EXPECT_EQ(got->second, want->second) << row;
      EXPECT_EQ(got->counter, want->counter) << row;
      EXPECT_EQ(got->lat, want->lat) << row;  // exactly: both are the correctly rounded value
      EXPECT_EQ(got->lon, want->lon) << row;
      EXPECT_EQ(std::signbit(got->lat), std::signbit(want->lat)) << row;
      EXPECT_EQ(std::signbit(got->lon), std::signbit(want->lon)) << row;
    }
  }
  // Each kind well represented, so every branch above was taken many times.
  EXPECT_GT(fixed_shape, 2000);
  EXPECT_GT(other_shapes, 2000);
  EXPECT_GT(refused, 2000);
}

TEST(GpsTimeRow, TheLoggersShapeAtTheEdgesOfItsRange) {
  GpsTimeRow r{};
  ASSERT_TRUE(row_detail::read_fixed_gps_time_row("9999999999.999,-90.0000000,-180.0000000", r));
  EXPECT_EQ(r.second, 9999999999);
  EXPECT_EQ(r.counter, 999);
  EXPECT_EQ(r.lat, -90.0);
  EXPECT_EQ(r.lon, -180.0);
  ASSERT_TRUE(row_detail::read_fixed_gps_time_row("0000000000.000,0.0000001,-0.0000000,", r));
  EXPECT_EQ(r.second, 0);
  EXPECT_EQ(r.lat, 1e-7);
  EXPECT_TRUE(std::signbit(r.lon));
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("1700000612.913,90.0000001,7.1234567", r));
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("1700000612.913,0.0000000,0.0000000,1", r));  // no fix
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("1700000612.913,45.1234567,7.123456", r));   // cut short
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("1700000612.913,45.1234567;7.1234567", r));
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("1700000612.9130,45.1234567,7.1234567", r));
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("170000061a.913,45.1234567,7.1234567", r));
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("1700000612.913,45.123/567,7.1234567", r));
  EXPECT_FALSE(row_detail::read_fixed_gps_time_row("1700000612.913,4:.1234567,7.1234567", r));
}

}  // namespace
}  // namespace racesense::analysis
