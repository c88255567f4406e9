#include <gtest/gtest.h>

#include "racesense/protocol.hpp"
#include "rscore/sync_status.hpp"

namespace rs {
namespace {

SyncStatus worst_case() {
  SyncStatus s;
  s.state = SyncState::kError;
  s.run = 4000000000u;
  s.seq = 4000000000u;
  s.file = std::string(300, 'f');
  s.file_count = s.file_index = s.files_done = 999999;
  s.laps = 999999;
  s.error_code = "SERVER_UNREACHABLE";
  s.error_message = std::string(400, 'm');
  s.http_status = 507;
  s.battery_v = 3.987654;
  return s;
}

TEST(Status, JsonCarriesTheSpecFields) {
  SyncStatus s;
  s.state = SyncState::kSyncing;
  s.progress = 45;
  s.file = "sess_1.csv";
  s.wifi = WifiStatus::kConnected;
  s.battery_v = 3.9234;
  auto j = status_json(s);
  for (const char* part : {"\"state\":\"SYNCING\"", "\"progress\":45", "\"file\":\"sess_1.csv\"", "\"wifi_status\":\"connected\"",
                           "\"sync_progress\":45", "\"battery_v\":3.92"})
    EXPECT_NE(j.find(part), std::string::npos) << part << " in " << j;
}

TEST(Status, EveryStateStaysWithinOneValue) {
  for (auto state : {SyncState::kIdle, SyncState::kWifiConnecting, SyncState::kSyncing, SyncState::kDone, SyncState::kError}) {
    auto s = worst_case();
    s.state = state;
    EXPECT_LE(status_json(s).size(), protocol::kMaxValueLen) << state_name(state);
  }
}

TEST(Status, ServerMessagesWithControlCharactersAndQuotesStayWithinOneValue) {
  // Found by fuzz/fuzz_status: each control character is escaped to 6 bytes, so a 120-byte message
  // of them made a 900-byte value.
  for (std::string filler : {std::string(1, '\x19'), std::string("\""), std::string("\\"), std::string("\xE2\x82\xAC")}) {
    auto s = worst_case();
    s.error_message = "";
    for (int i = 0; i < 200; ++i) s.error_message += filler;
    s.file = s.error_message;
    for (auto state : {SyncState::kSyncing, SyncState::kError}) {
      s.state = state;
      std::string j = status_json(s);
      EXPECT_LE(j.size(), protocol::kMaxValueLen) << j;
      EXPECT_EQ(j.find("\\u00"), std::string::npos) << "control characters become spaces: " << j;
    }
  }
}

TEST(Status, NotificationFitsTheMtuOrBecomesAMarker) {
  SyncStatus s;
  s.seq = 4000000000u;
  std::string json = status_json(s);
  ASSERT_GT(json.size(), 20u);
  std::string small = notification_payload(json, s.seq, 23);
  EXPECT_LE(small.size(), 20u);
  EXPECT_EQ(small, "{\"seq\":4000000000}");
  EXPECT_EQ(small.find("state"), std::string::npos);
  EXPECT_EQ(notification_payload(json, s.seq, 185), json);
  EXPECT_LE(notification_payload(json, s.seq, 0).size(), 20u);  // a bogus MTU counts as the minimum
}

}  // namespace
}  // namespace rs
