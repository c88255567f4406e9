#include "rscore/sync_config.hpp"

#include <memory>

#include "cJSON.h"
#include "racesense/protocol.hpp"

namespace rs {
namespace {
using JsonPtr = std::unique_ptr<cJSON, decltype(&cJSON_Delete)>;

ConfigureCommand invalid(int att, std::string message) {
  ConfigureCommand c;
  c.att_error = att;
  c.message = std::move(message);
  return c;
}

// Fetches an optional string member; false when present but not a string.
bool string_member(const cJSON* obj, const char* key, std::string& out, bool& present) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(obj, key);
  present = item != nullptr;
  if (!item) return true;
  if (!cJSON_IsString(item) || !item->valuestring) return false;
  out = item->valuestring;
  return true;
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool valid_url(const std::string& url) {
  std::string rest;
  if (url.rfind("http://", 0) == 0) rest = url.substr(7);
  else if (url.rfind("https://", 0) == 0) rest = url.substr(8);
  else return false;
  auto host_end = rest.find_first_of("/?#");
  std::string host = rest.substr(0, host_end);
  if (host.empty() || host[0] == ':') return false;
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
  return true;
}

std::string check_fields(const SyncConfig& c) {
  if (c.ssid.empty() || c.ssid.size() > protocol::kSsidMaxLen) return "ssid must be 1 to 32 bytes";
  std::size_t pass_len = utf8_length(c.password);
  if (!c.password.empty() && (pass_len < protocol::kPassMinLen || pass_len > protocol::kPassMaxLen))
    return "pass must be empty (open hotspot) or 8 to 63 characters";
  if (c.url.size() > protocol::kUrlMaxLen) return "url must be at most 256 bytes";
  if (!valid_url(c.url)) return "url must start with http:// or https:// and name a host";
  if (c.token.size() > protocol::kTokenMaxLen) return "token must be at most 128 bytes";
  return "";
}
}  // namespace

ConfigureCommand parse_configure(std::string_view value) {
  if (value.empty() || value.size() > protocol::kMaxValueLen)
    return invalid(protocol::kAttInvalidLength, "CONFIGURE value must be 1 to 512 bytes");
  JsonPtr root(cJSON_ParseWithLength(value.data(), value.size()), cJSON_Delete);
  if (!root || !cJSON_IsObject(root.get()))
    return invalid(protocol::kAttValueNotAllowed, "CONFIGURE value is not a JSON object");
  std::string cmd;
  bool has_cmd = false;
  if (!string_member(root.get(), "cmd", cmd, has_cmd)) return invalid(protocol::kAttValueNotAllowed, "cmd must be a string");
  if (has_cmd) {
    if (cmd != "cancel") return invalid(protocol::kAttValueNotAllowed, "unknown cmd (only \"cancel\")");
    ConfigureCommand c;
    c.kind = ConfigureCommand::Kind::kCancel;
    return c;
  }
  ConfigureCommand c;
  bool present[5];
  const char* keys[] = {"ssid", "pass", "url", "token", "after"};
  std::string after;
  std::string* targets[] = {&c.config.ssid, &c.config.password, &c.config.url, &c.config.token, &after};
  for (int i = 0; i < 5; ++i) {
    if (!string_member(root.get(), keys[i], *targets[i], present[i]))
      return invalid(protocol::kAttValueNotAllowed, std::string(keys[i]) + " must be a string");
    if (i < 3 && !present[i]) return invalid(protocol::kAttValueNotAllowed, std::string(keys[i]) + " is missing");
  }
  if (present[4] && after != "archive" && after != "delete")
    return invalid(protocol::kAttValueNotAllowed, "after must be \"archive\" or \"delete\"");
  c.config.after = after == "delete" ? AfterUpload::kDelete : AfterUpload::kArchive;
  std::string problem = check_fields(c.config);
  if (!problem.empty()) return invalid(protocol::kAttValueNotAllowed, problem);
  c.kind = ConfigureCommand::Kind::kStart;
  return c;
}

std::string upload_url(const std::string& base_url) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + protocol::kUploadPath;
}

std::string upload_resource_url(const std::string& base_url, const std::string& sha256) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + protocol::kUploadsPath + "/" + sha256;
}

std::string percent_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace rs
