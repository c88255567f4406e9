// The PAIR characteristic and the session behind it (docs/protocol.md §1.4): SPAKE2+ with the
// logger's pairing code, the rate limit on attempts, and the sealed channel of one connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "rscore/att.hpp"
#include "rscore/crypto.hpp"
#include "rscore/pairing_code.hpp"
#include "rscore/sealed_channel.hpp"
#include "rscore/spake2plus.hpp"

namespace rs {

class MonotonicClock {
 public:
  virtual ~MonotonicClock() = default;
  virtual std::uint64_t now_ms() = 0;
};

class SteadyClock : public MonotonicClock {
 public:
  std::uint64_t now_ms() override {
    using namespace std::chrono;
    return static_cast<std::uint64_t>(duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
  }
};

SpakeIdentity pairing_identity();  // kSpakeContext, empty ids

class PairingGate {
 public:
  PairingGate(Crypto& crypto, P256& group, MonotonicClock& clock);
  // Derives w0 and L from the code; only those are kept. Until then pairing answers "locked".
  [[nodiscard]] Status set_secret(const PairingSecret& secret);
  void on_change(std::function<void()> listener) { on_change_ = std::move(listener); }

  AttReply read_pair();
  AttReply write_pair(std::string_view value);
  void end_session();  // the connection changed: handshake and session are gone
  void reopen();       // the logger's button: failures back to 0

  bool has_session();
  Result<std::string> open(std::uint16_t char_id, std::string_view sealed);
  Result<std::string> seal(std::uint16_t char_id, const std::string& plaintext);
  int failures();
  bool locked();

 private:
  AttReply take_share(const Bytes& share_p);
  AttReply take_confirm(const Bytes& confirm_p);
  std::uint64_t wait_ms_locked();
  void changed();

  Crypto& crypto_;
  P256& group_;
  MonotonicClock& clock_;
  std::mutex mu_;
  Bytes salt_, w0_, L_;
  int failures_ = 0;
  std::uint64_t last_attempt_ms_ = 0;
  std::unique_ptr<SpakeVerifier> handshake_;
  VerifierAnswer handshake_answer_;  // shareV and confirmV while waiting for cp
  std::optional<SealedChannel> session_;
  std::function<void()> on_change_;
};

}  // namespace rs
