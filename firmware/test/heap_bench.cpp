// Peak heap of the sync core while it uploads one large file (a benchmark, not a test): global
// operator new/delete count live bytes; the uploader fake discards the body as a radio would.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "fakes.hpp"
#include "rscore/offloader.hpp"

namespace {
std::atomic<std::size_t> g_live{0}, g_peak{0};

void* counted_alloc(std::size_t n) {
  auto* p = static_cast<std::size_t*>(std::malloc(n + sizeof(std::max_align_t)));
  if (!p) throw std::bad_alloc();
  *p = n;
  std::size_t live = g_live += n;
  for (std::size_t peak = g_peak; live > peak && !g_peak.compare_exchange_weak(peak, live);) {
  }
  return reinterpret_cast<char*>(p) + sizeof(std::max_align_t);
}

void counted_free(void* ptr) {
  if (!ptr) return;
  auto* p = reinterpret_cast<std::size_t*>(static_cast<char*>(ptr) - sizeof(std::max_align_t));
  g_live -= *p;
  std::free(p);
}

// Serves a large file from no memory at all, so only the core's own allocations count.
class SyntheticStore : public rs::test::FakeFileStore {
 public:
  explicit SyntheticStore(std::uint64_t size) : size_(size) {}
  rs::Result<std::vector<rs::FileInfo>> list(const std::string&) override {
    return std::vector<rs::FileInfo>{{"big.csv", size_}};
  }
  rs::Result<std::unique_ptr<rs::FileReader>> open(const std::string&) override {
    return std::unique_ptr<rs::FileReader>(new Reader(size_));
  }
  rs::Status rename(const std::string&, const std::string&) override { return {}; }

 private:
  class Reader : public rs::FileReader {
   public:
    explicit Reader(std::uint64_t left) : left_(left) {}
    rs::Result<std::size_t> read(char* buf, std::size_t len) override {
      std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(len, left_));
      for (std::size_t i = 0; i < n; ++i) buf[i] = static_cast<char>('0' + i % 10);
      left_ -= n;
      return n;
    }

   private:
    std::uint64_t left_;
  };
  std::uint64_t size_;
};

// Reads the body chunk by chunk into a fixed buffer, answers with the matching hash.
class DiscardingUploader : public rs::HttpUploader {
 public:
  rs::Result<rs::UploadResponse> post(const rs::UploadRequest& r, rs::BodySource& body) override {
    static char buf[4096];
    for (;;) {
      auto n = body.read(buf, sizeof buf);
      if (!n.ok()) return n.error();
      if (n.value() == 0) break;
    }
    return rs::UploadResponse{200, "{\"sha256\":\"" + r.sha256 + "\",\"laps\":7}"};
  }
  void close() override {}
};
}  // namespace

void* operator new(std::size_t n) { return counted_alloc(n); }
void* operator new[](std::size_t n) { return counted_alloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

int main() {
  const std::uint64_t size = 50ull << 20;
  SyntheticStore files(size);
  rs::test::FakeWifi wifi;
  DiscardingUploader http;
  rs::host::OpensslSha256 sha;
  rs::SyncConfig config{"Racesense-Pit", "hunter22", "https://example.trycloudflare.com", "token", rs::AfterUpload::kArchive};
  rs::SyncStatus status;
  rs::CancelToken cancel;
  std::size_t before = g_live;
  g_peak = before;
  rs::Offloader offloader({files, wifi, http, sha}, {}, [&](const std::function<void(rs::SyncStatus&)>& c) { c(status); });
  offloader.run(config, {{{"big.csv", size}, false}}, cancel);
  std::printf("synced %llu MB: state=%s progress=%d laps=%d\n", static_cast<unsigned long long>(size >> 20),
              rs::state_name(status.state), status.progress, status.laps);
  std::printf("core peak heap during the sync: %zu bytes above the %zu bytes live before it\n", g_peak - before, before);
  return status.state == rs::SyncState::kDone ? 0 : 1;
}
