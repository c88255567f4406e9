#include <gtest/gtest.h>

#include "rscore/failure_reasons.hpp"

namespace rs {
namespace {

TEST(FailureReasons, WifiJoinReasonsTellPasswordFromMissingHotspot) {
  EXPECT_EQ(wifi_join_failure(202), Error::kWifiAuthFailed);  // WIFI_REASON_AUTH_FAIL
  EXPECT_EQ(wifi_join_failure(15), Error::kWifiAuthFailed);   // 4-way handshake timeout: wrong WPA2 key
  EXPECT_EQ(wifi_join_failure(201), Error::kWifiNotFound);    // WIFI_REASON_NO_AP_FOUND
  EXPECT_EQ(wifi_join_failure(211), Error::kWifiNotFound);
  EXPECT_EQ(wifi_join_failure(205), Error::kWifiFailed);      // connection fail
}

TEST(FailureReasons, HttpConnectFailuresTellTlsFromUnreachable) {
  EXPECT_EQ(http_connect_failure(0x801A, 0), Error::kTlsFailed);  // ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED
  EXPECT_EQ(http_connect_failure(0, 0x08), Error::kTlsFailed);    // certificate verify flags
  EXPECT_EQ(http_connect_failure(0x8001, 0), Error::kServerUnreachable);
  EXPECT_EQ(http_connect_failure(0x8006, 0), Error::kTimeout);
}

}  // namespace
}  // namespace rs
