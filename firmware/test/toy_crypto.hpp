// NOT SECURE, benchmark only: stand-ins for the crypto ports that allocate like the real ones'
// results (Bytes) but need no library, so the heap bench also builds as a 32-bit program. The
// "group" is the integers mod a 61-bit prime (any group makes SPAKE2+ agree on both sides); the
// hash is FNV-1a stretched to 32 bytes; the "AEAD" is a keyed XOR stream with a keyed tag.
#pragma once

#include <cstdint>
#include <string>

#include "rscore/crypto.hpp"

namespace rs::bench {

class ToyCrypto : public Crypto {
 public:
  Status random(std::uint8_t* out, std::size_t len) override {
    for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>((state_ = state_ * 6364136223846793005ull + 1) >> 56);
    return {};
  }
  Bytes sha256(const Bytes& data) override { return digest(data, 32); }
  Bytes hmac_sha256(const Bytes& key, const Bytes& data) override { return digest(join(key, data), 32); }
  Bytes hkdf_sha256(const Bytes& salt, const Bytes& ikm, const std::string& info, std::size_t len) override {
    return digest(join(join(salt, ikm), Bytes(info.begin(), info.end())), len);
  }
  Bytes pbkdf2_sha256(const std::string& password, const Bytes& salt, int iterations, std::size_t len) override {
    Bytes d = join(Bytes(password.begin(), password.end()), salt);
    for (int i = 0; i < iterations; ++i) d = digest(d, 32);
    return digest(d, len);
  }
  Result<Bytes> aes_gcm_seal(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& plaintext) override {
    Bytes out = xor_stream(key, nonce, plaintext);
    Bytes tag = digest(join(join(key, nonce), join(aad, out)), 16);
    out.insert(out.end(), tag.begin(), tag.end());
    return out;
  }
  Result<Bytes> aes_gcm_open(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& sealed) override {
    if (sealed.size() < 16) return Error::kInvalidArgument;
    Bytes body(sealed.begin(), sealed.end() - 16), tag(sealed.end() - 16, sealed.end());
    if (digest(join(join(key, nonce), join(aad, body)), 16) != tag) return Error::kInvalidArgument;
    return xor_stream(key, nonce, body);
  }

 private:
  static Bytes join(const Bytes& a, const Bytes& b) {
    Bytes out(a);
    out.insert(out.end(), b.begin(), b.end());
    return out;
  }
  static Bytes digest(const Bytes& data, std::size_t len) {
    Bytes out(len);
    for (std::size_t i = 0; i < len; ++i) {
      std::uint64_t h = 1469598103934665603ull ^ (i / 8);
      for (std::uint8_t b : data) h = (h ^ b) * 1099511628211ull;
      out[i] = static_cast<std::uint8_t>(h >> (8 * (i % 8)));
    }
    return out;
  }
  static Bytes xor_stream(const Bytes& key, const Bytes& nonce, const Bytes& data) {
    Bytes stream = digest(join(key, nonce), data.size()), out(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) out[i] = data[i] ^ stream[i];
    return out;
  }
  std::uint64_t state_ = 42;
};

class ToyGroup : public P256 {
 public:
  Result<Bytes> reduce(const Bytes& big_endian) override { return scalar(value(big_endian)); }
  Result<Bytes> negate(const Bytes& s) override { return scalar((kQ - value(s) % kQ) % kQ); }
  Result<Bytes> random_scalar() override { return scalar(1 + (seed_ = seed_ * 6364136223846793005ull + 7) % (kQ - 1)); }
  Result<Bytes> mul_generator(const Bytes& s) override { return point(mulmod(value(s), 7)); }
  Result<Bytes> mul(const Bytes& s, const Bytes& p) override {
    auto v = point_value(p);
    if (!v.ok()) return v.error();
    return point(mulmod(value(s), v.value()));
  }
  Result<Bytes> add(const Bytes& a, const Bytes& b) override {
    auto x = point_value(a), y = point_value(b);
    if (!x.ok() || !y.ok()) return Error::kInvalidArgument;
    return point((x.value() + y.value()) % kQ);
  }

 private:
  static constexpr std::uint64_t kQ = 2305843009213693951ull;  // 2^61 - 1
  static std::uint64_t mulmod(std::uint64_t a, std::uint64_t b) {
    std::uint64_t r = 0;
    for (a %= kQ, b %= kQ; b; b >>= 1, a = (a * 2) % kQ)
      if (b & 1) r = (r + a) % kQ;
    return r;
  }
  static std::uint64_t value(const Bytes& be) {
    std::uint64_t v = 0;
    for (std::uint8_t b : be) v = (mulmod(v, 256) + b) % kQ;
    return v;
  }
  static Bytes scalar(std::uint64_t v) {
    Bytes out(32);
    for (int i = 0; i < 8; ++i) out[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return out;
  }
  static Result<std::uint64_t> point_value(const Bytes& p) {
    if (p.size() != 65 || p[0] != 4) return Error::kInvalidArgument;
    std::uint64_t v = value(Bytes(p.begin() + 1, p.end()));
    if (v == 0) return Error::kInvalidArgument;  // the "point at infinity"
    return v;
  }
  static Bytes point(std::uint64_t v) {
    Bytes out(65);
    out[0] = 4;
    for (int i = 0; i < 8; ++i) out[64 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return out;
  }
  std::uint64_t seed_ = 99;
};

}  // namespace rs::bench
