#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace racesense::util {

// Incremental SHA-256 (OpenSSL EVP), so a body is hashed while it streams to disk.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  std::string hex_digest();  // finalises; call once

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

bool is_sha256_hex(std::string_view s);

}  // namespace racesense::util
