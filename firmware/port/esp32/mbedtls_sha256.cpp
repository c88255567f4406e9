#include "mbedtls_sha256.hpp"

#include "rscore/hex.hpp"

namespace rs::esp32 {

MbedtlsSha256::MbedtlsSha256() { mbedtls_sha256_init(&ctx_); }
MbedtlsSha256::~MbedtlsSha256() { mbedtls_sha256_free(&ctx_); }
void MbedtlsSha256::reset() { mbedtls_sha256_starts(&ctx_, 0); }

void MbedtlsSha256::update(const char* data, std::size_t len) {
  mbedtls_sha256_update(&ctx_, reinterpret_cast<const unsigned char*>(data), len);
}

std::string MbedtlsSha256::hex_digest() {
  unsigned char d[32];
  mbedtls_sha256_finish(&ctx_, d);
  return to_hex(d, sizeof d);
}

}  // namespace rs::esp32
