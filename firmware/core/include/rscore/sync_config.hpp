// CONFIGURE characteristic: parsing and validation of what the phone writes (docs/protocol.md §1.2).
#pragma once

#include <string>
#include <string_view>

namespace rs {

enum class AfterUpload { kArchive, kDelete };

struct SyncConfig {
  std::string ssid, password, url, token;
  AfterUpload after = AfterUpload::kArchive;
};

struct ConfigureCommand {
  enum class Kind { kStart, kCancel, kInvalid } kind = Kind::kInvalid;
  SyncConfig config;       // kStart
  int att_error = 0;       // kInvalid: the ATT error code to answer with
  std::string message;     // kInvalid: what is wrong, for the ERROR status
};

ConfigureCommand parse_configure(std::string_view value);

// "https://host/base/" + "/api/upload" → "https://host/base/api/upload"
std::string upload_url(const std::string& base_url);
// The resumable upload resource of a file (docs/protocol.md §2.2): base + /api/uploads/<sha256>
std::string upload_resource_url(const std::string& base_url, const std::string& sha256);

// RFC 3986 percent-encoding of everything but unreserved characters (for X-Filename).
std::string percent_encode(std::string_view text);

}  // namespace rs
