#include "storage/blob_store.hpp"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/text.hpp"

namespace racesense::storage {
namespace fs = std::filesystem;
namespace {
constexpr std::uint64_t kDiskReserve = 8ull << 20;  // never fill the disk to the last byte

[[noreturn]] void throw_errno(const std::string& what) {
  int err = errno;
  if (err == ENOSPC || err == EDQUOT) throw StorageFullError("the server's disk is full");
  throw std::runtime_error(what + ": " + std::strerror(err));
}
}  // namespace

void fsync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) throw_errno("open directory " + dir.string());
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw_errno("fsync directory " + dir.string());
}

TempBlob::TempBlob(BlobStore& store, fs::path path, int fd)
    : store_(store), path_(std::move(path)), fd_(fd) {}

TempBlob::~TempBlob() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) {
    std::error_code ec;
    fs::remove(path_, ec);
    store_.release(size_);
  }
}

void TempBlob::write(const char* data, std::size_t size) {
  store_.reserve(size);
  size_ += size;
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("write " + path_.string());
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void TempBlob::sync() {
  if (::fsync(fd_) != 0) throw_errno("fsync " + path_.string());
  ::close(fd_);
  fd_ = -1;
}

BlobStore::BlobStore(fs::path data_dir, std::optional<std::uint64_t> quota_bytes,
                     std::uint64_t stored_bytes)
    : files_dir_(data_dir / "files"), tmp_dir_(data_dir / "tmp"), quota_(quota_bytes),
      used_(stored_bytes) {
  fs::create_directories(files_dir_);
  fs::create_directories(tmp_dir_);
}

std::size_t BlobStore::remove_stray_temp_files() {
  std::size_t removed = 0;
  for (const auto& entry : fs::directory_iterator(tmp_dir_)) {
    std::error_code ec;
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

std::unique_ptr<TempBlob> BlobStore::create_temp() {
  ensure_room_for(0);
  auto path = tmp_dir_ / ("upload-" + util::random_hex(12) + ".part");
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("create " + path.string());
  return std::make_unique<TempBlob>(*this, path, fd);
}

std::string BlobStore::commit(TempBlob& blob, const std::string& sha256) {
  std::string name = sha256 + ".csv";
  if (::rename(blob.path().c_str(), (files_dir_ / name).c_str()) != 0)
    throw_errno("rename into " + files_dir_.string());
  blob.committed_ = true;
  fsync_directory(files_dir_);
  return name;
}

void BlobStore::discard(TempBlob& blob) {
  std::error_code ec;
  fs::remove(blob.path(), ec);
}

void BlobStore::remove(const std::string& stored_name, std::uint64_t bytes) {
  std::error_code ec;
  if (fs::remove(files_dir_ / stored_name, ec)) fsync_directory(files_dir_);
  release(bytes);
}

fs::path BlobStore::path_of(const std::string& stored_name) const { return files_dir_ / stored_name; }

std::uint64_t BlobStore::available_bytes() const {
  struct statvfs st {};
  std::uint64_t disk = UINT64_MAX;
  if (::statvfs(files_dir_.c_str(), &st) == 0) {
    std::uint64_t free = static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
    disk = free > kDiskReserve ? free - kDiskReserve : 0;
  }
  if (!quota_) return disk;
  std::uint64_t used = used_.load();
  std::uint64_t quota_left = *quota_ > used ? *quota_ - used : 0;
  return std::min(disk, quota_left);
}

void BlobStore::ensure_room_for(std::uint64_t bytes) const {
  std::uint64_t available = available_bytes();
  if (available == 0 || bytes > available)
    throw StorageFullError("the server's disk is full: " + std::to_string(available >> 20) +
                           " MB free, the upload needs " + std::to_string((bytes + (1 << 20) - 1) >> 20) +
                           " MB");
}

void BlobStore::reserve(std::uint64_t bytes) {
  std::uint64_t before = used_.fetch_add(bytes);
  if (quota_ && before + bytes > *quota_) {
    used_ -= bytes;
    throw StorageFullError("the server's storage quota is full");
  }
}

}  // namespace racesense::storage
