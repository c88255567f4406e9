// Peak heap of the sync core while it uploads one large file (a benchmark, not a test): global
// operator new/delete and cJSON's allocator count live bytes; the uploader fake discards the body as
// a radio would. Not counted: the sync thread's stack (CONFIG_RS_SYNC_TASK_STACK on the chip) and
// the hasher's context (OpenSSL here, a static mbedTLS context on the chip).
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "fakes.hpp"
#include "test_pairing.hpp"
#include "cJSON.h"
#include "rscore/sync_service.hpp"

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

void* counted_alloc_nothrow(std::size_t n) {
  try {
    return counted_alloc(n);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
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

class DiscardingGatt : public rs::GattServer {
 public:
  std::size_t notifications = 0;
  void notify_status(const std::string&) override { ++notifications; }
};

class FixedBattery : public rs::Battery {
 public:
  double volts() override { return 3.9; }
};

// The whole service as the radio drives it: CONFIGURE over "BLE", a subscribed central at MTU 185,
// status JSON built by cJSON (its malloc/free are counted too through cJSON_InitHooks).
int main() {
  cJSON_Hooks hooks{counted_alloc_nothrow, counted_free};
  cJSON_InitHooks(&hooks);
  const std::uint64_t size = 50ull << 20;
  SyntheticStore files(size);
  rs::test::FakeWifi wifi;
  DiscardingUploader http;
  rs::host::OpensslSha256 sha;
  DiscardingGatt gatt;
  FixedBattery battery;
  rs::ActiveFiles active;
  std::size_t before = 0;
  rs::SyncStatus status;
  {
    rs::test::TestPairing pairing;
    rs::SyncService service({{files, wifi, http, sha}, gatt, battery, active, pairing.gate}, rs::OffloaderSettings());
    service.on_connect(185);
    service.on_subscribe(true);
    rs::host::PhonePairing phone(pairing.crypto, pairing.group, rs::test::direct_ops(service));
    if (phone.pair(rs::test::kTestCode) != rs::host::PairOutcome::kPaired) return 1;
    before = g_live;
    g_peak = before;
    std::string config = R"({"ssid":"Racesense-Pit","pass":"hunter22","url":"https://example.trycloudflare.com","token":"t"})";
    if (phone.configure(config).att_error != 0) return 1;
    service.wait_until_finished();
    status = service.status();
  }
  std::printf("synced %llu MB: state=%s progress=%d laps=%d, %zu notifications\n",
              static_cast<unsigned long long>(size >> 20), rs::state_name(status.state), status.progress, status.laps,
              gatt.notifications);
  std::printf("core peak heap during the sync: %zu bytes above the %zu bytes live before it\n", g_peak - before, before);
  return status.state == rs::SyncState::kDone ? 0 : 1;
}
