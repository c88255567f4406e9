#include "util/sha256.hpp"

// OpenSSL's SHA-256 itself (the same SHA-NI/AVX code as EVP), without EVP's provider machinery:
// fetching a digest through EVP first initialises the providers, which brings 2 MB of libcrypto
// into memory in a server otherwise a few MB large. These calls are deprecated in OpenSSL 3 but
// kept (the one-shot SHA256() alone is not enough for a body that streams in).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cctype>
#include <stdexcept>

#include "util/text.hpp"

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
  SHA256_Final(digest, &ctx_->sha);
  return to_hex(digest, sizeof digest);
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace racesense::util
