#include "storage/blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/text.hpp"

namespace racesense::storage {
namespace fs = std::filesystem;
namespace {
constexpr std::uint64_t kWriteBehind = 8ull << 20;  // start write-back every 8 MB

[[noreturn]] void throw_errno(const std::string& what) {
  int err = errno;
  if (err == ENOSPC || err == EDQUOT) throw StorageFullError("the server's disk is full");
  throw std::runtime_error(what + ": " + std::strerror(err));
}

std::string full_message(std::uint64_t available, std::uint64_t needed) {
  return "the server's disk is full: " + util::megabytes(available) + " free, the upload needs " +
         util::megabytes(needed);
}
}  // namespace

void fsync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_errno("open directory " + dir.string());
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw_errno("fsync directory " + dir.string());
}

void make_private_directory(const fs::path& dir) {
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
}

int open_direct(const fs::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC);  // EINVAL: no direct I/O here
}

TempBlob::TempBlob(BlobStore& store, fs::path path, int fd, int direct_fd)
    : store_(store), path_(std::move(path)), fd_(fd), direct_fd_(direct_fd) {}

TempBlob::TempBlob(BlobStore& store, fs::path path, int fd, std::uint64_t existing, int direct_fd)
    : store_(store), path_(std::move(path)), fd_(fd), direct_fd_(direct_fd), size_(existing), flushed_(existing),
      kept_(true) {}

TempBlob::~TempBlob() {
  if (fd_ >= 0) ::close(fd_);
  close_direct();
  if (!committed_ && !kept_) {
    std::error_code ec;
    fs::remove(path_, ec);
    store_.release(size_);
  }
}

void TempBlob::write(const char* data, std::size_t size) {
  store_.reserve(size);
  std::uint64_t at = size_;
  size_ += size;
  write_at(data, size, at);
  if (cached_ >= kWriteBehind) {  // bytes written directly are on their way to the disk already
    ::sync_file_range(fd_, static_cast<off_t>(flushed_), static_cast<off_t>(size_ - flushed_),
                      SYNC_FILE_RANGE_WRITE);
    flushed_ = size_;
    cached_ = 0;
  }
}

std::size_t TempBlob::direct_part(const char* data, std::size_t size, std::uint64_t at) const {
  bool aligned = at % kDirectAlign == 0 && reinterpret_cast<std::uintptr_t>(data) % kDirectAlign == 0;
  return direct_fd_ >= 0 && aligned ? size - size % kDirectAlign : 0;
}

void TempBlob::write_at(const char* data, std::size_t size, std::uint64_t at) {
  while (size > 0) {
    std::size_t whole = direct_part(data, size, at);
    bool direct = whole > 0;
    ssize_t n = ::pwrite(direct ? direct_fd_ : fd_, data, direct ? whole : size, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && direct && errno == EINVAL) {  // the device wants a larger alignment: page cache from now on
      close_direct();
      continue;
    }
    if (n < 0) throw_errno("write " + path_.string());
    if (!direct) cached_ += static_cast<std::uint64_t>(n);
    data += n;
    at += static_cast<std::uint64_t>(n);
    size -= static_cast<std::size_t>(n);
  }
}

void TempBlob::close_direct() {
  if (direct_fd_ >= 0) ::close(direct_fd_);
  direct_fd_ = -1;
}

void TempBlob::sync() {
  if (::fsync(fd_) != 0) throw_errno("fsync " + path_.string());
  ::close(fd_);
  fd_ = -1;
  close_direct();
}

BlobStore::BlobStore(fs::path data_dir, std::optional<std::uint64_t> quota_bytes,
                     std::uint64_t stored_bytes, std::uint64_t disk_reserve)
    : files_dir_(data_dir / "files"), tmp_dir_(data_dir / "tmp"), quota_(quota_bytes),
      used_(stored_bytes), disk_reserve_(disk_reserve) {
  make_private_directory(files_dir_);
  make_private_directory(tmp_dir_);
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
  return std::make_unique<TempBlob>(*this, path, fd, open_direct(path));
}

std::string BlobStore::commit(TempBlob& blob, const std::string& sha256) {
  std::string name = sha256 + "-" + util::random_hex(4) + ".csv";
  if (::rename(blob.path().c_str(), (files_dir_ / name).c_str()) != 0)
    throw_errno("rename into " + files_dir_.string());
  blob.committed_ = true;
  fsync_directory(files_dir_);
  return name;
}

void BlobStore::remove(const std::string& stored_name, std::uint64_t bytes) {
  std::error_code ec;
  if (!fs::remove(files_dir_ / stored_name, ec)) return;
  release(bytes);
  try {
    fsync_directory(files_dir_);
  } catch (const std::exception&) {
    // Not durable yet: after a power cut the file may come back, and start-up recovery finds the orphan.
  }
}

std::vector<std::string> BlobStore::stored_names() const {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(files_dir_)) names.push_back(entry.path().filename().string());
  return names;
}

fs::path BlobStore::path_of(const std::string& stored_name) const { return files_dir_ / stored_name; }

std::uint64_t BlobStore::disk_available() const {
  struct statvfs st {};
  if (::statvfs(files_dir_.c_str(), &st) != 0) return UINT64_MAX;
  std::uint64_t free = static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
  return free > disk_reserve_ ? free - disk_reserve_ : 0;
}

std::uint64_t BlobStore::available_bytes() const {
  std::uint64_t disk = disk_available();
  if (!quota_) return disk;
  std::uint64_t used = used_.load();
  std::uint64_t quota_left = *quota_ > used ? *quota_ - used : 0;
  return std::min(disk, quota_left);
}

void BlobStore::ensure_room_for(std::uint64_t bytes) const {
  std::uint64_t available = available_bytes();
  if (available == 0 || bytes > available) throw StorageFullError(full_message(available, bytes));
}

void BlobStore::reserve(std::uint64_t bytes) {
  std::uint64_t disk = disk_available();
  if (bytes > disk)
    throw StorageFullError("the server's disk is full: " + util::megabytes(disk) +
                           " free above the reserve it keeps for the system");
  std::uint64_t before = used_.fetch_add(bytes);
  if (quota_ && before + bytes > *quota_) {
    used_ -= bytes;
    throw StorageFullError("the server's storage quota is full");
  }
}

}  // namespace racesense::storage
