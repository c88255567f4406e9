#pragma once

#include <openssl/evp.h>

#include "rscore/hex.hpp"
#include "rscore/ports.hpp"

namespace rs::host {

class OpensslSha256 : public Sha256 {
 public:
  OpensslSha256() : ctx_(EVP_MD_CTX_new()) { reset(); }
  ~OpensslSha256() override { EVP_MD_CTX_free(ctx_); }
  void reset() override { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  void update(const char* data, std::size_t len) override { EVP_DigestUpdate(ctx_, data, len); }
  std::string hex_digest() override {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_, d, &n);
    return to_hex(d, n);
  }

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace rs::host
