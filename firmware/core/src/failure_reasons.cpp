#include "rscore/failure_reasons.hpp"

namespace rs {
namespace {
// WIFI_REASON_* from esp_wifi_types_generic.h
constexpr int kAuthExpire = 2, kAuthFail = 202, kFourWayTimeout = 15, kHandshakeTimeout = 204, kMicFailure = 14;
constexpr int kNoApFound = 201, kNoApCompatible = 210, kNoApAuthThreshold = 211, kBeaconTimeout = 200;
// ESP_ERR_ESP_TLS_BASE + n from esp_tls_errors.h
constexpr int kTlsBase = 0x8000;
constexpr int kCannotResolve = kTlsBase + 0x01, kFailedConnect = kTlsBase + 0x04, kConnTimeout = kTlsBase + 0x06;
constexpr int kX509Parse = kTlsBase + 0x15, kHandshakeFailed = kTlsBase + 0x1A;
}  // namespace

Error wifi_join_failure(int reason) {
  switch (reason) {
    case kAuthFail:
    case kAuthExpire:
    case kFourWayTimeout:  // a wrong WPA2 passphrase shows up as a 4-way handshake timeout
    case kHandshakeTimeout:
    case kMicFailure:
      return Error::kWifiAuthFailed;
    case kNoApFound:
    case kNoApCompatible:
    case kNoApAuthThreshold:
    case kBeaconTimeout:
      return Error::kWifiNotFound;
    default:
      return Error::kWifiFailed;
  }
}

Error http_connect_failure(int esp_tls_code, int tls_verify_flags) {
  if (tls_verify_flags != 0 || esp_tls_code == kHandshakeFailed || esp_tls_code == kX509Parse) return Error::kTlsFailed;
  if (esp_tls_code == kConnTimeout) return Error::kTimeout;
  return Error::kServerUnreachable;  // kCannotResolve, kFailedConnect and anything else
}

}  // namespace rs
