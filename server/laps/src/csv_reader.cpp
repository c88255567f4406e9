#include "csv_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace racesense::analysis {

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

bool parse_number_slow(std::string_view cell, double& out) {
  if (cell.empty() || cell.size() > 40) return false;
  const char* b = cell.data();
  const char* e = b + cell.size();
  if (*b == '+' && e - b > 1 && b[1] != '-') ++b;  // from_chars takes no leading '+'
  auto [ptr, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && ptr == e && std::isfinite(out);
}

}  // namespace racesense::analysis
