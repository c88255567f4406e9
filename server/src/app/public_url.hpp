#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace racesense {

// The https base URL a phone opens (a Cloudflare or Tailscale tunnel): fixed by --public-url, or
// read from <data-dir>/public-url, which scripts/tunnel.sh writes when a tunnel comes up (a quick
// tunnel gets a new address on every start). Thread-safe.
class PublicUrl {
 public:
  PublicUrl(std::optional<std::string> fixed, std::filesystem::path file);

  std::optional<std::string> get() const;
  // Re-reads the file (no-op with --public-url); true when the address changed.
  bool refresh();
  const std::filesystem::path& file() const { return file_; }

 private:
  const std::optional<std::string> fixed_;
  const std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::optional<std::string> current_;
};

// "https://host[:port][/path]" without a trailing slash, or nullopt when it is not an https URL.
std::optional<std::string> normalized_public_url(const std::string& text);

}  // namespace racesense
