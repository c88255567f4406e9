#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <new>
#include <random>

#include "storage/blob_store.hpp"
#include "test_support.hpp"

namespace racesense::storage {
namespace {
using test::TempDir;
constexpr std::size_t kBlock = TempBlob::kDirectAlign;

struct AlignedBytes {
  explicit AlignedBytes(std::size_t n) : size(n), data(new (std::align_val_t{kBlock}) char[n]) {
    std::mt19937 rng(static_cast<unsigned>(n));
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<char>(rng());
  }
  ~AlignedBytes() { ::operator delete[](data, std::align_val_t{kBlock}); }
  std::size_t size;
  char* data;
};

std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Pages of the file the page cache holds (mincore on a mapping of it), one flag per page.
std::vector<bool> cached_pages(const std::filesystem::path& p, std::size_t size) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> in_core((size + page - 1) / page);
  ::mincore(map, size, in_core.data());
  ::munmap(map, size);
  std::vector<bool> out;
  for (auto c : in_core) out.push_back(c & 1);
  return out;
}

bool direct_io_here(const std::filesystem::path& dir) {
  auto probe = dir / "probe";
  std::ofstream(probe).put('x');
  int fd = open_direct(probe);
  if (fd >= 0) ::close(fd);
  std::filesystem::remove(probe);
  return fd >= 0;
}

// Whole aligned blocks, a ragged tail, then whatever follows it: the file holds exactly the bytes
// written, in order, whichever path each chunk took.
TEST(TempBlob, MixedDirectAndBufferedWritesKeepEveryByteInOrder) {
  TempDir dir;
  BlobStore store(dir.path(), std::nullopt, 0);
  AlignedBytes src(64 * kBlock + 1000);
  auto blob = store.create_temp();
  std::size_t chunks[] = {8 * kBlock, 3 * kBlock + 17, 5 * kBlock, 2 * kBlock, 1000, 0};
  std::size_t at = 0;
  for (std::size_t n : chunks) {
    blob->write(src.data + at, n);
    at += n;
  }
  blob->write(src.data + at, src.size - at);
  blob->sync();
  EXPECT_EQ(blob->size(), src.size);
  EXPECT_EQ(file_bytes(blob->path()), std::string(src.data, src.size));
}

TEST(TempBlob, AlignedBlocksBypassThePageCacheAndTheRaggedTailDoesNot) {
  TempDir dir;
  if (!direct_io_here(dir.path())) GTEST_SKIP() << "no direct I/O on this file system";
  BlobStore store(dir.path(), std::nullopt, 0);
  AlignedBytes src(16 * kBlock + 100);
  auto blob = store.create_temp();
  ASSERT_TRUE(blob->writes_direct());
  blob->write(src.data, src.size);  // 16 blocks direct, 100 bytes through the page cache
  auto pages = cached_pages(blob->path(), src.size);
  ASSERT_EQ(pages.size(), 17u);
  for (std::size_t i = 0; i < 16; ++i) EXPECT_FALSE(pages[i]) << "block " << i << " went through the page cache";
  EXPECT_TRUE(pages[16]);
  blob->sync();
  EXPECT_EQ(file_bytes(blob->path()), std::string(src.data, src.size));
}

// A resumed upload appends at whatever offset the cut left: every later write is unaligned there
// and goes through the page cache, bytes intact.
TEST(TempBlob, AppendingAtAnOddOffsetStaysCorrect) {
  TempDir dir;
  BlobStore store(dir.path(), std::nullopt, 0);
  AlignedBytes head(777), tail(6 * kBlock);
  auto path = dir.path() / "partial";
  std::ofstream(path, std::ios::binary).write(head.data, static_cast<std::streamsize>(head.size));
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  {
    TempBlob blob(store, path, fd, head.size, open_direct(path));
    blob.write(tail.data, tail.size);
    blob.sync();
    EXPECT_EQ(blob.size(), head.size + tail.size);
  }
  EXPECT_EQ(file_bytes(path), std::string(head.data, head.size) + std::string(tail.data, tail.size));
}

}  // namespace
}  // namespace racesense::storage
