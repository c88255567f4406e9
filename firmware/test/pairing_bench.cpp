// How long one pairing takes on this machine with OpenSSL, split by side, and the P-256 scalar
// multiplications it costs, so the logger's time can be estimated from published per-multiplication
// figures of mbedTLS on the ESP32-S3 (firmware/README.md). Prints figures; not a test.
#include <chrono>
#include <cstdio>

#include "openssl_crypto.hpp"
#include "rscore/pairing.hpp"
#include "racesense/protocol.hpp"
#include "rscore/spake2plus.hpp"

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Counts scalar multiplications on the way through.
class CountingP256 : public rs::host::OpensslP256 {
 public:
  int muls = 0;
  rs::Result<rs::Bytes> mul_generator(const rs::Bytes& s) override { ++muls; return OpensslP256::mul_generator(s); }
  rs::Result<rs::Bytes> mul(const rs::Bytes& s, const rs::Bytes& p) override { ++muls; return OpensslP256::mul(s, p); }
};
}  // namespace

int main() {
  rs::host::OpensslCrypto crypto;
  CountingP256 group;
  const int runs = 200;
  rs::Bytes salt(rs::protocol::kPairingSaltLen, 3);
  auto t0 = Clock::now();
  auto w = rs::derive_password_scalars(crypto, group, "24681357", salt, rs::protocol::kPairingPbkdf2Iterations).value();
  double derive_ms = ms_since(t0);
  rs::Bytes L = group.mul_generator(w.w1).value();
  double logger_ms = 0, phone_ms = 0;
  int logger_muls = 0, phone_muls = 0;
  for (int i = 0; i < runs; ++i) {
    rs::SpakeProver prover(crypto, group, rs::pairing_identity(), w.w0, w.w1);
    rs::SpakeVerifier verifier(crypto, group, rs::pairing_identity(), w.w0, L);
    group.muls = 0;
    auto t = Clock::now();
    rs::Bytes share_p = prover.share().value();
    phone_ms += ms_since(t);
    phone_muls += group.muls;
    group.muls = 0;
    t = Clock::now();
    rs::VerifierAnswer answer = verifier.respond(share_p).value();
    logger_ms += ms_since(t);
    logger_muls += group.muls;
    group.muls = 0;
    t = Clock::now();
    rs::Bytes confirm_p = prover.finish(answer.share_v, answer.confirm_v).value();
    phone_ms += ms_since(t);
    phone_muls += group.muls;
    t = Clock::now();
    if (!verifier.confirm(confirm_p)) return 1;
    rs::SealedChannel channel(crypto, verifier.shared_key(), rs::SealedChannel::Side::kLogger);
    logger_ms += ms_since(t);
  }
  std::printf("pairing (SPAKE2+ P-256, OpenSSL, this host), mean of %d handshakes:\n", runs);
  std::printf("  logger side (Verifier): %.3f ms, %d scalar multiplications\n", logger_ms / runs, logger_muls / runs);
  std::printf("  phone side (Prover):    %.3f ms, %d scalar multiplications\n", phone_ms / runs, phone_muls / runs);
  std::printf("  both:                   %.3f ms (+ the radio's round trips: 2 writes, 2 reads)\n", (logger_ms + phone_ms) / runs);
  std::printf("  code -> w0/w1 (PBKDF2-SHA256, %d iterations, once per boot on the logger): %.3f ms\n",
              rs::protocol::kPairingPbkdf2Iterations, derive_ms);
  return 0;
}
