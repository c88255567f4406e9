// The pairing's primitives on the host, from OpenSSL (rs-core-sim, tests, rs-central).
#pragma once

#include "rscore/crypto.hpp"

struct ec_group_st;

namespace rs::host {

class OpensslCrypto : public Crypto {
 public:
  Status random(std::uint8_t* out, std::size_t len) override;
  Bytes sha256(const Bytes& data) override;
  Bytes hmac_sha256(const Bytes& key, const Bytes& data) override;
  Bytes hkdf_sha256(const Bytes& salt, const Bytes& ikm, const std::string& info, std::size_t len) override;
  Bytes pbkdf2_sha256(const std::string& password, const Bytes& salt, int iterations, std::size_t len) override;
  Result<Bytes> aes_gcm_seal(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plaintext) override;
  Result<Bytes> aes_gcm_open(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& sealed) override;
};

class OpensslP256 : public P256 {
 public:
  OpensslP256();
  ~OpensslP256() override;
  OpensslP256(const OpensslP256&) = delete;
  OpensslP256& operator=(const OpensslP256&) = delete;
  Result<Bytes> reduce(const Bytes& big_endian) override;
  Result<Bytes> negate(const Bytes& scalar) override;
  Result<Bytes> random_scalar() override;
  Result<Bytes> mul_generator(const Bytes& scalar) override;
  Result<Bytes> mul(const Bytes& scalar, const Bytes& point) override;
  Result<Bytes> add(const Bytes& a, const Bytes& b) override;

 private:
  Result<Bytes> multiply(const Bytes& scalar, const Bytes* point);
  ec_group_st* group_;
};

}  // namespace rs::host
