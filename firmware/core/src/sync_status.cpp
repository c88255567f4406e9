#include "rscore/sync_status.hpp"

#include <cmath>
#include <memory>

#include "cJSON.h"
#include "racesense/protocol.hpp"

namespace rs {
namespace {
const char* wifi_name(WifiStatus w) {
  switch (w) {
    case WifiStatus::kOff: return "off";
    case WifiStatus::kConnecting: return "connecting";
    case WifiStatus::kConnected: return "connected";
    case WifiStatus::kFailed: return "failed";
  }
  return "off";
}

// A string for the STATUS JSON that takes at most max bytes once encoded: control characters
// (6 bytes each as \u00XX) become spaces, '"' and '\\' count twice, and a UTF-8 sequence is never
// split. File names come from the card and messages from the server, so either may hold anything.
std::string clip(const std::string& s, std::size_t max) {
  std::string out;
  std::size_t encoded = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > s.size()) len = s.size() - i;
    std::size_t cost = (c == '"' || c == '\\') ? 2 : len;
    if (encoded + cost > max) break;
    if (c < 0x20 || c == 0x7F) out.push_back(' ');
    else out.append(s, i, len);
    encoded += cost;
    i += len;
  }
  return out;
}
}  // namespace

const char* state_name(SyncState s) {
  switch (s) {
    case SyncState::kIdle: return "IDLE";
    case SyncState::kWifiConnecting: return "WIFI_CONNECTING";
    case SyncState::kSyncing: return "SYNCING";
    case SyncState::kDone: return "DONE";
    case SyncState::kError: return "ERROR";
  }
  return "IDLE";
}

std::string status_json(const SyncStatus& s) {
  std::unique_ptr<cJSON, decltype(&cJSON_Delete)> root(cJSON_CreateObject(), cJSON_Delete);
  cJSON* o = root.get();
  cJSON_AddStringToObject(o, "state", state_name(s.state));
  cJSON_AddNumberToObject(o, "run", s.run);
  cJSON_AddNumberToObject(o, "seq", s.seq);
  if (s.state == SyncState::kSyncing || s.state == SyncState::kDone) cJSON_AddNumberToObject(o, "progress", s.progress);
  if (s.state == SyncState::kSyncing) {
    cJSON_AddStringToObject(o, "file", clip(s.file, 80).c_str());
    cJSON_AddNumberToObject(o, "file_index", s.file_index);
  }
  if (s.state == SyncState::kSyncing || s.state == SyncState::kDone || s.state == SyncState::kError) {
    cJSON_AddNumberToObject(o, "file_count", s.file_count);
    cJSON_AddNumberToObject(o, "files_done", s.files_done);
    cJSON_AddNumberToObject(o, "laps", s.laps);
  }
  if (s.state == SyncState::kError) {
    cJSON_AddStringToObject(o, "code", clip(s.error_code, 32).c_str());
    cJSON_AddStringToObject(o, "message", clip(s.error_message, 120).c_str());
    if (s.http_status) cJSON_AddNumberToObject(o, "http_status", s.http_status);
  }
  cJSON_AddStringToObject(o, "wifi_status", wifi_name(s.wifi));
  cJSON_AddNumberToObject(o, "sync_progress", s.progress);
  cJSON_AddNumberToObject(o, "battery_v", std::round(s.battery_v * 100) / 100);
  cJSON_AddNumberToObject(o, "pair_failures", s.pair_failures);
  cJSON_AddNumberToObject(o, "list_gen", s.list_gen);
  cJSON_AddBoolToObject(o, "pairing_locked", s.pairing_locked);
  char* text = cJSON_PrintUnformatted(o);
  std::string out = text ? text : "{}";
  cJSON_free(text);
  return out;
}

std::string notification_payload(const std::string& json, std::uint32_t seq, std::size_t mtu) {
  if (mtu < protocol::kMinMtu) mtu = protocol::kMinMtu;
  std::size_t room = mtu - protocol::kNotifyOverhead;
  if (json.size() <= room) return json;
  return "{\"seq\":" + std::to_string(seq) + "}";
}

}  // namespace rs
