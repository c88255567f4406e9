#include "rscore/sync_error.hpp"

#include "racesense/protocol.hpp"

namespace rs {

const char* sync_error_code(SyncError e) {
  switch (e) {
    case SyncError::kNone: return "";
    case SyncError::kBadConfig: return protocol::kErrorBadConfig;
    case SyncError::kBusy: return protocol::kErrorBusy;
    case SyncError::kWifiAuthFailed: return protocol::kErrorWifiAuthFailed;
    case SyncError::kWifiNotFound: return protocol::kErrorWifiNotFound;
    case SyncError::kWifiFailed: return protocol::kErrorWifiFailed;
    case SyncError::kServerUnreachable: return protocol::kErrorServerUnreachable;
    case SyncError::kTlsFailed: return protocol::kErrorTlsFailed;
    case SyncError::kHttp: return protocol::kErrorHttp;
    case SyncError::kHashMismatch: return protocol::kErrorHashMismatch;
    case SyncError::kStorage: return protocol::kErrorStorage;
    case SyncError::kCancelled: return protocol::kErrorCancelled;
  }
  return "";
}

bool is_wifi_failure(SyncError e) {
  return e == SyncError::kWifiAuthFailed || e == SyncError::kWifiNotFound || e == SyncError::kWifiFailed;
}

}  // namespace rs
