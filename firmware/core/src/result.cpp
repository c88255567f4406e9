#include "rscore/result.hpp"

namespace rs {

const char* error_name(Error e) {
  switch (e) {
    case Error::kOk: return "ok";
    case Error::kInvalidArgument: return "invalid argument";
    case Error::kNotFound: return "not found";
    case Error::kIo: return "I/O error";
    case Error::kNoSpace: return "no space";
    case Error::kBusy: return "busy";
    case Error::kCancelled: return "cancelled";
    case Error::kWifiAuthFailed: return "Wi-Fi password rejected";
    case Error::kWifiNotFound: return "Wi-Fi network not found";
    case Error::kWifiFailed: return "Wi-Fi failed";
    case Error::kServerUnreachable: return "server unreachable";
    case Error::kTlsFailed: return "TLS failed";
    case Error::kTimeout: return "timeout";
    case Error::kConnectionLost: return "connection lost";
  }
  return "unknown";
}

}  // namespace rs
