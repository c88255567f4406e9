#include "openssl_crypto.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <memory>

namespace rs::host {
namespace {
constexpr std::size_t kScalarLen = 32, kPointLen = 65, kTagLen = 16;

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BnCtx = std::unique_ptr<BN_CTX, Deleter<BN_CTX, BN_CTX_free>>;
using Bn = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using Point = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_clear_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;

const EVP_CIPHER* gcm_for(std::size_t key_len) {
  if (key_len == 16) return EVP_aes_128_gcm();
  if (key_len == 32) return EVP_aes_256_gcm();
  return nullptr;
}

Bytes scalar_bytes(const BIGNUM* bn) {
  Bytes out(kScalarLen);
  BN_bn2binpad(bn, out.data(), static_cast<int>(out.size()));
  return out;
}
}  // namespace

Status OpensslCrypto::random(std::uint8_t* out, std::size_t len) {
  return RAND_bytes(out, static_cast<int>(len)) == 1 ? Status() : Status(Error::kIo);
}

Bytes OpensslCrypto::sha256(const Bytes& data) {
  Bytes out(32);
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_sha256(), nullptr);
  return out;
}

Bytes OpensslCrypto::hmac_sha256(const Bytes& key, const Bytes& data) {
  Bytes out(32);
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(), &n);
  return out;
}

Bytes OpensslCrypto::hkdf_sha256(const Bytes& salt, const Bytes& ikm, const std::string& info, std::size_t len) {
  PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
  Bytes out(len);
  std::size_t out_len = len;
  bool ok = ctx && EVP_PKEY_derive_init(ctx.get()) > 0 && EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) > 0 &&
            (salt.empty() || EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), salt.data(), static_cast<int>(salt.size())) > 0) &&
            EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), ikm.data(), static_cast<int>(ikm.size())) > 0 &&
            EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), reinterpret_cast<const unsigned char*>(info.data()),
                                        static_cast<int>(info.size())) > 0 &&
            EVP_PKEY_derive(ctx.get(), out.data(), &out_len) > 0;
  return ok && out_len == len ? out : Bytes();
}

Bytes OpensslCrypto::pbkdf2_sha256(const std::string& password, const Bytes& salt, int iterations, std::size_t len) {
  Bytes out(len);
  bool ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                              static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(len),
                              out.data()) == 1;
  return ok ? out : Bytes();
}

Result<Bytes> OpensslCrypto::aes_gcm_seal(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plaintext) {
  const EVP_CIPHER* cipher = gcm_for(key.size());
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!cipher || !ctx || nonce.size() != 12) return Error::kInvalidArgument;
  Bytes out(plaintext.size() + kTagLen);
  int n = 0, tail = 0;
  bool ok = EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key.data(), nonce.data()) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), out.data(), &n, plaintext.data(), static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), out.data() + n, &tail) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagLen, out.data() + plaintext.size()) == 1;
  if (!ok) return Error::kIo;
  return out;
}

Result<Bytes> OpensslCrypto::aes_gcm_open(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& sealed) {
  const EVP_CIPHER* cipher = gcm_for(key.size());
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!cipher || !ctx || nonce.size() != 12 || sealed.size() < kTagLen) return Error::kInvalidArgument;
  std::size_t body = sealed.size() - kTagLen;
  Bytes out(body);
  Bytes tag(sealed.end() - kTagLen, sealed.end());
  int n = 0, tail = 0;
  bool ok = EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, key.data(), nonce.data()) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), out.data(), &n, sealed.data(), static_cast<int>(body)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagLen, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), out.data() + n, &tail) == 1;
  if (!ok) return Error::kInvalidArgument;
  return out;
}

OpensslP256::OpensslP256() : group_(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)) {}
OpensslP256::~OpensslP256() { EC_GROUP_free(group_); }

Result<Bytes> OpensslP256::reduce(const Bytes& big_endian) {
  BnCtx ctx(BN_CTX_new());
  Bn in(BN_bin2bn(big_endian.data(), static_cast<int>(big_endian.size()), nullptr)), out(BN_new());
  if (!ctx || !in || !out || BN_nnmod(out.get(), in.get(), EC_GROUP_get0_order(group_), ctx.get()) != 1)
    return Error::kIo;
  return scalar_bytes(out.get());
}

Result<Bytes> OpensslP256::negate(const Bytes& scalar) {
  BnCtx ctx(BN_CTX_new());
  Bn s(BN_bin2bn(scalar.data(), static_cast<int>(scalar.size()), nullptr)), zero(BN_new()), out(BN_new());
  if (!ctx || !s || !zero || !out) return Error::kIo;
  BN_zero(zero.get());
  if (BN_mod_sub(out.get(), zero.get(), s.get(), EC_GROUP_get0_order(group_), ctx.get()) != 1) return Error::kIo;
  return scalar_bytes(out.get());
}

Result<Bytes> OpensslP256::random_scalar() {
  Bn s(BN_new());
  const BIGNUM* n = EC_GROUP_get0_order(group_);
  do {
    if (!s || BN_priv_rand_range(s.get(), n) != 1) return Error::kIo;
  } while (BN_is_zero(s.get()));
  return scalar_bytes(s.get());
}

Result<Bytes> OpensslP256::mul_generator(const Bytes& scalar) { return multiply(scalar, nullptr); }
Result<Bytes> OpensslP256::mul(const Bytes& scalar, const Bytes& point) { return multiply(scalar, &point); }

Result<Bytes> OpensslP256::multiply(const Bytes& scalar, const Bytes* point) {
  BnCtx ctx(BN_CTX_new());
  Bn s(BN_bin2bn(scalar.data(), static_cast<int>(scalar.size()), nullptr));
  Point in(EC_POINT_new(group_)), out(EC_POINT_new(group_));
  if (!ctx || !s || !in || !out || scalar.size() != kScalarLen) return Error::kInvalidArgument;
  if (point && (point->size() != kPointLen ||
                EC_POINT_oct2point(group_, in.get(), point->data(), point->size(), ctx.get()) != 1))
    return Error::kInvalidArgument;  // not on the curve
  int ok = point ? EC_POINT_mul(group_, out.get(), nullptr, in.get(), s.get(), ctx.get())
                 : EC_POINT_mul(group_, out.get(), s.get(), nullptr, nullptr, ctx.get());
  if (ok != 1 || EC_POINT_is_at_infinity(group_, out.get())) return Error::kInvalidArgument;
  Bytes encoded(kPointLen);
  EC_POINT_point2oct(group_, out.get(), POINT_CONVERSION_UNCOMPRESSED, encoded.data(), encoded.size(), ctx.get());
  return encoded;
}

Result<Bytes> OpensslP256::add(const Bytes& a, const Bytes& b) {
  BnCtx ctx(BN_CTX_new());
  Point pa(EC_POINT_new(group_)), pb(EC_POINT_new(group_)), out(EC_POINT_new(group_));
  if (!ctx || !pa || !pb || !out || a.size() != kPointLen || b.size() != kPointLen) return Error::kInvalidArgument;
  if (EC_POINT_oct2point(group_, pa.get(), a.data(), a.size(), ctx.get()) != 1 ||
      EC_POINT_oct2point(group_, pb.get(), b.data(), b.size(), ctx.get()) != 1 ||
      EC_POINT_add(group_, out.get(), pa.get(), pb.get(), ctx.get()) != 1 ||
      EC_POINT_is_at_infinity(group_, out.get()))
    return Error::kInvalidArgument;
  Bytes encoded(kPointLen);
  EC_POINT_point2oct(group_, out.get(), POINT_CONVERSION_UNCOMPRESSED, encoded.data(), encoded.size(), ctx.get());
  return encoded;
}

}  // namespace rs::host
