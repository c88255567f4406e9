#include <gtest/gtest.h>

#include "fakes.hpp"
#include "rscore/offloader.hpp"

namespace rs {
namespace {
using test::FakeUploader;

class OffloaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings.backoff_ms = 1;
    settings.chunk_size = 700;
    config.ssid = "Racesense-Pit";
    config.password = "hunter22";
    config.url = "http://laptop:8080";
    config.token = "tok";
    files.add("/sessions/a.csv", std::string(5000, 'a'));
    files.add("/sessions/b.csv", std::string(3000, 'b'));
  }
  void run() {
    Offloader o({files, wifi, http, sha, &active}, settings, [this](const std::function<void(SyncStatus&)>& change) {
      change(status);
      history.push_back(status);
    });
    o.run(config, cancel);
  }

  test::FakeFileStore files;
  test::FakeWifi wifi;
  FakeUploader http;
  host::OpensslSha256 sha;
  OffloaderSettings settings;
  SyncConfig config;
  CancelToken cancel;
  ActiveFiles active;
  SyncStatus status;
  std::vector<SyncStatus> history;
};

TEST_F(OffloaderTest, ConfirmedUploadsAreArchivedAndLapsSummed) {
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  EXPECT_EQ(status.progress, 100);
  EXPECT_EQ(status.files_done, 2);
  EXPECT_EQ(status.laps, 4);
  EXPECT_TRUE(files.has("/archive/a.csv"));
  EXPECT_TRUE(files.has("/archive/b.csv"));
  EXPECT_FALSE(files.has("/sessions/a.csv"));
  EXPECT_EQ(http.bodies[0], std::string(5000, 'a'));
  const auto& req = http.requests[0];
  EXPECT_EQ(req.url, "http://laptop:8080/api/upload");
  EXPECT_EQ(req.content_length, 5000u);
  EXPECT_EQ(req.token, "tok");
  EXPECT_EQ(wifi.disconnects, 1);
  EXPECT_GE(http.closes, 1);
}

TEST_F(OffloaderTest, DeleteSettingRemovesConfirmedFiles) {
  config.after = AfterUpload::kDelete;
  run();
  EXPECT_TRUE(files.files.empty());
}

TEST_F(OffloaderTest, ProgressIsGlobalMonotonicAndEndsAt100) {
  run();
  int last = 0;
  bool saw_middle = false;
  for (const auto& s : history) {
    EXPECT_GE(s.progress, last);
    last = s.progress;
    if (s.state == SyncState::kSyncing && s.progress > 30 && s.progress < 90) saw_middle = true;
  }
  EXPECT_EQ(last, 100);
  EXPECT_TRUE(saw_middle);
}

TEST_F(OffloaderTest, HashMismatchKeepsTheFileAfterRetries) {
  for (int i = 0; i < 3; ++i) http.fail_next({Error::kOk, 200, R"({"sha256":"0000","laps":1})"});
  run();
  EXPECT_EQ(status.state, SyncState::kError);
  EXPECT_EQ(status.error_code, "HASH_MISMATCH");
  EXPECT_EQ(http.requests.size(), 3u);
  EXPECT_TRUE(files.has("/sessions/a.csv"));
  EXPECT_TRUE(files.has("/sessions/b.csv"));
}

TEST_F(OffloaderTest, ServerErrorsAreRetriedThenSucceed) {
  http.fail_next({Error::kOk, 503, R"({"error":{"code":"x","message":"busy"}})"});
  http.fail_next({Error::kTimeout});
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  EXPECT_EQ(http.requests.size(), 4u);  // a.csv three times, b.csv once
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

TEST_F(OffloaderTest, TimeoutsExhaustTheRetriesThenIdleWithWifiOff) {
  for (int i = 0; i < 4; ++i) http.fail_next({Error::kTimeout});
  run();
  EXPECT_EQ(status.state, SyncState::kError);
  EXPECT_EQ(status.error_code, "SERVER_UNREACHABLE");
  EXPECT_EQ(status.wifi, WifiStatus::kOff);
  EXPECT_EQ(wifi.disconnects, 1);
  // The first attempt got every byte to the server (not counted: it moved the upload on); then
  // three attempts without progress, each an empty append asking for the answer.
  ASSERT_EQ(http.requests.size(), 4u);
  EXPECT_EQ(http.requests[3].offset, 5000u);
  EXPECT_EQ(http.bodies[3], "");
  EXPECT_EQ(status.files_done, 0);
  EXPECT_TRUE(files.has("/sessions/a.csv"));
  EXPECT_TRUE(files.has("/sessions/b.csv"));
}

TEST_F(OffloaderTest, PersistentServerErrorIsAnHttpErrorWithItsStatus) {
  for (int i = 0; i < 3; ++i) http.fail_next({Error::kOk, 507, R"({"error":{"code":"insufficient_storage","message":"Disk full."}})"});
  run();
  EXPECT_EQ(status.error_code, "HTTP_ERROR");
  EXPECT_EQ(status.http_status, 507);
  EXPECT_EQ(http.requests.size(), 3u);
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(OffloaderTest, CutLinkKeepsTheFileAndReportsTheServer) {
  settings.max_attempts = 2;
  for (int i = 0; i < 2; ++i) http.fail_next({Error::kOk, 200, "", 0, 1000});
  run();
  EXPECT_EQ(status.error_code, "SERVER_UNREACHABLE");
  EXPECT_TRUE(files.has("/sessions/a.csv"));
  EXPECT_FALSE(files.has("/archive/a.csv"));
}

TEST_F(OffloaderTest, ClientErrorsAreNotRetried) {
  http.fail_next({Error::kOk, 401, R"({"error":{"code":"unauthorized","message":"Missing or wrong upload token."}})"});
  run();
  EXPECT_EQ(status.error_code, "HTTP_ERROR");
  EXPECT_EQ(status.http_status, 401);
  EXPECT_NE(status.error_message.find("upload token"), std::string::npos);
  EXPECT_EQ(http.requests.size(), 1u);
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(OffloaderTest, TlsFailureIsNamed) {
  settings.max_attempts = 1;
  http.fail_next({Error::kTlsFailed});
  run();
  EXPECT_EQ(status.error_code, "TLS_FAILED");
}

TEST_F(OffloaderTest, WifiFailureReasons) {
  for (auto [error, code] : {std::pair{Error::kWifiAuthFailed, "WIFI_AUTH_FAILED"}, std::pair{Error::kWifiNotFound, "WIFI_NOT_FOUND"},
                             std::pair{Error::kWifiFailed, "WIFI_FAILED"}}) {
    wifi.next_result = error;
    status = {};
    run();
    EXPECT_EQ(status.state, SyncState::kError);
    EXPECT_EQ(status.error_code, code);
    EXPECT_EQ(status.wifi, WifiStatus::kFailed);
    EXPECT_NE(status.error_message.find("Racesense-Pit"), std::string::npos);
  }
  EXPECT_TRUE(http.requests.empty());
}

TEST_F(OffloaderTest, BusyFilesAreNotUploaded) {
  active.mark_open("a.csv");
  run();
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.last_request().filename, "b.csv");
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(OffloaderTest, FileGrowingBeforeItsTurnWaitsForTheNextSync) {
  http.on_post = [this] {
    if (http.requests.empty()) files.files["/sessions/b.csv"] += "more rows\n";  // while a.csv uploads
  };
  run();
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.last_request().filename, "a.csv");
  EXPECT_TRUE(files.has("/sessions/b.csv"));
  EXPECT_EQ(status.state, SyncState::kDone);
  EXPECT_EQ(status.files_done, 1);
  EXPECT_EQ(status.progress, 100);
}

TEST_F(OffloaderTest, FileGrowingDuringItsUploadSendsTheListedBytesAndStaysOnTheCard) {
  http.on_post = [this] {
    if (http.requests.size() == 1) files.files["/sessions/b.csv"] += "late row\n";
  };
  run();
  ASSERT_EQ(http.bodies.size(), 2u);
  EXPECT_EQ(http.bodies[1], std::string(3000, 'b'));  // exactly Content-Length bytes
  EXPECT_TRUE(files.has("/sessions/b.csv"));           // not archived: the logger is still writing it
  EXPECT_FALSE(files.has("/archive/b.csv"));
  EXPECT_EQ(status.files_done, 1);
  EXPECT_EQ(status.state, SyncState::kDone);
}

TEST_F(OffloaderTest, EachFileIsHashedBeforeItIsSentAndCheckedAgainstTheServersHash) {
  run();
  EXPECT_EQ(files.opens, 4);  // per file: the hash (it names the resumable upload), then the body
  EXPECT_EQ(status.files_done, 2);
  EXPECT_EQ(http.requests[0].sha256, test::sha256_of(std::string(5000, 'a')));
  EXPECT_EQ(http.requests[0].resume_url, "http://laptop:8080/api/uploads/" + test::sha256_of(std::string(5000, 'a')));
  EXPECT_EQ(http.requests[0].offset, 0u);
}

// Issue 10 item 4: a cut upload continues from the offset the server holds; only the rest is sent.
TEST_F(OffloaderTest, ACutUploadResumesFromTheServersOffset) {
  http.fail_next({Error::kOk, 200, "", 2, 2000});  // the link drops after 2000 bytes of a.csv
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  EXPECT_EQ(status.files_done, 2);
  ASSERT_EQ(http.requests.size(), 3u);
  ASSERT_EQ(http.offset_queries.size(), 1u);
  EXPECT_EQ(http.requests[1].offset, 2000u);
  EXPECT_EQ(http.bodies[0], std::string(3000, 'a'));  // a.csv's bytes from 2000 on
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

TEST_F(OffloaderTest, AServerWithoutResumableUploadsGetsTheWholeFileAgain) {
  http.offset_status = 404;
  http.fail_next({Error::kOk, 200, "", 2, 2000});
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(http.requests[1].offset, 0u);
  EXPECT_EQ(http.bodies[0], std::string(5000, 'a'));
}

TEST_F(OffloaderTest, CutsThatMoveTheUploadOnDoNotUseUpTheRetries) {
  settings.max_attempts = 2;
  files.add("/sessions/a.csv", std::string(100 * 1024, 'a'));
  for (int i = 0; i < 5; ++i) http.fail_next({Error::kOk, 200, "", 2, 20 * 1024});  // 20 KB then a cut, 5 times
  run();
  EXPECT_EQ(status.state, SyncState::kDone) << status.error_message;
  ASSERT_EQ(http.requests.size(), 6u);  // a.csv: four cuts and the rest; then b.csv
  for (std::size_t i = 1; i < 5; ++i) EXPECT_GT(http.requests[i].offset, http.requests[i - 1].offset);
  EXPECT_EQ(http.requests[4].offset + http.bodies[0].size(), 100u * 1024);  // no byte sent twice
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

TEST_F(OffloaderTest, CutsWithoutProgressUseUpTheRetries) {
  settings.max_attempts = 3;
  for (int i = 0; i < 3; ++i) http.fail_next({Error::kOk, 200, "", 2, 100});  // 100 bytes a time: too little
  run();
  EXPECT_EQ(status.error_code, "SERVER_UNREACHABLE");
  EXPECT_EQ(http.requests.size(), 3u);
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(OffloaderTest, ALost200IsAskedForAgainWithoutTheBytes) {
  FakeUploader::Reply lost;
  lost.answer_lost = true;
  http.fail_next(lost);
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(http.requests[1].offset, 5000u);  // an empty append at the end: the answer again
  EXPECT_EQ(http.bodies.size(), 2u);          // a.csv once, b.csv
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

TEST_F(OffloaderTest, ServerHashOfOtherBytesIsAMismatch) {
  for (int i = 0; i < 3; ++i)
    http.fail_next({Error::kOk, 200, "{\"sha256\":\"" + test::sha256_of(std::string(5000, 'b')) + "\",\"laps\":1}"});
  run();
  EXPECT_EQ(status.error_code, "HASH_MISMATCH");
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(OffloaderTest, WifiLostMidRunIsRejoinedBeforeTheRetry) {
  http.fail_next({Error::kConnectionLost});
  http.on_post = [this] {
    if (http.requests.empty()) wifi.is_up = false;  // the hotspot dropped us during the first upload
  };
  run();
  EXPECT_EQ(wifi.connects, 2);
  EXPECT_EQ(status.state, SyncState::kDone);
  EXPECT_EQ(status.files_done, 2);
}

TEST_F(OffloaderTest, RejoinFailureEndsTheRunWithTheWifiReason) {
  http.fail_next({Error::kConnectionLost});
  http.on_post = [this] {
    wifi.is_up = false;
    wifi.next_result = Error::kWifiNotFound;
  };
  run();
  EXPECT_EQ(status.error_code, "WIFI_NOT_FOUND");
  EXPECT_EQ(http.requests.size(), 1u);
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(OffloaderTest, ManyFilesAreUploadedInNameOrderWithoutHoldingTheList) {
  files.files.clear();
  for (int i = 0; i < 30; ++i) files.add("/sessions/s" + std::to_string(100 + i) + ".csv", "row " + std::to_string(i));
  files.add("/sessions/notes.txt", "not a session");
  run();
  ASSERT_EQ(http.requests.size(), 30u);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(http.requests[i].filename, "s" + std::to_string(100 + i) + ".csv");
  EXPECT_EQ(status.file_count, 30);
  EXPECT_EQ(status.files_done, 30);
  EXPECT_TRUE(files.has("/sessions/notes.txt"));
}

TEST_F(OffloaderTest, CancelStopsAndKeepsTheFile) {
  http.on_post = [this] { cancel.cancel(); };
  run();
  EXPECT_EQ(status.error_code, "CANCELLED");
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(OffloaderTest, UnreadableFileIsAStorageError) {
  files.fail_next_open = 1;
  run();
  EXPECT_EQ(status.error_code, "STORAGE_ERROR");
  EXPECT_TRUE(http.requests.empty());
}

TEST_F(OffloaderTest, ArchiveNameClashKeepsBothFiles) {
  files.add("/archive/a.csv", "older");
  run();
  EXPECT_EQ(files.files["/archive/a.csv"], "older");
  EXPECT_TRUE(files.has("/archive/1-a.csv"));
}

}  // namespace
}  // namespace rs
