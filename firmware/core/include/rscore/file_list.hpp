// FILE_LIST characteristic: the session files, paged to fit 512-byte values (docs/protocol.md §1.3).
// Pages are read from the card when asked for (SessionFolder windows), never from a copy of the list.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "rscore/session_files.hpp"

namespace rs {

class FileListPager {
 public:
  // Handles a write of {"offset":N}; false (ATT 0x13) for bad JSON or a negative offset.
  bool select(std::string_view value);
  void rewind() { offset_ = 0; }
  // The selected page as JSON, at most max_len bytes, holding at least one entry when any remain.
  std::string page(SessionFolder& folder, std::size_t max_len);
  std::size_t offset() const { return offset_; }

 private:
  Result<std::string> name_before(SessionFolder& folder, std::size_t index);
  std::size_t offset_ = 0;
  // Where the last page ended: a client reading on continues from that name without a recount.
  std::size_t resume_offset_ = 0;
  std::string resume_after_;
};

}  // namespace rs
