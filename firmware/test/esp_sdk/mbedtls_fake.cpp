// mbedTLS 3.6 (as the port calls it) on the host, computed with OpenSSL: the same curve, hashes and
// cipher, so the port's pairing crypto can be checked against RFC 9383's vectors on a PC.
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <cstring>

#include "esp_random.h"
#include "mbedtls/ecp.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/pkcs5.h"
#include "mbedtls/sha256.h"

namespace {
BIGNUM* bn(const mbedtls_mpi* x) { return static_cast<BIGNUM*>(x->bn); }
EC_POINT* pt(const mbedtls_ecp_point* p) { return static_cast<EC_POINT*>(p->pt); }
const EC_GROUP* p256() {
  static EC_GROUP* g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
  return g;
}
BN_CTX* ctx() {
  thread_local BN_CTX* c = BN_CTX_new();
  return c;
}
}  // namespace

struct mbedtls_md_info_t {
  int type;
};

void esp_fill_random(void* buf, size_t len) { RAND_bytes(static_cast<unsigned char*>(buf), static_cast<int>(len)); }
uint32_t esp_random(void) {
  uint32_t v = 0;
  esp_fill_random(&v, sizeof v);
  return v;
}

void mbedtls_mpi_init(mbedtls_mpi* X) { X->bn = BN_new(); }
void mbedtls_mpi_free(mbedtls_mpi* X) {
  BN_free(bn(X));
  X->bn = nullptr;
}
int mbedtls_mpi_read_binary(mbedtls_mpi* X, const unsigned char* buf, size_t len) {
  return BN_bin2bn(buf, static_cast<int>(len), bn(X)) ? 0 : MBEDTLS_ERR_MPI_BAD_INPUT_DATA;
}
int mbedtls_mpi_write_binary(const mbedtls_mpi* X, unsigned char* buf, size_t len) {
  return BN_bn2binpad(bn(X), buf, static_cast<int>(len)) < 0 ? MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL : 0;
}
int mbedtls_mpi_mod_mpi(mbedtls_mpi* R, const mbedtls_mpi* A, const mbedtls_mpi* B) {
  return BN_nnmod(bn(R), bn(A), bn(B), ctx()) ? 0 : MBEDTLS_ERR_MPI_BAD_INPUT_DATA;
}
int mbedtls_mpi_sub_mpi(mbedtls_mpi* X, const mbedtls_mpi* A, const mbedtls_mpi* B) {
  return BN_sub(bn(X), bn(A), bn(B)) ? 0 : MBEDTLS_ERR_MPI_BAD_INPUT_DATA;
}
int mbedtls_mpi_cmp_int(const mbedtls_mpi* X, long z) {
  BIGNUM* v = BN_new();
  BN_set_word(v, static_cast<BN_ULONG>(z < 0 ? -z : z));
  if (z < 0) BN_set_negative(v, 1);
  int c = BN_cmp(bn(X), v);
  BN_free(v);
  return c;
}
int mbedtls_mpi_lset(mbedtls_mpi* X, long z) { return BN_set_word(bn(X), static_cast<BN_ULONG>(z)) ? 0 : -1; }

void mbedtls_ecp_group_init(mbedtls_ecp_group* g) {
  g->id = MBEDTLS_ECP_DP_NONE;
  mbedtls_mpi_init(&g->P);
  mbedtls_mpi_init(&g->N);
  mbedtls_ecp_point_init(&g->G);
}
int mbedtls_ecp_group_load(mbedtls_ecp_group* g, mbedtls_ecp_group_id id) {
  if (id != MBEDTLS_ECP_DP_SECP256R1) return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
  g->id = id;
  EC_GROUP_get_curve(p256(), bn(&g->P), nullptr, nullptr, ctx());
  BN_copy(bn(&g->N), EC_GROUP_get0_order(p256()));
  EC_POINT_copy(pt(&g->G), EC_GROUP_get0_generator(p256()));
  return 0;
}
void mbedtls_ecp_group_free(mbedtls_ecp_group* g) {
  mbedtls_mpi_free(&g->P);
  mbedtls_mpi_free(&g->N);
  mbedtls_ecp_point_free(&g->G);
}
void mbedtls_ecp_point_init(mbedtls_ecp_point* p) { p->pt = EC_POINT_new(p256()); }
void mbedtls_ecp_point_free(mbedtls_ecp_point* p) {
  EC_POINT_free(pt(p));
  p->pt = nullptr;
}
int mbedtls_ecp_point_read_binary(const mbedtls_ecp_group*, mbedtls_ecp_point* P, const unsigned char* buf, size_t len) {
  if (len != 65 || buf[0] != 4) return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;  // uncompressed only, as the port sends
  return EC_POINT_oct2point(p256(), pt(P), buf, len, ctx()) ? 0 : MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
}
int mbedtls_ecp_point_write_binary(const mbedtls_ecp_group*, const mbedtls_ecp_point* P, int, size_t* olen, unsigned char* buf,
                                   size_t len) {
  std::size_t n = EC_POINT_point2oct(p256(), pt(P), POINT_CONVERSION_UNCOMPRESSED, buf, len, ctx());
  *olen = n;
  return n == 0 ? MBEDTLS_ERR_ECP_BAD_INPUT_DATA : 0;
}
int mbedtls_ecp_check_pubkey(const mbedtls_ecp_group*, const mbedtls_ecp_point* p) {
  if (EC_POINT_is_at_infinity(p256(), pt(p)) || EC_POINT_is_on_curve(p256(), pt(p), ctx()) != 1) return MBEDTLS_ERR_ECP_INVALID_KEY;
  return 0;
}
int mbedtls_ecp_is_zero(mbedtls_ecp_point* p) { return EC_POINT_is_at_infinity(p256(), pt(p)); }
int mbedtls_ecp_gen_privkey(const mbedtls_ecp_group*, mbedtls_mpi* d, int (*)(void*, unsigned char*, size_t), void*) {
  do {
    if (!BN_rand_range(bn(d), EC_GROUP_get0_order(p256()))) return -1;
  } while (BN_is_zero(bn(d)));
  return 0;
}
int mbedtls_ecp_mul(mbedtls_ecp_group*, mbedtls_ecp_point* R, const mbedtls_mpi* m, const mbedtls_ecp_point* P,
                    int (*)(void*, unsigned char*, size_t), void*) {
  return EC_POINT_mul(p256(), pt(R), nullptr, pt(P), bn(m), ctx()) ? 0 : MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
}
int mbedtls_ecp_muladd(mbedtls_ecp_group*, mbedtls_ecp_point* R, const mbedtls_mpi* m, const mbedtls_ecp_point* P,
                       const mbedtls_mpi* n, const mbedtls_ecp_point* Q) {
  EC_POINT* a = EC_POINT_new(p256());
  EC_POINT* b = EC_POINT_new(p256());
  bool ok = EC_POINT_mul(p256(), a, nullptr, pt(P), bn(m), ctx()) && EC_POINT_mul(p256(), b, nullptr, pt(Q), bn(n), ctx()) &&
            EC_POINT_add(p256(), pt(R), a, b, ctx());
  EC_POINT_free(a);
  EC_POINT_free(b);
  return ok ? 0 : MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
}

const mbedtls_md_info_t* mbedtls_md_info_from_type(mbedtls_md_type_t type) {
  static const mbedtls_md_info_t sha256{MBEDTLS_MD_SHA256};
  return type == MBEDTLS_MD_SHA256 ? &sha256 : nullptr;
}
int mbedtls_md_hmac(const mbedtls_md_info_t* md, const unsigned char* key, size_t keylen, const unsigned char* in, size_t ilen,
                    unsigned char* out) {
  if (!md) return -0x5100;  // MBEDTLS_ERR_MD_BAD_INPUT_DATA
  unsigned int n = 0;
  return HMAC(EVP_sha256(), key, static_cast<int>(keylen), in, ilen, out, &n) ? 0 : -0x5100;
}
int mbedtls_hkdf(const mbedtls_md_info_t* md, const unsigned char* salt, size_t salt_len, const unsigned char* ikm, size_t ikm_len,
                 const unsigned char* info, size_t info_len, unsigned char* okm, size_t okm_len) {
  if (!md) return -0x5F80;  // MBEDTLS_ERR_HKDF_BAD_INPUT_DATA
  EVP_PKEY_CTX* c = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
  unsigned char zeros[32] = {};
  bool ok = c && EVP_PKEY_derive_init(c) > 0 && EVP_PKEY_CTX_set_hkdf_md(c, EVP_sha256()) > 0 &&
            EVP_PKEY_CTX_set1_hkdf_salt(c, salt ? salt : zeros, static_cast<int>(salt ? salt_len : sizeof zeros)) > 0 &&
            EVP_PKEY_CTX_set1_hkdf_key(c, ikm, static_cast<int>(ikm_len)) > 0 &&
            EVP_PKEY_CTX_add1_hkdf_info(c, info, static_cast<int>(info_len)) > 0 && EVP_PKEY_derive(c, okm, &okm_len) > 0;
  EVP_PKEY_CTX_free(c);
  return ok ? 0 : -0x5F80;
}
int mbedtls_pkcs5_pbkdf2_hmac_ext(mbedtls_md_type_t md, const unsigned char* password, size_t plen, const unsigned char* salt,
                                  size_t slen, unsigned int iterations, uint32_t key_length, unsigned char* output) {
  if (md != MBEDTLS_MD_SHA256) return -0x2f80;  // MBEDTLS_ERR_PKCS5_BAD_INPUT_DATA
  return PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(password), static_cast<int>(plen), salt, static_cast<int>(slen),
                           static_cast<int>(iterations), EVP_sha256(), static_cast<int>(key_length), output)
             ? 0
             : -0x2f80;
}
int mbedtls_sha256(const unsigned char* input, size_t ilen, unsigned char* output, int) {
  unsigned int n = 0;
  return EVP_Digest(input, ilen, output, &n, EVP_sha256(), nullptr) ? 0 : -1;
}

void mbedtls_gcm_init(mbedtls_gcm_context* c) { std::memset(c, 0, sizeof *c); }
void mbedtls_gcm_free(mbedtls_gcm_context* c) { std::memset(c, 0, sizeof *c); }
int mbedtls_gcm_setkey(mbedtls_gcm_context* c, mbedtls_cipher_id_t cipher, const unsigned char* key, unsigned int keybits) {
  if (cipher != MBEDTLS_CIPHER_ID_AES || (keybits != 128 && keybits != 256)) return -0x0014;  // MBEDTLS_ERR_GCM_BAD_INPUT
  std::memcpy(c->key, key, keybits / 8);
  c->keybits = keybits;
  return 0;
}

namespace {
int gcm(const mbedtls_gcm_context* c, bool encrypt, size_t length, const unsigned char* iv, size_t iv_len, const unsigned char* add,
        size_t add_len, const unsigned char* input, unsigned char* output, unsigned char* tag, size_t tag_len) {
  EVP_CIPHER_CTX* e = EVP_CIPHER_CTX_new();
  const EVP_CIPHER* cipher = c->keybits == 128 ? EVP_aes_128_gcm() : EVP_aes_256_gcm();
  int n = 0;
  bool ok = EVP_CipherInit_ex(e, cipher, nullptr, nullptr, nullptr, encrypt) &&
            EVP_CIPHER_CTX_ctrl(e, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv_len), nullptr) &&
            EVP_CipherInit_ex(e, nullptr, nullptr, c->key, iv, encrypt) &&
            (add_len == 0 || EVP_CipherUpdate(e, nullptr, &n, add, static_cast<int>(add_len))) &&
            (length == 0 || EVP_CipherUpdate(e, output, &n, input, static_cast<int>(length)));
  if (ok && !encrypt) ok = EVP_CIPHER_CTX_ctrl(e, EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_len), tag);
  unsigned char last[16];
  ok = ok && EVP_CipherFinal_ex(e, last, &n);
  if (ok && encrypt) ok = EVP_CIPHER_CTX_ctrl(e, EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_len), tag);
  EVP_CIPHER_CTX_free(e);
  return ok ? 0 : MBEDTLS_ERR_GCM_AUTH_FAILED;
}
}  // namespace

int mbedtls_gcm_crypt_and_tag(mbedtls_gcm_context* c, int mode, size_t length, const unsigned char* iv, size_t iv_len,
                              const unsigned char* add, size_t add_len, const unsigned char* input, unsigned char* output,
                              size_t tag_len, unsigned char* tag) {
  return gcm(c, mode == MBEDTLS_GCM_ENCRYPT, length, iv, iv_len, add, add_len, input, output, tag, tag_len);
}
int mbedtls_gcm_auth_decrypt(mbedtls_gcm_context* c, size_t length, const unsigned char* iv, size_t iv_len, const unsigned char* add,
                             size_t add_len, const unsigned char* tag, size_t tag_len, const unsigned char* input,
                             unsigned char* output) {
  return gcm(c, false, length, iv, iv_len, add, add_len, input, output, const_cast<unsigned char*>(tag), tag_len);
}
