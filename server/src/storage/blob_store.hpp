#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/storage_error.hpp"

namespace racesense::storage {

class BlobStore;

// Opens `path` a second time for direct I/O (O_DIRECT: the bytes go from the caller's buffer to the
// disk, not through the page cache); -1 where the file system has no direct I/O.
int open_direct(const std::filesystem::path& path);

// A file being received. Removed on destruction unless committed.
//
// Whole blocks at a block-aligned offset from block-aligned memory (kDirectAlign) are written
// through `direct_fd` when there is one, everything else (a resumed upload's odd offset, the last
// bytes of a file) through `fd`. Direct writes skip the copy into the
// page cache, which is most of the kernel's work for an upload when several arrive at once, and
// leave nothing for the final fsync to write back.
class TempBlob {
 public:
  static constexpr std::size_t kDirectAlign = 4096;  // a multiple of every disk's logical block size

  TempBlob(BlobStore& store, std::filesystem::path path, int fd, int direct_fd = -1);
  // A resumable upload's partial file (PartialStore): it already holds `existing` counted bytes and
  // is kept, bytes still counted, when dropped without commit.
  TempBlob(BlobStore& store, std::filesystem::path path, int fd, std::uint64_t existing, int direct_fd = -1);
  ~TempBlob();
  TempBlob(const TempBlob&) = delete;
  TempBlob& operator=(const TempBlob&) = delete;

  // Appends; checks the quota and the disk's free-space reserve before every write and starts
  // write-back of what is already written, so the final fsync has little left to do.
  void write(const char* data, std::size_t size);  // throws StorageFullError, runtime_error
  void sync();                                     // fsync the file and close it
  bool writes_direct() const { return direct_fd_ >= 0; }
  std::uint64_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  friend class BlobStore;
  std::size_t direct_part(const char* data, std::size_t size, std::uint64_t at) const;  // bytes to write direct
  void write_at(const char* data, std::size_t size, std::uint64_t at);
  void close_direct();

  BlobStore& store_;
  std::filesystem::path path_;
  int fd_, direct_fd_;
  std::uint64_t size_ = 0, flushed_ = 0, cached_ = 0;  // cached_: written through the page cache since flushed_
  bool committed_ = false, kept_ = false;
};

// Session files under <data>/files/<sha256>-<random>.csv; uploads land in <data>/tmp/ first. The
// data folder is private to the server's user (0700, files 0600).
// Client filenames never become paths: names on disk are content hashes.
class BlobStore {
 public:
  static constexpr std::uint64_t kDefaultDiskReserve = 8ull << 20;

  BlobStore(std::filesystem::path data_dir, std::optional<std::uint64_t> quota_bytes,
            std::uint64_t stored_bytes, std::uint64_t disk_reserve = kDefaultDiskReserve);

  std::size_t remove_stray_temp_files();
  std::unique_ptr<TempBlob> create_temp();
  // Renames into place under a name no other upload uses and fsyncs the directory; returns the
  // stored name.
  std::string commit(TempBlob& blob, const std::string& sha256);
  // Removes a committed file that has no session row (a failed insert, a duplicate, an orphan, a
  // deleted session) and gives its bytes back to the quota.
  void remove(const std::string& stored_name, std::uint64_t bytes);
  std::vector<std::string> stored_names() const;
  std::filesystem::path path_of(const std::string& stored_name) const;
  void count_stored(std::uint64_t bytes) { used_ += bytes; }
  void uncount(std::uint64_t bytes) { release(bytes); }  // a discarded partial upload's bytes
  std::uint64_t available_bytes() const;
  void ensure_room_for(std::uint64_t bytes) const;  // throws StorageFullError

 private:
  friend class TempBlob;
  void reserve(std::uint64_t bytes);  // quota and disk reserve; throws StorageFullError
  void release(std::uint64_t bytes) { used_ -= bytes; }
  std::uint64_t disk_available() const;

  std::filesystem::path files_dir_, tmp_dir_;
  std::optional<std::uint64_t> quota_;
  std::atomic<std::uint64_t> used_;  // stored + in-flight bytes, for the quota
  std::uint64_t disk_reserve_;
};

void fsync_directory(const std::filesystem::path& dir);
// Creates dir (and parents) and makes it private to this user (0700).
void make_private_directory(const std::filesystem::path& dir);

}  // namespace racesense::storage
