#pragma once

#include <string>

#include "rscore/ports.hpp"

namespace rs::posix {

// The SD card through POSIX calls: FAT via ESP-IDF's VFS on the RS-Core, a folder on a PC for the
// simulator: "/sessions/x.csv" is <root>/sessions/x.csv.
class PosixFileStore : public FileStore {
 public:
  explicit PosixFileStore(std::string root) : root_(std::move(root)) {}
  Status scan(const std::string& folder, const std::function<bool(const FileInfo&)>& visit) override;
  Result<std::uint64_t> size(const std::string& path) override;
  Result<std::unique_ptr<FileReader>> open(const std::string& path) override;
  Status make_folder(const std::string& folder) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status remove(const std::string& path) override;

 private:
  std::string full(const std::string& path) const { return root_ + path; }
  std::string root_;
};

}  // namespace rs::posix
