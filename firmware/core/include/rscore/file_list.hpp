// FILE_LIST characteristic: the session files, paged to fit 512-byte values (docs/protocol.md §1.3).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rscore/ports.hpp"

namespace rs {

struct ListedFile {
  FileInfo info;
  bool busy = false;  // still being written by the logger
};

class FileListPager {
 public:
  // A new snapshot, sorted by name.
  void set_snapshot(std::vector<ListedFile> files);
  // Handles a write of {"offset":N}; false (ATT 0x13) for bad JSON or a negative offset.
  bool select(std::string_view value, bool* wants_fresh_snapshot);
  // The selected page as JSON, at most max_len bytes, holding at least one entry when any remain.
  std::string page(std::size_t max_len) const;
  std::size_t offset() const { return offset_; }

 private:
  std::vector<ListedFile> files_;
  std::size_t offset_ = 0;
};

}  // namespace rs
