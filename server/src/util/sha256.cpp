#include "util/sha256.hpp"

// OpenSSL's SHA-256 itself (the same SHA-NI/AVX code as EVP), without EVP's provider machinery:
// fetching a digest through EVP first initialises the providers, which brings 2 MB of libcrypto
// into memory in a server otherwise a few MB large. These calls are deprecated in OpenSSL 3 but
// kept (the one-shot SHA256() alone is not enough for a body that streams in).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cctype>
#include <stdexcept>

namespace racesense::util {

struct Sha256::Ctx {
  SHA256_CTX sha;
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {
  if (SHA256_Init(&ctx_->sha) != 1) throw std::runtime_error("OpenSSL SHA-256 init failed");
}

Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size) {
  if (size > 0) SHA256_Update(&ctx_->sha, data, size);
}

std::string Sha256::hex_digest() {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  unsigned int len = SHA256_DIGEST_LENGTH;
  SHA256_Final(digest, &ctx_->sha);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 0xF]);
  }
  return out;
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace racesense::util
