#include "csv_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace racesense::analysis {
namespace {
std::string_view trim(std::string_view cell) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  return cell;
}

constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

// [-]digits[.digits] with at most 18 significant digits: the integer mantissa and the power of ten
// are both exact doubles, so one division gives the correctly rounded value (Clinger's fast path).
bool parse_plain_decimal(const char* p, const char* end, double& out) {
  bool negative = p < end && *p == '-';
  if (negative || (p < end && *p == '+')) ++p;
  std::uint64_t mantissa = 0;
  int digits = 0, fraction_digits = 0;
  bool dot = false;
  for (; p < end; ++p) {
    unsigned d = static_cast<unsigned char>(*p) - '0';
    if (d < 10) {
      if (++digits > 18) return false;
      mantissa = mantissa * 10 + d;
      fraction_digits += dot;
    } else if (*p == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  if (digits == 0) return false;
  double v = static_cast<double>(mantissa);
  if (mantissa >= (std::uint64_t{1} << 53)) return false;
  v /= kPow10[fraction_digits];
  out = negative ? -v : v;
  return true;
}
}  // namespace

void split_cells(std::string_view line, std::vector<std::string_view>& cells) {
  cells.clear();
  std::size_t start = 0;
  for (;;) {
    auto comma = line.find(',', start);
    auto cell = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    cells.push_back(trim(cell));
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

std::size_t first_cells(std::string_view line, std::string_view* cells, std::size_t n) {
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

bool parse_number(std::string_view cell, double& out) {
  if (cell.empty() || cell.size() > 40) return false;
  const char* b = cell.data();
  const char* e = b + cell.size();
  if (parse_plain_decimal(b, e, out)) return true;
  if (*b == '+') ++b;  // from_chars takes no leading '+'
  auto [ptr, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && ptr == e && std::isfinite(out);
}

}  // namespace racesense::analysis
