#include <gtest/gtest.h>

#include <condition_variable>
#include <nlohmann/json.hpp>

#include "fixed_battery.hpp"
#include "fakes.hpp"
#include "thread_worker.hpp"
#include "test_pairing.hpp"
#include "racesense/protocol.hpp"
#include "rscore/sync_service.hpp"

namespace rs {
namespace {

class RecordingGatt : public GattServer {
 public:
  std::mutex mu;
  std::vector<std::string> sent;
  void notify_status(const std::string& v) override {
    std::lock_guard<std::mutex> lock(mu);
    sent.push_back(v);
  }
};

// Blocks uploads until released, so a test can act while a sync is running.
class GatedUploader : public test::FakeUploader {
 public:
  std::mutex mu;
  std::condition_variable cv;
  bool open = false, entered = false;
  Result<UploadResponse> post(const UploadRequest& r, BodySource& b) override {
    {
      std::unique_lock<std::mutex> lock(mu);
      entered = true;
      cv.notify_all();
      cv.wait(lock, [this] { return open; });
    }
    return FakeUploader::post(r, b);
  }
  void wait_entered() {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [this] { return entered; });
  }
  void release() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
  }
};

class SyncServiceTest : public ::testing::Test {
 protected:
  SyncServiceTest() : service({{files, wifi, http, sha}, gatt, battery, active, pairing.gate, worker}, settings()) {
    files.add("/sessions/a.csv", std::string(2000, 'a'));
    files.add("/sessions/notes.txt", "not a session");
    EXPECT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kPaired);
  }
  static OffloaderSettings settings() {
    OffloaderSettings s;
    s.backoff_ms = 1;
    return s;
  }
  nlohmann::json status() { return nlohmann::json::parse(service.read_status().value); }
  const char* kConfig = R"({"ssid":"Racesense-Pit","pass":"hunter22","url":"http://laptop"})";

  test::FakeFileStore files;
  test::FakeWifi wifi;
  GatedUploader http;
  host::OpensslSha256 sha;
  RecordingGatt gatt;
  host::FixedBattery battery{3.87};
  ActiveFiles active;
  test::TestPairing pairing;
  host::ThreadWorker worker;
  SyncService service;
  host::PhonePairing phone{pairing.crypto, pairing.group, test::direct_ops(service)};
};

TEST_F(SyncServiceTest, ConfigureStartsARunBeforeTheWriteReturns) {
  http.release();
  EXPECT_EQ(phone.configure(kConfig).att_error, 0);
  auto s = status();
  EXPECT_TRUE(s["state"] == "WIFI_CONNECTING" || s["state"] == "SYNCING" || s["state"] == "DONE") << s;
  EXPECT_EQ(s["run"], 1);
  service.wait_until_finished();
  EXPECT_EQ(status()["state"], "DONE");
  EXPECT_EQ(status()["files_done"], 1);
  EXPECT_TRUE(files.has("/sessions/notes.txt"));  // only *.csv are sessions
}

TEST_F(SyncServiceTest, InvalidConfigureIsAnAttErrorAndAnErrorStatus) {
  auto r = phone.configure(R"({"ssid":"x","pass":"short","url":"http://a"})");
  EXPECT_EQ(r.att_error, protocol::kAttValueNotAllowed);
  EXPECT_EQ(status()["state"], "ERROR");
  EXPECT_EQ(status()["code"], "BAD_CONFIG");
}

TEST_F(SyncServiceTest, SecondConfigureWhileRunningIsBusyAndDisconnectDoesNotStopTheSync) {
  service.on_connect(185);
  service.on_subscribe(true);
  ASSERT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kPaired);  // a connection starts without a session
  ASSERT_EQ(phone.configure(kConfig).att_error, 0);
  http.wait_entered();
  EXPECT_EQ(phone.configure(kConfig).att_error, protocol::kAttBusy);
  service.on_disconnect();
  http.release();
  service.wait_until_finished();
  service.on_connect(23);
  auto s = status();  // a reconnecting client reads the outcome
  EXPECT_EQ(s["state"], "DONE");
  EXPECT_EQ(s["laps"], 2);
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

TEST_F(SyncServiceTest, NotificationsRespectTheMtu) {
  service.on_connect(23);
  service.on_subscribe(true);
  ASSERT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kPaired);
  http.release();
  ASSERT_EQ(phone.configure(kConfig).att_error, 0);
  service.wait_until_finished();
  std::lock_guard<std::mutex> lock(gatt.mu);
  ASSERT_FALSE(gatt.sent.empty());
  for (const auto& n : gatt.sent) {
    EXPECT_LE(n.size(), 20u);
    EXPECT_EQ(n.find("state"), std::string::npos);
    EXPECT_NO_THROW((void)nlohmann::json::parse(n).at("seq"));
  }
}

TEST_F(SyncServiceTest, NoNotificationsWithoutASubscriber) {
  http.release();
  phone.configure(kConfig);
  service.wait_until_finished();
  std::lock_guard<std::mutex> lock(gatt.mu);
  EXPECT_TRUE(gatt.sent.empty());
}

TEST_F(SyncServiceTest, FileListThroughTheCharacteristicsMarksBusyFiles) {
  active.mark_open("b.csv");
  files.add("/sessions/b.csv", "still writing");
  EXPECT_EQ(phone.write_sealed("5005", R"({"offset":0})").att_error, 0);
  auto page = nlohmann::json::parse(phone.read_sealed("5005").value());
  ASSERT_EQ(page["total"], 2);
  EXPECT_EQ(page["files"][1][2], protocol::kFileFlagBusy);
  EXPECT_EQ(page["gen"], active.generation());
  EXPECT_EQ(phone.write_sealed("5005", "garbage").att_error, protocol::kAttValueNotAllowed);
}

}  // namespace
}  // namespace rs
