// SPAKE2+ (RFC 9383) over P-256 with SHA-256, HKDF-SHA256 and HMAC-SHA256, both roles, composed
// from the Crypto and P256 ports. The logger is the Verifier, the phone the Prover.
#pragma once

#include <string>

#include "rscore/crypto.hpp"

namespace rs {

struct SpakeIdentity {
  std::string context, id_prover, id_verifier;
};

struct PasswordScalars {
  Bytes w0, w1;
};

// w0s || w1s = PBKDF2-HMAC-SHA256(code, salt, iterations, 80); w0 = w0s mod n, w1 = w1s mod n.
Result<PasswordScalars> derive_password_scalars(Crypto& crypto, P256& group, const std::string& code, const Bytes& salt,
                                                int iterations);

struct VerifierAnswer {
  Bytes share_v, confirm_v;
};

class SpakeVerifier {
 public:
  SpakeVerifier(Crypto& crypto, P256& group, SpakeIdentity id, Bytes w0, Bytes L);
  // shareP in, (shareV, confirmV) out; y is random unless given (test vectors).
  Result<VerifierAnswer> respond(const Bytes& share_p, const Bytes& y = {});
  bool confirm(const Bytes& confirm_p) const;  // constant-time
  const Bytes& shared_key() const { return k_shared_; }

 private:
  Crypto& crypto_;
  P256& group_;
  SpakeIdentity id_;
  Bytes w0_, L_, expected_confirm_p_, k_shared_;
};

class SpakeProver {
 public:
  SpakeProver(Crypto& crypto, P256& group, SpakeIdentity id, Bytes w0, Bytes w1);
  Result<Bytes> share(const Bytes& x = {});  // shareP; x random unless given
  // Checks confirmV (kInvalidArgument when it does not match: a wrong code) and returns confirmP.
  Result<Bytes> finish(const Bytes& share_v, const Bytes& confirm_v);
  const Bytes& shared_key() const { return k_shared_; }

 private:
  Crypto& crypto_;
  P256& group_;
  SpakeIdentity id_;
  Bytes w0_, w1_, x_, share_p_, k_shared_;
};

// RFC 9383's M and N for P-256, uncompressed.
const Bytes& spake_m();
const Bytes& spake_n();

}  // namespace rs
