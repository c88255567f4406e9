// The pairing's primitives on the RS-Core, from ESP-IDF's mbedTLS (SHA-256 and the big-number
// arithmetic under P-256 use the ESP32-S3's SHA and MPI accelerators) and the hardware RNG.
#pragma once

#include "mbedtls/ecp.h"
#include "rscore/crypto.hpp"

namespace rs::esp32 {

class MbedtlsCrypto : public Crypto {
 public:
  Status random(std::uint8_t* out, std::size_t len) override;
  Bytes sha256(const Bytes& data) override;
  Bytes hmac_sha256(const Bytes& key, const Bytes& data) override;
  Bytes hkdf_sha256(const Bytes& salt, const Bytes& ikm, const std::string& info, std::size_t len) override;
  Bytes pbkdf2_sha256(const std::string& password, const Bytes& salt, int iterations, std::size_t len) override;
  Result<Bytes> aes_gcm_seal(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plaintext) override;
  Result<Bytes> aes_gcm_open(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& sealed) override;
};

class MbedtlsP256 : public P256 {
 public:
  MbedtlsP256();
  ~MbedtlsP256() override;
  MbedtlsP256(const MbedtlsP256&) = delete;
  MbedtlsP256& operator=(const MbedtlsP256&) = delete;
  Result<Bytes> reduce(const Bytes& big_endian) override;
  Result<Bytes> negate(const Bytes& scalar) override;
  Result<Bytes> random_scalar() override;
  Result<Bytes> mul_generator(const Bytes& scalar) override;
  Result<Bytes> mul(const Bytes& scalar, const Bytes& point) override;
  Result<Bytes> add(const Bytes& a, const Bytes& b) override;

 private:
  Result<Bytes> multiply(const Bytes& scalar, const mbedtls_ecp_point& point);
  Result<Bytes> encode(const mbedtls_ecp_point& point);
  mbedtls_ecp_group group_;
};

}  // namespace rs::esp32
