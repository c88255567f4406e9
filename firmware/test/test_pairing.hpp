// A logger's pairing gate with a known code, and a phone that pairs with it directly (no radio).
#pragma once

#include <atomic>

#include "openssl_crypto.hpp"
#include "phone_pairing.hpp"
#include "rscore/pairing.hpp"
#include "rscore/sync_service.hpp"

namespace rs::test {

class FakeClock : public MonotonicClock {
 public:
  std::atomic<std::uint64_t> now{1'000'000};
  std::uint64_t now_ms() override { return now; }
  void advance(std::uint64_t ms) { now += ms; }
};

inline constexpr const char* kTestCode = "24681357";

struct TestPairing {
  host::OpensslCrypto crypto;
  host::OpensslP256 group;
  FakeClock clock;
  PairingGate gate{crypto, group, clock};
  TestPairing() {
    if (!gate.set_secret({kTestCode, Bytes(16, 0x5a)}).ok()) throw std::runtime_error("pairing secret");
  }
};

// GATT operations straight on the service, as a central's reads and writes.
inline host::GattOps direct_ops(SyncService& s) {
  return {[&s](const std::string& ch) {
            if (ch == "5002") return s.read_status();
            if (ch == "5005") return s.read_file_list();
            return s.read_pair();
          },
          [&s](const std::string& ch, const std::string& v) {
            if (ch == "5003") return s.write_configure(v);
            if (ch == "5005") return s.write_file_list(v);
            return s.write_pair(v);
          }};
}

}  // namespace rs::test
