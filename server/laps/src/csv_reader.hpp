#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace racesense::analysis {

// Reads lines of at most max_len bytes; longer lines are consumed and reported as overlong, so
// memory never grows with junk input. Strips a trailing '\r'.
class LineReader {
 public:
  explicit LineReader(std::istream& in, std::size_t max_len = 64 * 1024) : in_(in), max_len_(max_len) {}
  // false at end of input; *overlong is set when the line was cut and must be skipped.
  bool next(std::string& line, bool* overlong);

 private:
  std::istream& in_;
  std::size_t max_len_;
};

// Splits on commas (RS-Core files have no quoted fields); cells are trimmed of spaces.
void split_cells(std::string_view line, std::vector<std::string_view>& cells);

// Strict number parsing: the whole cell must be a finite number.
bool parse_number(std::string_view cell, double& out);

}  // namespace racesense::analysis
