// The ESP-IDF port itself (port/esp32 + main), compiled for the PC and driven through fakes of the
// SDK calls it makes (test/esp_sdk), which behave as ESP-IDF v5.5.5's sources do.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "adc_battery.hpp"
#include "esp_fake.hpp"
#include "esp_http_connection.hpp"
#include "esp_wifi_radio.hpp"
#include "fakes.hpp"
#include "freertos_worker.hpp"
#include "mbedtls_crypto.hpp"
#include "mbedtls_sha256.hpp"
#include "nvs_pairing_store.hpp"
#include "openssl_crypto.hpp"
#include "pairing_button.hpp"
#include "phone_pairing.hpp"
#include "rscore/offloader.hpp"
#include "racesense/protocol.hpp"
#include "rscore/upload_session.hpp"
#include "rscore/wifi_session.hpp"
#include "sd_card.hpp"
#include "sdkconfig.h"

extern "C" void app_main(void);

namespace rs {
namespace {
constexpr int kTlsHandshakeFailed = 0x801A;  // ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED
constexpr int kTlsCannotResolve = 0x8001;    // ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME
constexpr int kMbedtlsBadCertificate = -0x2700;  // MBEDTLS_ERR_X509_CERT_VERIFY_FAILED (tls_code)

const char* kUnauthorized = R"({"error":{"code":"unauthorized","message":"Missing or wrong upload token."}})";

// The upload path as on the chip: Offloader → UploadSession → EspHttpConnection → esp_http_client.
class PortUpload : public ::testing::Test {
 protected:
  void SetUp() override {
    fake::reset();
    settings.backoff_ms = 1;
    config.ssid = "Racesense-Pit";
    config.password = "hunter22";
    config.url = "https://abc.trycloudflare.com";
    config.token = "tok";
    files.add("/sessions/a.csv", std::string(9000, 'a'));
    files.add("/sessions/b.csv", std::string(5000, 'b'));
  }
  void run() {
    Offloader o({files, wifi, http, sha}, settings, [this](const std::function<void(SyncStatus&)>& change) { change(status); });
    o.run(config, cancel);
  }
  const fake::HttpRequestSeen& request(std::size_t i) { return fake::http().requests.at(i); }

  test::FakeFileStore files;
  test::FakeWifi wifi;
  esp32::EspHttpConnection connection;
  UploadSession http{connection};
  esp32::MbedtlsSha256 sha;
  OffloaderSettings settings;
  SyncConfig config;
  CancelToken cancel;
  SyncStatus status;
};

TEST_F(PortUpload, ConfirmedFilesGoOverOneKeptConnectionAndAreArchived) {
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  EXPECT_EQ(status.laps, 6);
  EXPECT_EQ(fake::http().connects, 1);
  ASSERT_EQ(fake::http().requests.size(), 2u);
  EXPECT_EQ(request(0).url, "https://abc.trycloudflare.com/api/upload");
  EXPECT_EQ(request(0).body, std::string(9000, 'a'));
  EXPECT_EQ(request(0).headers.at("Authorization"), "Bearer tok");
  EXPECT_EQ(request(0).headers.at("X-Filename"), "a.csv");
  EXPECT_EQ(request(0).headers.at("Expect"), "100-continue");
  EXPECT_TRUE(files.has("/archive/a.csv"));
  EXPECT_TRUE(files.has("/archive/b.csv"));
}

// Fault 2: the server answers 401 from the headers alone; esp_http_client reads nothing until
// fetch_headers, so writing the body first ends in a reset and "server unreachable".
TEST_F(PortUpload, EarlyAnswerIsReadBeforeTheBodySoAWrongTokenIsNamed) {
  fake::HttpReply early;
  early.status = 401;
  early.body = kUnauthorized;
  early.early = true;
  fake::http().replies.push_back(early);
  run();
  EXPECT_EQ(status.error_code, "HTTP_ERROR");
  EXPECT_EQ(status.http_status, 401);
  EXPECT_NE(status.error_message.find("upload token"), std::string::npos);
  ASSERT_EQ(fake::http().requests.size(), 1u);  // a 401 is not retried
  EXPECT_TRUE(request(0).body.empty());          // no body byte was sent
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

TEST_F(PortUpload, EarlyAnswerWithoutAnInterimAnswerIsStillRead) {
  fake::http().honours_expect = false;
  fake::HttpReply early;
  early.status = 507;
  early.body = R"({"error":{"code":"insufficient_storage","message":"Disk full."}})";
  early.early = true;
  for (int i = 0; i < 3; ++i) fake::http().replies.push_back(early);
  run();
  EXPECT_EQ(status.error_code, "HTTP_ERROR");
  EXPECT_EQ(status.http_status, 507);
}

TEST_F(PortUpload, AServerOrProxyWithout100ContinueGetsTheBodyAfterTheWait) {
  fake::http().honours_expect = false;
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  EXPECT_TRUE(request(0).complete);
  EXPECT_TRUE(request(1).complete);
}

// Fault 3: the ESP_ERR_ESP_TLS_* code is the return value of get_and_clear_last_tls_error.
TEST_F(PortUpload, TlsFailuresAreClassifiedFromTheReturnValue) {
  settings.max_attempts = 1;
  fake::http().connect_failures.push_back({kTlsHandshakeFailed, -0x7780, 0});
  run();
  EXPECT_EQ(status.error_code, "TLS_FAILED");
  EXPECT_NE(status.error_message.find("abc.trycloudflare.com"), std::string::npos);
}

TEST_F(PortUpload, ACertificateTheBundleRejectsIsATlsFailure) {
  settings.max_attempts = 1;
  fake::http().connect_failures.push_back({kTlsHandshakeFailed, kMbedtlsBadCertificate, 0x08});
  run();
  EXPECT_EQ(status.error_code, "TLS_FAILED");
}

TEST_F(PortUpload, AnUnresolvableHostIsUnreachableAfterTheRetries) {
  for (int i = 0; i < 3; ++i) fake::http().connect_failures.push_back({kTlsCannotResolve, 0, 0});
  run();
  EXPECT_EQ(status.error_code, "SERVER_UNREACHABLE");
  EXPECT_EQ(fake::http().connects, 3);
}

// Fault 4: a server that closes after its answer must not have its socket reused.
TEST_F(PortUpload, AnAnswerWithoutKeepAliveMeansANewConnectionForTheNextFile) {
  settings.max_attempts = 1;
  fake::HttpReply closing;
  closing.keep_alive = false;
  fake::http().replies.push_back(closing);
  run();
  EXPECT_EQ(status.state, SyncState::kDone) << status.error_code;
  EXPECT_EQ(fake::http().connects, 2);
}

TEST_F(PortUpload, AKeptConnectionTheServerDroppedCostsOneFreeReconnect) {
  settings.max_attempts = 1;  // no retry to fall back on: the free reconnect must do it
  fake::http().on_open = [](std::size_t request) {
    if (request == 1) fake::http().drop_idle_connection();  // idle timeout between the files
  };
  run();
  EXPECT_EQ(status.state, SyncState::kDone) << status.error_code;
  EXPECT_EQ(fake::http().connects, 2);
  EXPECT_EQ(request(1).body, std::string(5000, 'b'));
}

// Fault 4: esp_http_client_write returns 0 on a timeout; those bytes must not be skipped.
TEST_F(PortUpload, AWriteTimeoutEndsTheAttemptAndTheRetrySendsEveryByte) {
  fake::HttpReply stalls;
  stalls.write_timeout_after = 3000;
  fake::http().replies.push_back(stalls);
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  ASSERT_EQ(fake::http().requests.size(), 4u);
  EXPECT_FALSE(request(0).complete);
  EXPECT_EQ(request(0).body.size(), 3000u);  // nothing written after the stall: no gap in a body
  EXPECT_EQ(request(1).method, "HEAD");     // how much of it the server holds
  EXPECT_EQ(request(2).method, "PATCH");
  EXPECT_EQ(request(2).headers.at("Upload-Offset"), "3000");
  EXPECT_EQ(request(2).body, std::string(6000, 'a'));  // only the rest
  EXPECT_EQ(fake::http().connects, 2);  // the stalled connection was dropped
}

TEST_F(PortUpload, AResetMidBodyResumesFromTheServersOffsetOnTheNewConnection) {
  fake::HttpReply reset;
  reset.reset_after = 4096;
  fake::http().replies.push_back(reset);
  run();
  EXPECT_EQ(status.state, SyncState::kDone);
  ASSERT_EQ(fake::http().requests.size(), 4u);
  const std::string sha = test::sha256_of(std::string(9000, 'a'));
  EXPECT_EQ(request(0).headers.at("X-Content-SHA256"), sha);
  EXPECT_EQ(request(0).headers.at("Upload-Complete"), "?1");
  EXPECT_EQ(request(1).url, "https://abc.trycloudflare.com/api/uploads/" + sha);
  EXPECT_EQ(request(2).method, "PATCH");
  EXPECT_EQ(request(2).url, request(1).url);
  EXPECT_EQ(request(2).headers.at("Content-Type"), "application/partial-upload");
  EXPECT_EQ(request(2).headers.count("X-Content-SHA256"), 0u);  // the SDK keeps headers: the port deletes them
  EXPECT_EQ(request(0).body.size() + request(2).body.size(), 9000u);  // no byte sent twice
  EXPECT_EQ(request(3).method, "POST");
  EXPECT_EQ(request(3).headers.count("Upload-Offset"), 0u);
  EXPECT_EQ(fake::http().connects, 2);  // HEAD, PATCH and the next file on the one new connection
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

TEST_F(PortUpload, ResetsWithLittleProgressUseUpTheRetriesAndTheFileIsKept) {
  fake::HttpReply reset;
  reset.reset_after = 1024;
  for (int i = 0; i < 3; ++i) fake::http().replies.push_back(reset);
  run();
  EXPECT_EQ(status.error_code, "SERVER_UNREACHABLE");
  EXPECT_EQ(fake::http().partial.begin()->second, std::string(3072, 'a'));  // kept on the server for the next sync
  EXPECT_TRUE(files.has("/sessions/a.csv"));
}

// The station: EspWifiRadio reporting esp_wifi's events to the core's WifiSession.
class PortWifi : public ::testing::Test {
 protected:
  void SetUp() override {
    fake::reset();
    fake::wifi().hotspots["Racesense-Pit"] = "hunter22";
    radio.attach(session);
  }
  esp32::EspWifiRadio radio;
  WifiSession session{radio, 1000};
};

TEST_F(PortWifi, JoinsAndTellsAWrongPasswordFromAMissingHotspot) {
  EXPECT_EQ(session.connect("Racesense-Pit", "wrong-pass").error(), Error::kWifiAuthFailed);
  EXPECT_EQ(session.connect("Elsewhere", "hunter22").error(), Error::kWifiNotFound);
  EXPECT_TRUE(session.connect("Racesense-Pit", "hunter22").ok());
  EXPECT_TRUE(session.up());
  session.disconnect();
  EXPECT_FALSE(session.up());
  EXPECT_EQ(fake::wifi().stops, 1);
  for (const auto& line : fake::logs()) EXPECT_EQ(line.find("hunter22"), std::string::npos) << line;
}

// Fault 5: a drop or a lost IP after joining is noticed, and the next connect rejoins.
TEST_F(PortWifi, ADropOrALostIpMarksTheLinkDownUntilRejoined) {
  ASSERT_TRUE(session.connect("Racesense-Pit", "hunter22").ok());
  fake::wifi().drop(200);  // WIFI_REASON_BEACON_TIMEOUT
  EXPECT_FALSE(session.up());
  ASSERT_TRUE(session.connect("Racesense-Pit", "hunter22").ok());
  EXPECT_TRUE(session.up());
  fake::wifi().lose_ip();
  EXPECT_FALSE(session.up());
  EXPECT_EQ(fake::wifi().starts, 1);
}

TEST_F(PortWifi, AHotspotLostMidFileIsRejoinedBeforeTheRetry) {
  test::FakeFileStore files;
  files.add("/sessions/a.csv", std::string(9000, 'a'));
  esp32::EspHttpConnection connection;
  UploadSession http(connection);
  esp32::MbedtlsSha256 sha;
  fake::HttpReply cut;
  cut.reset_after = 2000;
  fake::http().replies.push_back(cut);
  fake::http().on_open = [](std::size_t request) {
    if (request == 0) fake::wifi().drop(200);
  };
  OffloaderSettings settings;
  settings.backoff_ms = 1;
  SyncConfig config{"Racesense-Pit", "hunter22", "http://laptop:8080", "", AfterUpload::kArchive};
  SyncStatus status;
  CancelToken cancel;
  Offloader o({files, session, http, sha}, settings, [&](const std::function<void(SyncStatus&)>& c) { c(status); });
  o.run(config, cancel);
  EXPECT_EQ(status.state, SyncState::kDone) << status.error_code;
  EXPECT_EQ(fake::wifi().connects, 2);
  EXPECT_TRUE(files.has("/archive/a.csv"));
}

// Fault 1: the sync task exists from boot with the stack it was given, fed through a queue.
TEST(PortWorker, RunsJobsInOrderOnATaskWithAnExplicitStack) {
  fake::reset();
  // Like the chip's, the task and its queue live for good (the object is static at boot).
  auto& worker = *new esp32::FreeRtosWorker("rs_sync", 8192, 5);
  ASSERT_TRUE(worker.running());
  EXPECT_EQ(fake::hardware().tasks.at("rs_sync"), 8192u);
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  int started = 0;
  std::vector<int> ran;
  auto job = [&](int n) {
    return [&, n] {
      std::unique_lock<std::mutex> lock(mu);
      ++started;
      cv.notify_all();
      cv.wait(lock, [&] { return open; });
      ran.push_back(n);
      cv.notify_all();
    };
  };
  EXPECT_TRUE(worker.post(job(1)));
  {
    std::unique_lock<std::mutex> lock(mu);  // job 1 has left the queue and runs
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return started == 1; }));
  }
  EXPECT_TRUE(worker.post(job(2)));
  EXPECT_TRUE(worker.post(job(3)));
  EXPECT_FALSE(worker.post(job(4)));  // one running, two queued: the queue is full
  {
    std::unique_lock<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return ran.size() >= 2; }));
  }
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return ran.size() == 3; }));
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 3}));
}

TEST(PortBattery, TheDividerTapTimesTheRatio) {
  fake::reset();
  fake::hardware().adc_millivolts = 1950;
  esp32::AdcBattery battery;
  EXPECT_DOUBLE_EQ(battery.volts(), 1.95 * CONFIG_RS_VBAT_DIVIDER_X100 / 100.0);
  fake::hardware().adc_fails = true;
  esp32::AdcBattery broken;
  EXPECT_EQ(broken.volts(), 0);
}

TEST(PortHardware, ShaIsSha256AndTheCardMountsWithItsResult) {
  esp32::MbedtlsSha256 sha;
  sha.reset();
  sha.update("abc", 3);
  EXPECT_EQ(sha.hex_digest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  fake::reset();
  EXPECT_EQ(esp32::mount_sd_card("/sdcard"), ESP_OK);
  fake::hardware().sd_mount_result = ESP_FAIL;
  EXPECT_EQ(esp32::mount_sd_card("/sdcard"), ESP_FAIL);
}

constexpr const char* kCode = "24681357";

const char* uuid_of(const std::string& ch) {
  return ch == "5002" ? protocol::kStatusUuid : ch == "5003" ? protocol::kConfigureUuid : ch == "5005" ? protocol::kFileListUuid : protocol::kPairUuid;
}

// A central's reads (long reads) and writes through the NimBLE fake, counting ATT requests.
host::GattOps radio_ops(int* requests) {
  return {[requests](const std::string& ch) {
            AttReply r;
            int n = 0;
            r.att_error = fake::ble().long_read(uuid_of(ch), &r.value, &n);
            *requests += n;
            return r;
          },
          [requests](const std::string& ch, const std::string& v) {
            ++*requests;
            return AttReply{fake::ble().write(uuid_of(ch), v), ""};
          }};
}

// The pairing crypto on the chip's path (mbedTLS calls) gives what OpenSSL gives.
TEST(PortCrypto, MbedtlsCallsAgreeWithOpenssl) {
  esp32::MbedtlsCrypto chip;
  host::OpensslCrypto pc;
  Bytes key(16, 7), nonce(12, 1), aad{0x50, 0x05}, data{'r', 'a', 'c', 'e'};
  EXPECT_EQ(chip.sha256(data), pc.sha256(data));
  EXPECT_EQ(chip.hmac_sha256(key, data), pc.hmac_sha256(key, data));
  EXPECT_EQ(chip.hkdf_sha256({}, key, "info", 32), pc.hkdf_sha256({}, key, "info", 32));
  EXPECT_EQ(chip.hkdf_sha256(data, key, "info", 32), pc.hkdf_sha256(data, key, "info", 32));
  EXPECT_EQ(chip.pbkdf2_sha256("24681357", key, 1000, 80), pc.pbkdf2_sha256("24681357", key, 1000, 80));
  auto sealed = chip.aes_gcm_seal(key, nonce, aad, data);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed.value(), pc.aes_gcm_seal(key, nonce, aad, data).value());
  EXPECT_EQ(chip.aes_gcm_open(key, nonce, aad, sealed.value()).value(), data);
  Bytes forged = sealed.value();
  forged[0] ^= 1;
  EXPECT_FALSE(chip.aes_gcm_open(key, nonce, aad, forged).ok());
  EXPECT_FALSE(chip.aes_gcm_open(key, nonce, aad, Bytes(3)).ok());
  Bytes random(8);
  EXPECT_TRUE(chip.random(random.data(), random.size()).ok());

  esp32::MbedtlsP256 chip_group;
  host::OpensslP256 pc_group;
  Bytes big(40, 0xff);
  EXPECT_EQ(chip_group.reduce(big).value(), pc_group.reduce(big).value());
  auto s = chip_group.random_scalar();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(chip_group.negate(s.value()).value(), pc_group.negate(s.value()).value());
  EXPECT_EQ(chip_group.negate(Bytes(32, 0)).value(), Bytes(32, 0));
  auto a = chip_group.mul_generator(s.value());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value(), pc_group.mul_generator(s.value()).value());
  EXPECT_EQ(chip_group.mul(s.value(), a.value()).value(), pc_group.mul(s.value(), a.value()).value());
  EXPECT_EQ(chip_group.add(a.value(), a.value()).value(), pc_group.add(a.value(), a.value()).value());
  Bytes off_curve = a.value();
  off_curve[64] ^= 1;
  EXPECT_FALSE(chip_group.mul(s.value(), off_curve).ok());
  EXPECT_FALSE(chip_group.add(a.value(), off_curve).ok());
  EXPECT_FALSE(chip_group.mul(Bytes(31, 1), a.value()).ok());
  EXPECT_FALSE(chip_group.add(a.value(), chip_group.negate(Bytes(32, 0)).value()).ok());  // not a point
  EXPECT_FALSE(chip_group.add(a.value(), pc_group.mul_generator(pc_group.negate(s.value()).value()).value()).ok());  // infinity
}

TEST(PortPairingStore, KeepsTheCodeAndSaltInNvs) {
  fake::reset();
  fake::nvs().clear();
  esp32::NvsPairingStore store;
  EXPECT_EQ(store.load().error(), Error::kNotFound);
  ASSERT_TRUE(store.save({"24681357", Bytes(16, 0x5a)}).ok());
  auto back = store.load();
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().code, "24681357");
  EXPECT_EQ(back.value().salt, Bytes(16, 0x5a));
  fake::nvs()["rs_pair"].erase("code");
  EXPECT_EQ(store.load().error(), Error::kNotFound);
}

TEST(PortPairingButton, APressIsReportedOnce) {
  fake::reset();
  std::atomic<int> presses{0};
  esp32::watch_pairing_button(0, [&] { ++presses; });
  ASSERT_TRUE(fake::wait_task_delays(1));
  fake::hardware().gpio_low = 0;  // pressed and held
  ASSERT_TRUE(fake::wait_task_delays(3));
  fake::hardware().gpio_low = -1;
  ASSERT_TRUE(fake::wait_task_delays(2));
  EXPECT_EQ(presses.load(), 1);
}

// The whole firmware as app_main wires it, driven by a central through NimBLE, syncing over the
// esp_http_client and esp_wifi fakes. app_main runs once per process (its objects are static).
TEST(PortAppMain, BootsAdvertisesAndSyncsThroughTheRadio) {
  namespace fs = std::filesystem;
  fake::reset();
  fs::remove_all(CONFIG_RS_SD_MOUNT_POINT);
  fs::create_directories(fs::path(CONFIG_RS_SD_MOUNT_POINT) / "sessions");
  std::ofstream(fs::path(CONFIG_RS_SD_MOUNT_POINT) / "sessions" / "s1.csv") << std::string(3000, 'x');
  fake::hardware().nvs_init_result = 0x1100 + 0x0d;  // ESP_ERR_NVS_NO_FREE_PAGES: erase, init again
  fake::wifi().hotspots["Racesense-Pit"] = "hunter22";
  fake::nvs()["rs_pair"] = {{"code", kCode}, {"salt", std::string(16, 'S')}};  // provisioned with the image
  app_main();
  EXPECT_EQ(fake::hardware().nvs_erases, 1);
  EXPECT_EQ(fake::hardware().tasks.at("rs_sync"), static_cast<std::size_t>(CONFIG_RS_SYNC_TASK_STACK));
  fake::ble().run_host_task();
  fake::ble().sync();
  EXPECT_GE(fake::ble().adv_starts, 1);
  // Fault 9: each logger advertises its own name (the fake's address is A4:11:22:33:1A:2B).
  EXPECT_EQ(fake::ble().scan_rsp.substr(2), "RS-Core-1A2B");
  EXPECT_EQ(fake::ble().device_name, "RS-Core-1A2B");
  EXPECT_TRUE(fake::ble().store_initialised);  // bonds kept in NVS

  fake::ble().connect(185);
  fake::ble().subscribe(protocol::kStatusUuid, true);
  std::string value;
  ASSERT_EQ(fake::ble().long_read(protocol::kStatusUuid, &value), 0);
  EXPECT_EQ(nlohmann::json::parse(value)["state"], "IDLE");
  EXPECT_EQ(fake::ble().write(protocol::kFileListUuid, R"({"offset":0})"), 0x05);  // no session: refused

  // The phone pairs with OpenSSL's crypto; the logger answers with the port's mbedTLS calls.
  host::OpensslCrypto crypto;
  host::OpensslP256 group;
  int requests = 0;
  host::PhonePairing phone(crypto, group, radio_ops(&requests));
  ASSERT_EQ(phone.pair(kCode), host::PairOutcome::kPaired);
  ASSERT_EQ(phone.write_sealed("5005", R"({"offset":0})").att_error, 0);
  auto page = phone.read_sealed("5005");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(nlohmann::json::parse(*page)["files"][0][0], "s1.csv");

  std::string configure = R"({"ssid":"Racesense-Pit","pass":"hunter22","url":"https://abc.trycloudflare.com","token":"t"})";
  // Fault 7: a long read is cut from the value its first part took, whatever the central did before.
  std::string part, first, second;
  ASSERT_EQ(fake::ble().read(protocol::kStatusUuid, 0, &part), 0);  // a first part, then abandoned
  fake::hardware().adc_millivolts = 2100;                           // the battery reads higher
  ASSERT_EQ(fake::ble().long_read(protocol::kStatusUuid, &first), 0);
  EXPECT_NE(first.find("\"battery_v\":4.2"), std::string::npos) << first;
  ASSERT_EQ(fake::ble().read(protocol::kStatusUuid, 0, &part), 0);
  fake::hardware().adc_millivolts = 1950;
  ASSERT_EQ(fake::ble().read(protocol::kStatusUuid, 22, &part), 0);  // a later part: same value as its first
  EXPECT_EQ(part, first.substr(22, 184));
  fake::ble().exchange_mtu(512);  // whole statuses fit a notification
  ASSERT_EQ(phone.configure(configure).att_error, 0);
  ASSERT_TRUE(fake::ble().wait_notification([](const std::string& n) { return n.find("\"DONE\"") != std::string::npos; }));
  EXPECT_TRUE(fs::exists(fs::path(CONFIG_RS_SD_MOUNT_POINT) / "archive" / "s1.csv"));
  EXPECT_EQ(fake::http().requests.at(0).body, std::string(3000, 'x'));
  // Fault 8: 300 files listed in at most 30 GATT operations at MTU 512.
  for (int i = 1; i <= 300; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "sess_%03d.csv", i);
    std::ofstream(fs::path(CONFIG_RS_SD_MOUNT_POINT) / "sessions" / name) << std::string(static_cast<std::size_t>(100000 + i * 731), 'r');
  }
  requests = 0;
  std::size_t listed = 0;
  ASSERT_EQ(phone.write_sealed("5005", R"({"offset":0})").att_error, 0);
  for (int page = 0; page < 100 && listed < 300; ++page) {
    auto j = nlohmann::json::parse(phone.read_sealed("5005").value());
    ASSERT_EQ(j["offset"], listed);
    listed += j["files"].size();
  }
  EXPECT_EQ(listed, 300u);
  EXPECT_LE(requests, 30) << "GATT operations for 300 files";
  RecordProperty("file_list_gatt_ops_300_files", requests);

  fake::ble().adv_complete();
  fake::ble().disconnect();
  EXPECT_GE(fake::ble().adv_starts, 3);
}

}  // namespace
}  // namespace rs
