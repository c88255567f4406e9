// The fix of a gps_time row in its usual shapes, read without splitting cells (docs/protocol.md §3).
// Rows of any other shape are left to the session reader's general path, which judges them.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace racesense::analysis {

struct GpsTimeRow {
  std::int64_t second;
  int counter;
  double lat, lon;
};

namespace row_detail {
// Digits from p on, added to value: the position after them.
inline const char* digits(const char* p, const char* end, std::uint64_t& value, int& count) {
  while (p < end && static_cast<unsigned>(*p - '0') < 10) {
    value = value * 10 + static_cast<unsigned>(*p++ - '0');
    ++count;
  }
  return p;
}

// A plain decimal ending at a comma (or, when last, at the end of the line).
inline const char* plain_decimal(const char* p, const char* end, double& out, bool last) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  bool negative = p < end && *p == '-';
  if (negative) ++p;
  std::uint64_t m = 0;
  int n = 0, whole = 0;
  p = digits(p, end, m, n);
  whole = n;
  if (p < end && *p == '.') p = digits(p + 1, end, m, n);
  if (n == 0 || n > 15 || (p < end ? *p != ',' : !last)) return nullptr;
  double v = static_cast<double>(m) / kPow10[n - whole];
  out = negative ? -v : v;
  return p < end ? p + 1 : p;
}

// A gps_time row of plain numbers ("1700000612.9,45.12,7.1234567,…") read digit by digit in one
// scan; false when the row has any other shape.
inline bool read_common_gps_time_row(std::string_view text, GpsTimeRow& row) {
  const char* p = text.data();
  const char* end = p + text.size();
  std::uint64_t second = 0, fraction = 0;
  int second_digits = 0, fraction_digits = 0;
  p = digits(p, end, second, second_digits);
  if (second_digits == 0 || second_digits > 12 || p == end) return false;
  if (*p == '.') p = digits(p + 1, end, fraction, fraction_digits);
  if (p == end || *p != ',' || fraction_digits > 3) return false;
  for (int i = fraction_digits; i < 3; ++i) fraction *= 10;
  double lat, lon;
  if (!(p = plain_decimal(p + 1, end, lat, false)) || !plain_decimal(p, end, lon, true)) return false;
  if ((lat == 0 && lon == 0) || std::fabs(lat) > 90 || std::fabs(lon) > 180) return false;
  row = {static_cast<std::int64_t>(second), static_cast<int>(fraction), lat, lon};
  return true;
}

// Eight bytes from p as a little-endian word, whatever the machine (compilers make it one load).
inline std::uint64_t load8(const char* p) {
  auto b = [p](int i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i); };
  return b(0) | b(1) | b(2) | b(3) | b(4) | b(5) | b(6) | b(7);
}

// Whether all eight bytes of a word are ASCII digits (high nibble 3, low nibble at most 9).
inline bool eight_digits(std::uint64_t w) {
  constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ull;
  return ((w & kHigh) | (((w + 0x0606060606060606ull) & kHigh) >> 4)) == 0x3333333333333333ull;
}

// The value of eight ASCII digits, the first byte the most significant.
inline std::uint64_t eight_digits_value(std::uint64_t w) {
  w = (w & 0x0F0F0F0F0F0F0F0Full) * 2561 >> 8;
  w = (w & 0x00FF00FF00FF00FFull) * 6553601 >> 16;
  return (w & 0x0000FFFF0000FFFFull) * 42949672960001ull >> 32;
}

inline unsigned digit(char c) { return static_cast<unsigned>(c - '0'); }

// [-]d{1,3}.ddddddd (the logger's coordinates) followed by a comma or, when last, the line's end;
// the position after it, or nullptr. The same integer mantissa divided by the same power of ten as
// plain_decimal(), so the same double, bit for bit.
inline const char* seven_place_decimal(const char* p, const char* end, double& out, bool last) {
  bool negative = p < end && *p == '-';
  if (negative) ++p;
  if (end - p < 9) return nullptr;  // the shortest: d.ddddddd
  std::uint64_t whole = digit(p[0]);
  const char* dot = p + 1;
  if (whole > 9) return nullptr;
  if (*dot != '.') {
    if (digit(*dot) > 9) return nullptr;
    whole = whole * 10 + digit(*dot++);
    if (*dot != '.') {
      if (digit(*dot) > 9) return nullptr;
      whole = whole * 10 + digit(*dot++);
    }
  }
  if (end - dot < 8) return nullptr;
  std::uint64_t w = load8(dot);  // ".ddddddd": the dot read as a leading zero
  if ((w & 0xFF) != '.') return nullptr;
  w = (w & ~std::uint64_t{0xFF}) | '0';
  if (!eight_digits(w)) return nullptr;
  const char* after = dot + 8;
  if (after < end ? *after != ',' : !last) return nullptr;
  double v = static_cast<double>(whole * 10000000 + eight_digits_value(w)) / 1e7;
  out = negative ? -v : v;
  return after < end ? after + 1 : after;
}

// "dddddddddd.ddd," (a GPS second of ten digits and the millisecond counter) read as two words.
inline bool ten_digit_time(const char* p, const char* end, std::int64_t& second, int& counter) {
  if (end - p < 15) return false;
  std::uint64_t head = load8(p), tail = load8(p + 7);  // tail: "ddd.ddd,"
  constexpr std::uint64_t kMarks = 0xFF000000FF000000ull;  // its '.' and ','
  constexpr std::uint64_t kExpected = (std::uint64_t{','} << 56) | (std::uint64_t{'.'} << 24);
  constexpr std::uint64_t kZeros = (std::uint64_t{'0'} << 56) | (std::uint64_t{'0'} << 24);
  if ((tail & kMarks) != kExpected || !eight_digits(head) || !eight_digits((tail & ~kMarks) | kZeros)) return false;
  second = static_cast<std::int64_t>(eight_digits_value(head) * 100 + digit(p[8]) * 10 + digit(p[9]));
  counter = static_cast<int>(digit(p[11]) * 100 + digit(p[12]) * 10 + digit(p[13]));
  return true;
}

// The logger's own shape, "1700000612.913,45.1234567,7.1234567,…", without a loop per digit.
inline bool read_fixed_gps_time_row(std::string_view text, GpsTimeRow& row) {
  const char* p = text.data();
  const char* end = p + text.size();
  if (!ten_digit_time(p, end, row.second, row.counter)) return false;
  p = seven_place_decimal(p + 15, end, row.lat, false);
  if (!p || !seven_place_decimal(p, end, row.lon, true)) return false;
  return !(row.lat == 0 && row.lon == 0) && std::fabs(row.lat) <= 90 && std::fabs(row.lon) <= 180;
}
}  // namespace row_detail

// A gps_time row of the usual shapes: false when it has any other, for the general path to judge.
// The logger's fixed shape first; other plain decimals (fewer places, more digits) by a digit loop.
inline bool read_gps_time_row(std::string_view text, GpsTimeRow& row) {
  return row_detail::read_fixed_gps_time_row(text, row) || row_detail::read_common_gps_time_row(text, row);
}

}  // namespace racesense::analysis
