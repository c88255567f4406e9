// The phone's side of pairing in C++ (docs/protocol.md §1.4): the SPAKE2+ Prover and its sealed
// channel, over any GATT transport. Used by rs-central and by the tests; the web app has its own
// (web/src/ble/pairing.ts), checked against this one.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "rscore/att.hpp"
#include "rscore/crypto.hpp"
#include "rscore/sealed_channel.hpp"

namespace rs::host {

// One GATT operation on a characteristic named by its short id ("5006").
struct GattOps {
  std::function<AttReply(const std::string& ch)> read;
  std::function<AttReply(const std::string& ch, const std::string& value)> write;
};

enum class PairOutcome { kPaired, kWrongCode, kWait, kLocked, kProtocolError };
const char* pair_outcome_name(PairOutcome o);

class PhonePairing {
 public:
  PhonePairing(Crypto& crypto, P256& group, GattOps ops);
  // Runs the handshake with a code; on kPaired the session is open.
  PairOutcome pair(const std::string& code);
  AttReply configure(const std::string& json);  // a sealed CONFIGURE write
  AttReply write_sealed(const std::string& ch, const std::string& plaintext);
  // A FILE_LIST read, opened; nullopt when refused or when the seal does not open.
  std::optional<std::string> read_sealed(const std::string& ch);
  std::string last_sealed() const { return last_sealed_; }  // what went over the air last (replay tests)

 private:
  Crypto& crypto_;
  P256& group_;
  GattOps ops_;
  std::optional<SealedChannel> channel_;
  std::string last_sealed_;
};

}  // namespace rs::host
