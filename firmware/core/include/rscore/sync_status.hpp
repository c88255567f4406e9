// STATUS characteristic: the state of the sync and its JSON (docs/protocol.md §1.1).
#pragma once

#include <cstdint>
#include <string>

namespace rs {

enum class SyncState { kIdle, kWifiConnecting, kSyncing, kDone, kError };
enum class WifiStatus { kOff, kConnecting, kConnected, kFailed };

struct SyncStatus {
  SyncState state = SyncState::kIdle;
  WifiStatus wifi = WifiStatus::kOff;
  std::uint32_t run = 0, seq = 0;
  int progress = 0;  // 0-100 over all bytes of the run
  std::string file;
  int file_index = 0, file_count = 0, files_done = 0, laps = 0;
  double battery_v = 0;
  std::string error_code, error_message;  // kError
  int http_status = 0;                    // kError with HTTP_ERROR
  int pair_failures = 0;                  // docs/protocol.md §1.4
  bool pairing_locked = false;
  std::uint32_t list_gen = 0;             // changes when the logger changed the session folder (§1.3)
};

const char* state_name(SyncState s);
std::string status_json(const SyncStatus& s);

// What to notify for a status value under the MTU: the JSON itself when it fits in MTU-3 bytes,
// otherwise the short change marker {"seq":N} that tells the client to read the characteristic.
std::string notification_payload(const std::string& json, std::uint32_t seq, std::size_t mtu);

}  // namespace rs
