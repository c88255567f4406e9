// The cryptographic primitives the pairing needs, as ports: OpenSSL on the host (port/host),
// mbedTLS on the RS-Core (port/esp32). The core composes them into SPAKE2+ (RFC 9383) and sealed
// values; it does no curve, hash or cipher arithmetic of its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rscore/result.hpp"

namespace rs {

using Bytes = std::vector<std::uint8_t>;

// Hashes, MACs, key derivation, AEAD and randomness.
class Crypto {
 public:
  virtual ~Crypto() = default;
  [[nodiscard]] virtual Status random(std::uint8_t* out, std::size_t len) = 0;  // a CSPRNG
  virtual Bytes sha256(const Bytes& data) = 0;
  virtual Bytes hmac_sha256(const Bytes& key, const Bytes& data) = 0;
  // HKDF-SHA256 (RFC 5869); an empty salt means "not provided" (a block of zeros).
  virtual Bytes hkdf_sha256(const Bytes& salt, const Bytes& ikm, const std::string& info, std::size_t len) = 0;
  virtual Bytes pbkdf2_sha256(const std::string& password, const Bytes& salt, int iterations, std::size_t len) = 0;
  // AES-GCM with a 12-byte nonce and a 16-byte tag appended to the ciphertext.
  virtual Result<Bytes> aes_gcm_seal(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plaintext) = 0;
  // kInvalidArgument when the tag does not verify; nothing of the plaintext is returned then.
  virtual Result<Bytes> aes_gcm_open(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& sealed) = 0;
};

// The P-256 group. Scalars are 32 bytes big-endian in [0, n); points are 65-byte uncompressed SEC1
// encodings, checked to be on the curve (kInvalidArgument otherwise, and for the point at infinity).
class P256 {
 public:
  virtual ~P256() = default;
  virtual Result<Bytes> reduce(const Bytes& big_endian) = 0;    // any length → value mod n
  virtual Result<Bytes> negate(const Bytes& scalar) = 0;        // n - s mod n
  virtual Result<Bytes> random_scalar() = 0;                    // uniform in [1, n)
  virtual Result<Bytes> mul_generator(const Bytes& scalar) = 0; // s·P
  virtual Result<Bytes> mul(const Bytes& scalar, const Bytes& point) = 0;
  virtual Result<Bytes> add(const Bytes& a, const Bytes& b) = 0;
};

// Compares in time independent of where the bytes differ (MACs, tags).
bool equal_in_constant_time(const Bytes& a, const Bytes& b);

}  // namespace rs
