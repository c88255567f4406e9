// The session files on the card (*.csv in the sessions folder), read a window at a time in name
// order, so memory stays flat in the number of files (a card may hold a thousand) at the price of
// one folder scan per window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rscore/active_files.hpp"
#include "rscore/ports.hpp"

namespace rs {

struct ListedFile {
  FileInfo info;
  bool busy = false;  // still being written by the logger
};

bool is_session_file(const std::string& name);

struct FolderTotals {
  std::size_t files = 0, ready = 0;  // all session files / those not busy
  std::uint64_t ready_bytes = 0;
};

class SessionFolder {
 public:
  SessionFolder(FileStore& store, std::string folder, ActiveFiles* active)
      : store_(store), folder_(std::move(folder)), active_(active) {}
  // Up to limit session files whose names sort after `after` ("" = from the first), in name order.
  Result<std::vector<ListedFile>> window(const std::string& after, std::size_t limit);
  Result<FolderTotals> totals();
  const std::string& folder() const { return folder_; }

 private:
  bool busy(const std::string& name) { return active_ && active_->is_open(name); }
  FileStore& store_;
  std::string folder_;
  ActiveFiles* active_;
};

}  // namespace rs
