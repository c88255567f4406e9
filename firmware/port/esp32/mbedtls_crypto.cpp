#include "mbedtls_crypto.hpp"

#include "esp_random.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/pkcs5.h"
#include "mbedtls/sha256.h"

namespace rs::esp32 {
namespace {
constexpr std::size_t kScalarLen = 32, kPointLen = 65, kTagLen = 16;

// mbedTLS's RNG callback (scalar blinding in mbedtls_ecp_mul) on the hardware RNG.
int hardware_rng(void*, unsigned char* out, size_t len) {
  esp_fill_random(out, len);
  return 0;
}

const mbedtls_md_info_t* sha256_md() { return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256); }

// RAII for the two mbedTLS types used below.
struct Mpi {
  mbedtls_mpi v;
  Mpi() { mbedtls_mpi_init(&v); }
  ~Mpi() { mbedtls_mpi_free(&v); }
};
struct EcPoint {
  mbedtls_ecp_point v;
  EcPoint() { mbedtls_ecp_point_init(&v); }
  ~EcPoint() { mbedtls_ecp_point_free(&v); }
};

Bytes scalar_bytes(const mbedtls_mpi& s) {
  Bytes out(kScalarLen);
  if (mbedtls_mpi_write_binary(&s, out.data(), out.size()) != 0) return Bytes();
  return out;
}
}  // namespace

Status MbedtlsCrypto::random(std::uint8_t* out, std::size_t len) {
  esp_fill_random(out, len);  // true random while Wi-Fi or BLE is on (the GATT service needs BLE)
  return {};
}

Bytes MbedtlsCrypto::sha256(const Bytes& data) {
  Bytes out(32);
  mbedtls_sha256(data.data(), data.size(), out.data(), 0);
  return out;
}

Bytes MbedtlsCrypto::hmac_sha256(const Bytes& key, const Bytes& data) {
  Bytes out(32);
  if (mbedtls_md_hmac(sha256_md(), key.data(), key.size(), data.data(), data.size(), out.data()) != 0) return Bytes();
  return out;
}

Bytes MbedtlsCrypto::hkdf_sha256(const Bytes& salt, const Bytes& ikm, const std::string& info, std::size_t len) {
  Bytes out(len);
  int rc = mbedtls_hkdf(sha256_md(), salt.empty() ? nullptr : salt.data(), salt.size(), ikm.data(), ikm.size(),
                        reinterpret_cast<const unsigned char*>(info.data()), info.size(), out.data(), out.size());
  return rc == 0 ? out : Bytes();
}

Bytes MbedtlsCrypto::pbkdf2_sha256(const std::string& password, const Bytes& salt, int iterations, std::size_t len) {
  Bytes out(len);
  int rc = mbedtls_pkcs5_pbkdf2_hmac_ext(MBEDTLS_MD_SHA256, reinterpret_cast<const unsigned char*>(password.data()),
                                         password.size(), salt.data(), salt.size(), static_cast<unsigned int>(iterations),
                                         static_cast<uint32_t>(len), out.data());
  return rc == 0 ? out : Bytes();
}

Result<Bytes> MbedtlsCrypto::aes_gcm_seal(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plaintext) {
  mbedtls_gcm_context gcm;
  mbedtls_gcm_init(&gcm);
  Bytes out(plaintext.size() + kTagLen);
  int rc = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key.data(), static_cast<unsigned int>(key.size() * 8));
  if (rc == 0)
    rc = mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, plaintext.size(), nonce.data(), nonce.size(), aad.data(),
                                   aad.size(), plaintext.data(), out.data(), kTagLen, out.data() + plaintext.size());
  mbedtls_gcm_free(&gcm);
  if (rc != 0) return Error::kIo;
  return out;
}

Result<Bytes> MbedtlsCrypto::aes_gcm_open(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& sealed) {
  if (sealed.size() < kTagLen) return Error::kInvalidArgument;
  std::size_t body = sealed.size() - kTagLen;
  mbedtls_gcm_context gcm;
  mbedtls_gcm_init(&gcm);
  Bytes out(body);
  int rc = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key.data(), static_cast<unsigned int>(key.size() * 8));
  if (rc == 0)
    rc = mbedtls_gcm_auth_decrypt(&gcm, body, nonce.data(), nonce.size(), aad.data(), aad.size(), sealed.data() + body,
                                  kTagLen, sealed.data(), out.data());
  mbedtls_gcm_free(&gcm);
  if (rc != 0) return Error::kInvalidArgument;  // the tag does not verify: nothing is returned
  return out;
}

MbedtlsP256::MbedtlsP256() {
  mbedtls_ecp_group_init(&group_);
  mbedtls_ecp_group_load(&group_, MBEDTLS_ECP_DP_SECP256R1);
}

MbedtlsP256::~MbedtlsP256() { mbedtls_ecp_group_free(&group_); }

Result<Bytes> MbedtlsP256::reduce(const Bytes& big_endian) {
  Mpi in, out;
  if (mbedtls_mpi_read_binary(&in.v, big_endian.data(), big_endian.size()) != 0 ||
      mbedtls_mpi_mod_mpi(&out.v, &in.v, &group_.N) != 0)
    return Error::kIo;
  return scalar_bytes(out.v);
}

Result<Bytes> MbedtlsP256::negate(const Bytes& scalar) {
  Mpi s, out;
  if (mbedtls_mpi_read_binary(&s.v, scalar.data(), scalar.size()) != 0) return Error::kInvalidArgument;
  if (mbedtls_mpi_cmp_int(&s.v, 0) == 0) return scalar_bytes(s.v);
  if (mbedtls_mpi_sub_mpi(&out.v, &group_.N, &s.v) != 0) return Error::kIo;
  return scalar_bytes(out.v);
}

Result<Bytes> MbedtlsP256::random_scalar() {
  Mpi s;
  if (mbedtls_ecp_gen_privkey(&group_, &s.v, hardware_rng, nullptr) != 0) return Error::kIo;  // in [1, n)
  return scalar_bytes(s.v);
}

Result<Bytes> MbedtlsP256::mul_generator(const Bytes& scalar) { return multiply(scalar, group_.G); }

Result<Bytes> MbedtlsP256::mul(const Bytes& scalar, const Bytes& point) {
  EcPoint p;
  if (point.size() != kPointLen || mbedtls_ecp_point_read_binary(&group_, &p.v, point.data(), point.size()) != 0 ||
      mbedtls_ecp_check_pubkey(&group_, &p.v) != 0)
    return Error::kInvalidArgument;  // not on the curve
  return multiply(scalar, p.v);
}

Result<Bytes> MbedtlsP256::multiply(const Bytes& scalar, const mbedtls_ecp_point& point) {
  Mpi s;
  EcPoint r;
  if (scalar.size() != kScalarLen || mbedtls_mpi_read_binary(&s.v, scalar.data(), scalar.size()) != 0)
    return Error::kInvalidArgument;
  // Constant-time, with the RNG blinding the scalar.
  if (mbedtls_ecp_mul(&group_, &r.v, &s.v, &point, hardware_rng, nullptr) != 0) return Error::kInvalidArgument;
  return encode(r.v);
}

Result<Bytes> MbedtlsP256::add(const Bytes& a, const Bytes& b) {
  EcPoint pa, pb, r;
  Mpi one;
  if (a.size() != kPointLen || b.size() != kPointLen ||
      mbedtls_ecp_point_read_binary(&group_, &pa.v, a.data(), a.size()) != 0 ||
      mbedtls_ecp_point_read_binary(&group_, &pb.v, b.data(), b.size()) != 0 ||
      mbedtls_ecp_check_pubkey(&group_, &pa.v) != 0 || mbedtls_ecp_check_pubkey(&group_, &pb.v) != 0)
    return Error::kInvalidArgument;
  // 1·A + 1·B: mbedtls_ecp_muladd is not constant-time in its scalars, which are the public 1s here.
  if (mbedtls_mpi_lset(&one.v, 1) != 0 || mbedtls_ecp_muladd(&group_, &r.v, &one.v, &pa.v, &one.v, &pb.v) != 0)
    return Error::kInvalidArgument;
  return encode(r.v);
}

Result<Bytes> MbedtlsP256::encode(const mbedtls_ecp_point& point) {
  if (mbedtls_ecp_is_zero(const_cast<mbedtls_ecp_point*>(&point))) return Error::kInvalidArgument;
  Bytes out(kPointLen);
  size_t len = 0;
  if (mbedtls_ecp_point_write_binary(&group_, &point, MBEDTLS_ECP_PF_UNCOMPRESSED, &len, out.data(), out.size()) != 0 ||
      len != kPointLen)
    return Error::kInvalidArgument;
  return out;
}

}  // namespace rs::esp32
