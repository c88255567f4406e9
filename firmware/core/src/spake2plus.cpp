#include "rscore/spake2plus.hpp"

#include <utility>

#include "rscore/hex.hpp"

// Unwraps a Result<Bytes> into `name`, or returns its error.
#define RS_TRY_BYTES(name, expr)             \
  auto name##_result = (expr);               \
  if (!name##_result.ok()) return name##_result.error(); \
  Bytes name = std::move(name##_result.value())

namespace rs {
namespace {
Bytes hex_bytes(const char* text) {
  Bytes out;
  from_hex(text, out);
  return out;
}

void append_with_length(Bytes& tt, const Bytes& part) {
  std::uint64_t n = part.size();
  for (int i = 0; i < 8; ++i) tt.push_back(static_cast<std::uint8_t>(n >> (8 * i)));  // little-endian
  tt.insert(tt.end(), part.begin(), part.end());
}

Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

struct KeySchedule {
  Bytes confirm_p, confirm_v, shared;  // K_confirmP, K_confirmV, K_shared
};

// RFC 9383 §3.4: TT, K_main = Hash(TT), confirmation keys and K_shared by HKDF without salt.
KeySchedule key_schedule(Crypto& crypto, const SpakeIdentity& id, const Bytes& share_p, const Bytes& share_v,
                         const Bytes& z, const Bytes& v, const Bytes& w0) {
  Bytes tt;
  for (const Bytes& part : {bytes_of(id.context), bytes_of(id.id_prover), bytes_of(id.id_verifier), spake_m(),
                            spake_n(), share_p, share_v, z, v, w0})
    append_with_length(tt, part);
  Bytes k_main = crypto.sha256(tt);
  Bytes confirmation = crypto.hkdf_sha256({}, k_main, "ConfirmationKeys", 64);
  KeySchedule k;
  k.confirm_p.assign(confirmation.begin(), confirmation.begin() + 32);
  k.confirm_v.assign(confirmation.begin() + 32, confirmation.end());
  k.shared = crypto.hkdf_sha256({}, k_main, "SharedKey", 32);
  return k;
}

// a·A + b·B with A or B the generator when empty.
Result<Bytes> mul_add(P256& g, const Bytes& a, const Bytes& A, const Bytes& b, const Bytes& B) {
  RS_TRY_BYTES(left, A.empty() ? g.mul_generator(a) : g.mul(a, A));
  RS_TRY_BYTES(right, B.empty() ? g.mul_generator(b) : g.mul(b, B));
  return g.add(left, right);
}

// share - w0·blind, the step both roles take on the other's share.
Result<Bytes> unblind(P256& g, const Bytes& share, const Bytes& w0, const Bytes& blind) {
  RS_TRY_BYTES(minus_w0, g.negate(w0));
  RS_TRY_BYTES(offset, g.mul(minus_w0, blind));
  return g.add(share, offset);
}
}  // namespace

const Bytes& spake_m() {
  static const Bytes m = hex_bytes(
      "04886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f"
      "5ff355163e43ce224e0b0e65ff02ac8e5c7be09419c785e0ca547d55a12e2d20");
  return m;
}

const Bytes& spake_n() {
  static const Bytes n = hex_bytes(
      "04d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49"
      "07d60aa6bfade45008a636337f5168c64d9bd36034808cd564490b1e656edbe7");
  return n;
}

Result<PasswordScalars> derive_password_scalars(Crypto& crypto, P256& group, const std::string& code, const Bytes& salt,
                                                int iterations) {
  Bytes both = crypto.pbkdf2_sha256(code, salt, iterations, 80);
  if (both.size() != 80) return Error::kInvalidArgument;
  RS_TRY_BYTES(w0, group.reduce(Bytes(both.begin(), both.begin() + 40)));
  RS_TRY_BYTES(w1, group.reduce(Bytes(both.begin() + 40, both.end())));
  return PasswordScalars{std::move(w0), std::move(w1)};
}

SpakeVerifier::SpakeVerifier(Crypto& crypto, P256& group, SpakeIdentity id, Bytes w0, Bytes L)
    : crypto_(crypto), group_(group), id_(std::move(id)), w0_(std::move(w0)), L_(std::move(L)) {}

Result<VerifierAnswer> SpakeVerifier::respond(const Bytes& share_p, const Bytes& y_given) {
  RS_TRY_BYTES(y, y_given.empty() ? group_.random_scalar() : Result<Bytes>(y_given));
  RS_TRY_BYTES(share_v, mul_add(group_, y, {}, w0_, spake_n()));
  RS_TRY_BYTES(t, unblind(group_, share_p, w0_, spake_m()));  // also rejects a shareP off the curve
  RS_TRY_BYTES(z, group_.mul(y, t));
  RS_TRY_BYTES(v, group_.mul(y, L_));
  KeySchedule k = key_schedule(crypto_, id_, share_p, share_v, z, v, w0_);
  expected_confirm_p_ = crypto_.hmac_sha256(k.confirm_p, share_v);
  k_shared_ = k.shared;
  return VerifierAnswer{share_v, crypto_.hmac_sha256(k.confirm_v, share_p)};
}

bool SpakeVerifier::confirm(const Bytes& confirm_p) const {
  return !expected_confirm_p_.empty() && equal_in_constant_time(confirm_p, expected_confirm_p_);
}

SpakeProver::SpakeProver(Crypto& crypto, P256& group, SpakeIdentity id, Bytes w0, Bytes w1)
    : crypto_(crypto), group_(group), id_(std::move(id)), w0_(std::move(w0)), w1_(std::move(w1)) {}

Result<Bytes> SpakeProver::share(const Bytes& x_given) {
  RS_TRY_BYTES(x, x_given.empty() ? group_.random_scalar() : Result<Bytes>(x_given));
  RS_TRY_BYTES(share_p, mul_add(group_, x, {}, w0_, spake_m()));
  x_ = std::move(x);
  share_p_ = share_p;
  return share_p;
}

Result<Bytes> SpakeProver::finish(const Bytes& share_v, const Bytes& confirm_v) {
  if (x_.empty()) return Error::kInvalidArgument;
  RS_TRY_BYTES(t, unblind(group_, share_v, w0_, spake_n()));
  RS_TRY_BYTES(z, group_.mul(x_, t));
  RS_TRY_BYTES(v, group_.mul(w1_, t));
  KeySchedule k = key_schedule(crypto_, id_, share_p_, share_v, z, v, w0_);
  if (!equal_in_constant_time(confirm_v, crypto_.hmac_sha256(k.confirm_v, share_p_))) return Error::kInvalidArgument;
  k_shared_ = k.shared;
  return crypto_.hmac_sha256(k.confirm_p, share_v);
}

bool equal_in_constant_time(const Bytes& a, const Bytes& b) {
  if (a.size() != b.size()) return false;
  std::uint8_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<std::uint8_t>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace rs
