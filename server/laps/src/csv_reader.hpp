#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace racesense::analysis {

// Cuts a byte stream into lines, whatever the split of the bytes into chunks. Whole lines inside a
// chunk are handed out in place; only a line cut by a chunk boundary is copied, and a line longer
// than max_len is reported as overlong (its bytes dropped), so memory never grows with junk input.
// A trailing '\r' is stripped.
class LineSplitter {
 public:
  explicit LineSplitter(std::size_t max_len = 64 * 1024) : max_len_(max_len) {}

  // on_line(std::string_view line, bool overlong)
  template <class OnLine>
  void feed(const char* data, std::size_t len, OnLine&& on_line) {
    const char* p = data;
    const char* end = data + len;
    while (p < end) {
      auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (!nl) {
        keep(p, end);
        return;
      }
      if (carry_.empty() && !overlong_) {
        emit(std::string_view(p, static_cast<std::size_t>(nl - p)), false, on_line);
      } else {
        keep(p, nl);
        emit(std::string_view(carry_), overlong_, on_line);
        carry_.clear();
        overlong_ = false;
      }
      p = nl + 1;
    }
  }

  template <class OnLine>
  void finish(OnLine&& on_line) {
    if (!carry_.empty() || overlong_) emit(std::string_view(carry_), overlong_, on_line);
    carry_.clear();
    overlong_ = false;
  }

 private:
  void keep(const char* b, const char* e) {
    auto n = static_cast<std::size_t>(e - b);
    if (overlong_ || carry_.size() + n > max_len_) {
      overlong_ = true;
      carry_.clear();
      return;
    }
    carry_.append(b, n);
  }
  template <class OnLine>
  void emit(std::string_view line, bool overlong, OnLine& on_line) {
    if (line.size() > max_len_) overlong = true;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    on_line(overlong ? std::string_view() : line, overlong);
  }

  std::size_t max_len_;
  std::string carry_;
  bool overlong_ = false;
};

inline std::string_view trim(std::string_view cell) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  return cell;
}

// Splits on commas (RS-Core files have no quoted fields); cells are trimmed of spaces.
void split_cells(std::string_view line, std::vector<std::string_view>& cells);

// Up to n cells of a line, trimmed, without allocating; returns how many were found.
inline std::size_t first_cells(std::string_view line, std::string_view* cells, std::size_t n) {
  const char* p = line.data();
  const char* end = p + line.size();
  std::size_t found = 0;
  while (found < n) {
    auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
    const char* cell_end = comma ? comma : end;
    cells[found++] = trim(std::string_view(p, static_cast<std::size_t>(cell_end - p)));
    if (!comma) break;
    p = comma + 1;
  }
  return found;
}

// [-]digits[.digits] with at most 18 significant digits: the integer mantissa and the power of ten
// are both exact doubles, so one division gives the correctly rounded value (Clinger's fast path).
inline bool parse_plain_decimal(std::string_view cell, double& out) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                      1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
  const char* p = cell.data();
  const char* end = p + cell.size();
  bool negative = p < end && *p == '-';
  if (negative) ++p;
  std::uint64_t mantissa = 0;
  const char* start = p;
  while (p < end && static_cast<unsigned>(*p - '0') < 10) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  auto int_digits = p - start;
  long fraction_digits = 0;
  if (p < end && *p == '.') {
    const char* f = ++p;
    while (p < end && static_cast<unsigned>(*p - '0') < 10) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    fraction_digits = p - f;
  }
  if (p != end || int_digits + fraction_digits == 0 || int_digits + fraction_digits > 15) return false;
  double v = static_cast<double>(mantissa) / kPow10[fraction_digits];
  out = negative ? -v : v;
  return true;
}

// Anything else a number cell may hold (exponents, a leading '+', long digit strings).
bool parse_number_slow(std::string_view cell, double& out);

// Strict number parsing: the whole cell must be a finite number.
inline bool parse_number(std::string_view cell, double& out) {
  return parse_plain_decimal(cell, out) || parse_number_slow(cell, out);
}

}  // namespace racesense::analysis
