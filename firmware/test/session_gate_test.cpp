// Only a phone that proved the pairing code commands the logger (docs/protocol.md §1.4): strangers,
// replays and wrong codes change nothing, and wrong codes are rate-limited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixed_battery.hpp"
#include "fakes.hpp"
#include "rscore/gatt_dispatch.hpp"
#include "rscore/hex.hpp"
#include "racesense/protocol.hpp"
#include "rscore/sync_service.hpp"
#include "test_pairing.hpp"
#include "thread_worker.hpp"

namespace rs {
namespace {
using host::PairOutcome;
using nlohmann::json;

class NullGatt : public GattServer {
 public:
  void notify_status(const std::string&) override {}
};

const char* kOwnerConfig = R"({"ssid":"Racesense-Pit","pass":"hunter22","url":"http://laptop","token":"t"})";
const char* kStrangerConfig =
    R"({"ssid":"Rival-Hotspot","pass":"rival-pass","url":"http://rival.example","token":"x","after":"delete"})";

class SessionGateTest : public ::testing::Test {
 protected:
  SessionGateTest() : service({{files, wifi, http, sha}, gatt, battery, active, pairing.gate, worker}, OffloaderSettings()) {
    files.add("/sessions/a.csv", std::string(3000, 'a'));
    files.add("/sessions/b.csv", std::string(1000, 'b'));
    service.on_connect(185);
  }
  ~SessionGateTest() override { service.wait_until_finished(); }
  json status() { return json::parse(service.read_status().value); }
  host::PhonePairing phone() { return {pairing.crypto, pairing.group, test::direct_ops(service)}; }
  void expect_card_untouched() {
    EXPECT_EQ(wifi.connects, 0);
    EXPECT_TRUE(http.requests.empty());
    EXPECT_TRUE(files.has("/sessions/a.csv"));
    EXPECT_TRUE(files.has("/sessions/b.csv"));
  }

  test::FakeFileStore files;
  test::FakeWifi wifi;
  test::FakeUploader http;
  host::OpensslSha256 sha;
  NullGatt gatt;
  host::FixedBattery battery;
  ActiveFiles active;
  test::TestPairing pairing;
  host::ThreadWorker worker;
  SyncService service;
};

TEST_F(SessionGateTest, AStrangersPlainConfigureIsRefusedAndNothingLeavesTheCard) {
  json before = status();
  AttReply r = service.write_configure(kStrangerConfig);
  EXPECT_EQ(r.att_error, protocol::kAttInsufficientAuthentication);
  EXPECT_EQ(service.write_configure(R"({"cmd":"cancel"})").att_error, protocol::kAttInsufficientAuthentication);
  service.wait_until_finished();
  EXPECT_EQ(status(), before);  // not even a BAD_CONFIG: nothing was parsed
  expect_card_untouched();
}

TEST_F(SessionGateTest, TheFileListNeedsTheSession) {
  EXPECT_EQ(service.write_file_list(R"({"offset":0})").att_error, protocol::kAttInsufficientAuthentication);
  AttReply page = service.read_file_list();
  EXPECT_EQ(page.att_error, protocol::kAttInsufficientAuthentication);
  EXPECT_EQ(page.value.find("a.csv"), std::string::npos);
  EXPECT_EQ(GattDispatch(service).read(GattChar::kFileList, ReadPart::kLater).att_error, protocol::kAttInsufficientAuthentication);

  auto owner = phone();
  ASSERT_EQ(owner.pair(test::kTestCode), PairOutcome::kPaired);
  AttReply sealed = service.read_file_list();
  ASSERT_EQ(sealed.att_error, 0);
  EXPECT_EQ(sealed.value.find("a.csv"), std::string::npos);  // sealed: the names do not go over the air
  ASSERT_EQ(owner.write_sealed("5005", R"({"offset":0})").att_error, 0);  // reads go on after a page: back to 0
  auto listed = json::parse(owner.read_sealed("5005").value());
  EXPECT_EQ(listed["total"], 2);
  EXPECT_EQ(listed["files"][0][0], "a.csv");
}

TEST_F(SessionGateTest, TheRightCodeSyncsAsBefore) {
  auto owner = phone();
  ASSERT_EQ(owner.pair(test::kTestCode), PairOutcome::kPaired);
  ASSERT_EQ(owner.configure(kOwnerConfig).att_error, 0);
  service.wait_until_finished();
  EXPECT_EQ(status()["state"], "DONE");
  EXPECT_EQ(status()["files_done"], 2);
  EXPECT_EQ(wifi.last_ssid, "Racesense-Pit");
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

TEST_F(SessionGateTest, APlainWriteDuringTheOwnersSessionIsRefused) {
  auto owner = phone();
  ASSERT_EQ(owner.pair(test::kTestCode), PairOutcome::kPaired);
  EXPECT_EQ(service.write_configure(kStrangerConfig).att_error, protocol::kAttInsufficientAuthentication);
  EXPECT_EQ(owner.configure(kOwnerConfig).att_error, 0);  // the owner's counter is untouched
  service.wait_until_finished();
  EXPECT_EQ(wifi.connects, 1);
  EXPECT_EQ(wifi.last_ssid, "Racesense-Pit");
}

TEST_F(SessionGateTest, ARecordedExchangeReplayedDoesNothing) {
  std::vector<std::pair<std::string, std::string>> air;  // every write the owner's phone made
  host::GattOps ops = test::direct_ops(service);
  auto direct_write = ops.write;
  ops.write = [&](const std::string& ch, const std::string& v) {
    air.emplace_back(ch, v);
    return direct_write(ch, v);
  };
  host::PhonePairing owner(pairing.crypto, pairing.group, ops);
  ASSERT_EQ(owner.pair(test::kTestCode), PairOutcome::kPaired);
  files.files.erase("/sessions/b.csv");
  ASSERT_EQ(owner.configure(kOwnerConfig).att_error, 0);
  service.wait_until_finished();
  files.add("/sessions/c.csv", "new session");
  ASSERT_EQ(air.size(), 3u);  // x, cp, CONFIGURE
  json before = status();

  // Same session: the counter was used.
  EXPECT_EQ(service.write_configure(air[2].second).att_error, protocol::kAttInsufficientAuthentication);
  // A new connection replays the whole exchange: the logger's fresh share makes the old cp wrong,
  // so no session opens and the recorded CONFIGURE is refused.
  service.on_disconnect();
  service.on_connect(185);
  EXPECT_EQ(service.write_pair(air[0].second).att_error, 0);
  EXPECT_EQ(service.write_pair(air[1].second).att_error, protocol::kAttWrongPairingCode);
  EXPECT_EQ(service.write_configure(air[2].second).att_error, protocol::kAttInsufficientAuthentication);
  // And inside a fresh session of the owner, the recorded value does not open either (other keys).
  ASSERT_EQ(owner.pair(test::kTestCode), PairOutcome::kWait);  // the replayed attempt was counted
  pairing.clock.advance(1000);
  ASSERT_EQ(owner.pair(test::kTestCode), PairOutcome::kPaired);
  EXPECT_EQ(service.write_configure(air[2].second).att_error, protocol::kAttInsufficientAuthentication);
  service.wait_until_finished();
  EXPECT_EQ(status()["run"], before["run"]);
  EXPECT_EQ(status()["state"], before["state"]);
  EXPECT_EQ(wifi.connects, 1);
  EXPECT_TRUE(files.has("/sessions/c.csv"));
}

TEST_F(SessionGateTest, ValuesSealedForOneCharacteristicOrTamperedDoNotOpen) {
  auto owner = phone();
  ASSERT_EQ(owner.pair(test::kTestCode), PairOutcome::kPaired);
  ASSERT_EQ(owner.write_sealed("5005", R"({"offset":0})").att_error, 0);
  std::string for_list = owner.last_sealed();
  EXPECT_EQ(service.write_configure(for_list).att_error, protocol::kAttInsufficientAuthentication);
  // A fresh seal with one bit flipped in the ciphertext.
  ASSERT_EQ(owner.write_sealed("5005", R"({"offset":0})").att_error, 0);
  std::string tampered = owner.last_sealed();
  tampered[6] = static_cast<char>(tampered[6] ^ 1);
  EXPECT_EQ(service.write_file_list(tampered).att_error, protocol::kAttInsufficientAuthentication);
  EXPECT_EQ(service.write_file_list(tampered.substr(0, 10)).att_error, protocol::kAttInsufficientAuthentication);
  expect_card_untouched();
}

TEST_F(SessionGateTest, AWrongCodeIsRefusedRateLimitedAndShownInStatus) {
  auto guesser = phone();
  EXPECT_EQ(guesser.pair("11112222"), PairOutcome::kWrongCode);
  EXPECT_EQ(status()["pair_failures"], 1);
  EXPECT_EQ(guesser.pair(test::kTestCode), PairOutcome::kWait);  // even the right code waits 1 s
  pairing.clock.advance(999);
  EXPECT_EQ(guesser.pair("11112223"), PairOutcome::kWait);
  pairing.clock.advance(1);
  EXPECT_EQ(guesser.pair("11112223"), PairOutcome::kWrongCode);
  pairing.clock.advance(1999);  // the second failure doubles the delay to 2 s
  EXPECT_EQ(guesser.pair(test::kTestCode), PairOutcome::kWait);
  EXPECT_GT(json::parse(service.read_pair().value)["wait_ms"].get<int>(), 0);
  pairing.clock.advance(1);
  EXPECT_EQ(guesser.pair(test::kTestCode), PairOutcome::kPaired);
  EXPECT_EQ(status()["pair_failures"], 0);
  EXPECT_EQ(service.write_configure(kStrangerConfig).att_error, protocol::kAttInsufficientAuthentication);
  expect_card_untouched();
}

TEST_F(SessionGateTest, AnAbandonedHandshakeCountsAsAFailure) {
  auto half = phone();
  json hello = json::parse(service.read_pair().value);
  EXPECT_EQ(hello["failures"], 0);
  EXPECT_EQ(hello["salt"], "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");
  // A share that is a valid point, never followed by cp (an attacker testing one guess offline).
  auto other = derive_password_scalars(pairing.crypto, pairing.group, "99999999", Bytes(16, 0x5a), 1000);
  SpakeProver prover(pairing.crypto, pairing.group, pairing_identity(), other.value().w0, other.value().w1);
  EXPECT_EQ(service.write_pair(json{{"x", to_hex(prover.share().value())}}.dump()).att_error, 0);
  EXPECT_EQ(status()["pair_failures"], 1);
  service.on_disconnect();
  EXPECT_EQ(status()["pair_failures"], 1);
  EXPECT_EQ(service.write_pair(R"({"x":"04zz"})").att_error, protocol::kAttValueNotAllowed);
  EXPECT_EQ(service.write_pair(R"({"cp":"00"})").att_error, protocol::kAttValueNotAllowed);
  pairing.clock.advance(1000);  // past the wait, which is checked before any arithmetic
  EXPECT_EQ(service.write_pair(std::string(R"({"x":")") + std::string(130, '0') + "\"}").att_error,
            protocol::kAttValueNotAllowed);  // not a point: refused before anything is counted
  EXPECT_EQ(status()["pair_failures"], 1);
}

TEST_F(SessionGateTest, TwentyFailuresLockPairingUntilTheButton) {
  auto guesser = phone();
  for (int i = 0; i < protocol::kPairingMaxFailures; ++i) {
    pairing.clock.advance(std::uint64_t{1} << 40);  // past any delay
    ASSERT_EQ(guesser.pair(std::to_string(10000000 + i)), PairOutcome::kWrongCode) << i;
  }
  pairing.clock.advance(std::uint64_t{1} << 40);
  EXPECT_EQ(guesser.pair(test::kTestCode), PairOutcome::kLocked);
  EXPECT_EQ(status()["pairing_locked"], true);
  EXPECT_EQ(status()["pair_failures"], protocol::kPairingMaxFailures);
  EXPECT_EQ(json::parse(service.read_pair().value)["locked"], true);
  service.press_button();
  EXPECT_EQ(status()["pairing_locked"], false);
  EXPECT_EQ(guesser.pair(test::kTestCode), PairOutcome::kPaired);
  expect_card_untouched();
}

}  // namespace
}  // namespace rs
