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

Status PosixFileStore::scan(const std::string& folder, const std::function<bool(const FileInfo&)>& visit) {
  DIR* dir = ::opendir(full(folder).c_str());
  if (!dir) return errno == ENOENT ? Status() : Status(Error::kIo);
  FileInfo info;
  while (dirent* e = ::readdir(dir)) {
    struct stat st {};
    info.name = e->d_name;
    if (::stat((full(folder) + "/" + info.name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    info.size = static_cast<std::uint64_t>(st.st_size);
    if (!visit(info)) break;
  }
  ::closedir(dir);
  return {};
}

Result<std::uint64_t> PosixFileStore::size(const std::string& path) {
  struct stat st {};
  if (::stat(full(path).c_str(), &st) != 0) return errno == ENOENT ? Error::kNotFound : Error::kIo;
  return static_cast<std::uint64_t>(st.st_size);
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
