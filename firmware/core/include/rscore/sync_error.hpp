// Why a sync run ended in ERROR: one value per failure, each with its STATUS code (docs/protocol.md §1.1).
#pragma once

namespace rs {

enum class SyncError {
  kNone = 0,
  kBadConfig,
  kBusy,
  kWifiAuthFailed,
  kWifiNotFound,
  kWifiFailed,
  kServerUnreachable,
  kTlsFailed,
  kHttp,
  kHashMismatch,
  kStorage,
  kCancelled,
};

// The STATUS `code` of a failure ("" for kNone).
const char* sync_error_code(SyncError e);
// Whether the failure is the hotspot's (STATUS `wifi` then says FAILED).
bool is_wifi_failure(SyncError e);

}  // namespace rs
