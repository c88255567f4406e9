#include "rscore/sync_status.hpp"

#include <cmath>
#include <memory>

#include "cJSON.h"
#include "rscore/protocol.hpp"

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

// Cuts a string to at most max bytes without splitting a UTF-8 sequence.
std::string clip(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
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
    cJSON_AddStringToObject(o, "code", s.error_code.c_str());
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
