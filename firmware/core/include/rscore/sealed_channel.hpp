// The session's sealed values (docs/protocol.md §1.4): AES-128-GCM, a 4-byte big-endian counter in
// front, the characteristic's short id as associated data, one key and one counter per direction.
#pragma once

#include <cstdint>

#include "rscore/crypto.hpp"

namespace rs {

class SealedChannel {
 public:
  enum class Side { kLogger, kPhone };
  // Derives both directions' keys from SPAKE2+'s K_shared.
  SealedChannel(Crypto& crypto, const Bytes& k_shared, Side side);

  Result<Bytes> seal(std::uint16_t char_id, const Bytes& plaintext);
  // kInvalidArgument when the value is too short, does not open, or its counter is not above the
  // last one taken (a replay or a reordered value); nothing changes then.
  Result<Bytes> open(std::uint16_t char_id, const Bytes& sealed);

 private:
  Crypto& crypto_;
  Bytes send_key_, receive_key_;
  std::uint32_t sent_ = 0, received_ = 0;
};

}  // namespace rs
