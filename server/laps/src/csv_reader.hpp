#pragma once

#include <cstddef>
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

// Splits on commas (RS-Core files have no quoted fields); cells are trimmed of spaces.
void split_cells(std::string_view line, std::vector<std::string_view>& cells);

// Up to n cells of a line, trimmed, without allocating; returns how many were found.
std::size_t first_cells(std::string_view line, std::string_view* cells, std::size_t n);

// Strict number parsing: the whole cell must be a finite number. Plain decimals take a fast exact
// path; anything else goes through std::from_chars.
bool parse_number(std::string_view cell, double& out);

}  // namespace racesense::analysis
