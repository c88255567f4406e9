#pragma once

#include "mbedtls/sha256.h"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// SHA-256 with mbedTLS (hardware-accelerated on the ESP32-S3).
class MbedtlsSha256 : public Sha256 {
 public:
  MbedtlsSha256();
  ~MbedtlsSha256() override;
  void reset() override;
  void update(const char* data, std::size_t len) override;
  std::string hex_digest() override;

 private:
  mbedtls_sha256_context ctx_;
};

}  // namespace rs::esp32
