#pragma once

#include "mbedtls/sha256.h"
#include "rscore/hex.hpp"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// SHA-256 with mbedTLS (hardware-accelerated on the ESP32-S3).
class MbedtlsSha256 : public Sha256 {
 public:
  MbedtlsSha256() { mbedtls_sha256_init(&ctx_); }
  ~MbedtlsSha256() override { mbedtls_sha256_free(&ctx_); }
  void reset() override { mbedtls_sha256_starts(&ctx_, 0); }
  void update(const char* data, std::size_t len) override {
    mbedtls_sha256_update(&ctx_, reinterpret_cast<const unsigned char*>(data), len);
  }
  std::string hex_digest() override {
    unsigned char d[32];
    mbedtls_sha256_finish(&ctx_, d);
    return to_hex(d, sizeof d);
  }

 private:
  mbedtls_sha256_context ctx_;
};

}  // namespace rs::esp32
