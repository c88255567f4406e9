#include "csv_reader.hpp"

#include <cmath>
#include <cstdlib>

namespace racesense::analysis {

bool LineReader::next(std::string& line, bool* overlong) {
  line.clear();
  *overlong = false;
  std::streambuf* buf = in_.rdbuf();
  int c = buf->sbumpc();
  if (c == std::char_traits<char>::eof()) return false;
  while (c != std::char_traits<char>::eof() && c != '\n') {
    if (line.size() < max_len_) line.push_back(static_cast<char>(c));
    else *overlong = true;
    c = buf->sbumpc();
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

void split_cells(std::string_view line, std::vector<std::string_view>& cells) {
  cells.clear();
  std::size_t start = 0;
  for (;;) {
    auto comma = line.find(',', start);
    auto cell = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
    cells.push_back(cell);
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

bool parse_number(std::string_view cell, double& out) {
  if (cell.empty() || cell.size() > 40) return false;
  char buf[48];
  cell.copy(buf, cell.size());
  buf[cell.size()] = '\0';
  char* end = nullptr;
  out = std::strtod(buf, &end);
  return end == buf + cell.size() && std::isfinite(out);
}

}  // namespace racesense::analysis
