#include "posix_file_store.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace rs::posix {
namespace {
class FdReader : public FileReader {
 public:
  explicit FdReader(int fd) : fd_(fd) {}
  ~FdReader() override { ::close(fd_); }
  Result<std::size_t> read(char* buf, std::size_t len) override {
    for (;;) {
      ssize_t n = ::read(fd_, buf, len);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return Error::kIo;
    }
  }

 private:
  int fd_;
};
}  // namespace

Result<std::vector<FileInfo>> PosixFileStore::list(const std::string& folder) {
  std::vector<FileInfo> out;
  DIR* dir = ::opendir(full(folder).c_str());
  if (!dir) return errno == ENOENT ? Result<std::vector<FileInfo>>(out) : Error::kIo;
  while (dirent* e = ::readdir(dir)) {
    struct stat st {};
    std::string path = full(folder) + "/" + e->d_name;
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      out.push_back({e->d_name, static_cast<std::uint64_t>(st.st_size)});
  }
  ::closedir(dir);
  return out;
}

Result<std::unique_ptr<FileReader>> PosixFileStore::open(const std::string& path) {
  int fd = ::open(full(path).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Error::kNotFound : Error::kIo;
  return std::unique_ptr<FileReader>(new FdReader(fd));
}

Status PosixFileStore::make_folder(const std::string& folder) {
  if (::mkdir(full(folder).c_str(), 0755) == 0 || errno == EEXIST) return {};
  return Error::kIo;
}

Status PosixFileStore::rename(const std::string& from, const std::string& to) {
  struct stat st {};
  if (::stat(full(to).c_str(), &st) == 0) return Error::kIo;  // FAT semantics: never replace
  return ::rename(full(from).c_str(), full(to).c_str()) == 0 ? Status() : Status(Error::kIo);
}

Status PosixFileStore::remove(const std::string& path) {
  return ::unlink(full(path).c_str()) == 0 ? Status() : Status(Error::kIo);
}

}  // namespace rs::posix
