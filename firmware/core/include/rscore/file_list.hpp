// FILE_LIST characteristic: the session files in compact pages (docs/protocol.md §1.3):
// {"total":300,"offset":0,"gen":4,"files":[["sess_001.csv",183422],["sess_002.csv",99120,1]]}.
// Pages are read from the card when asked for (SessionFolder windows), never from a copy of the list;
// each read continues where the last page ended, so a client writes the offset once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rscore/session_files.hpp"

namespace rs {

class FileListPager {
 public:
  // Handles a write of {"offset":N}; false (ATT 0x13) for bad JSON or a negative offset.
  bool select(std::string_view value);
  void rewind() { offset_ = 0; }
  // The selected page as JSON, at most max_len bytes, holding at least one entry when any remain;
  // the next page is selected after it. gen is the folder's generation (ActiveFiles).
  std::string page(SessionFolder& folder, std::size_t max_len, std::uint32_t gen = 0);
  std::size_t offset() const { return offset_; }

 private:
  Result<std::string> name_before(SessionFolder& folder, std::size_t index);
  std::size_t offset_ = 0;
  // Where the last page ended: a client reading on continues from that name without a recount.
  std::size_t resume_offset_ = 0;
  std::string resume_after_;
};

}  // namespace rs
