#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace racesense::storage {

// Raised when the disk (or the configured quota) has no room for the bytes being written.
class StorageFullError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class BlobStore;

// A file being received. Removed on destruction unless committed.
class TempBlob {
 public:
  TempBlob(BlobStore& store, std::filesystem::path path, int fd);
  ~TempBlob();
  TempBlob(const TempBlob&) = delete;
  TempBlob& operator=(const TempBlob&) = delete;

  void write(const char* data, std::size_t size);  // throws StorageFullError, runtime_error
  void sync();                                     // fsync the file and close it
  std::uint64_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  friend class BlobStore;
  BlobStore& store_;
  std::filesystem::path path_;
  int fd_;
  std::uint64_t size_ = 0;
  bool committed_ = false;
};

// Session files under <data>/files/<sha256>.csv; uploads land in <data>/tmp/ first.
// Client filenames never become paths: names on disk are content hashes.
class BlobStore {
 public:
  BlobStore(std::filesystem::path data_dir, std::optional<std::uint64_t> quota_bytes,
            std::uint64_t stored_bytes);

  std::size_t remove_stray_temp_files();
  std::unique_ptr<TempBlob> create_temp();
  // Renames into place and fsyncs the directory; returns the stored name.
  std::string commit(TempBlob& blob, const std::string& sha256);
  void discard(TempBlob& blob);
  // Removes a stored file (its session was deleted) and gives its bytes back to the quota.
  void remove(const std::string& stored_name, std::uint64_t bytes);
  std::filesystem::path path_of(const std::string& stored_name) const;
  std::uint64_t available_bytes() const;
  void ensure_room_for(std::uint64_t bytes) const;  // throws StorageFullError

 private:
  friend class TempBlob;
  void reserve(std::uint64_t bytes);  // throws StorageFullError
  void release(std::uint64_t bytes) { used_ -= bytes; }

  std::filesystem::path files_dir_, tmp_dir_;
  std::optional<std::uint64_t> quota_;
  std::atomic<std::uint64_t> used_;  // stored + in-flight bytes, for the quota
};

void fsync_directory(const std::filesystem::path& dir);

}  // namespace racesense::storage
