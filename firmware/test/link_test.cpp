// rs-core-sim's link (docs/protocol.md §5) over a real loopback socket, with fakes behind it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "fixed_battery.hpp"
#include "fakes.hpp"
#include "thread_worker.hpp"
#include "test_pairing.hpp"
#include "link_client.hpp"
#include "link_server.hpp"
#include "rscore/sync_service.hpp"

namespace rs {
namespace {
using nlohmann::json;

std::string decoded(const json& answer) {
  std::string out;
  host::base64_decode(answer.value("data", ""), out);
  return out;
}

// A central on the link with a 5 s receive timeout, so a broken link fails the test.
struct Central : host::LinkClient {
  explicit Central(int port) : host::LinkClient(port, 5) {}
};

// The phone's reads and writes as link requests.
// With *send_only set, writes are sent without waiting for their answer.
host::GattOps ops_over(Central& c, const bool* send_only = nullptr) {
  host::GattOps ops = c.gatt();
  if (!send_only) return ops;
  ops.write = [&c, send_only, write = ops.write](const std::string& ch, const std::string& v) {
    if (!*send_only) return write(ch, v);
    c.send_line(json({{"id", 91}, {"op", "write"}, {"char", ch}, {"data", host::base64_encode(v)}}).dump());
    return AttReply{};
  };
  return ops;
}

class LinkTest : public ::testing::Test {
 protected:
  LinkTest() : link(0), service({{files, wifi, http, sha}, link, battery, active, pairing.gate, worker}, OffloaderSettings()) {
    files.add("/sessions/a.csv", std::string(1000, 'a'));
    link.attach(&service);
    server = std::thread([this] { link.serve(); });
  }
  ~LinkTest() override {
    link.stop();
    server.join();
    service.wait_until_finished();
  }

  test::FakeFileStore files;
  test::FakeWifi wifi;
  test::FakeUploader http;
  host::OpensslSha256 sha;
  host::FixedBattery battery;
  ActiveFiles active;
  host::ThreadWorker worker;
  host::LinkServer link;
  test::TestPairing pairing;
  SyncService service;
  std::thread server;
};

TEST_F(LinkTest, BadLinesGetAnErrorAndTheLinkStaysUp) {
  Central c(link.port());
  ASSERT_TRUE(c.connected());
  for (const char* bad : {"not json", "[1,2]", "{\"id\":1}", "{\"id\":2,\"op\":\"fly\"}",
                          "{\"id\":3,\"op\":\"write\",\"char\":\"5003\",\"data\":\"***\"}"}) {
    c.send_line(bad);
    json j = c.next_line();
    ASSERT_TRUE(j.is_object()) << bad;
    EXPECT_EQ(j["ok"], false) << bad;
    EXPECT_TRUE(j.contains("error")) << bad;
  }
  json status = c.request({{"id", 7}, {"op", "read"}, {"char", "5002"}});
  EXPECT_EQ(status["id"], 7);
  EXPECT_EQ(json::parse(decoded(status))["state"], "IDLE");
}

TEST_F(LinkTest, ConfigureOverTheLinkRefusesBadInputThenSyncsAndArchives) {
  Central c(link.port());
  EXPECT_EQ(c.request({{"id", 1}, {"op", "connect"}, {"mtu", 23}})["ok"], true);
  EXPECT_EQ(c.request({{"id", 2}, {"op", "subscribe"}, {"char", "5002"}})["ok"], true);
  host::PhonePairing phone(pairing.crypto, pairing.group, ops_over(c));
  ASSERT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kPaired);
  EXPECT_EQ(phone.configure(R"({"ssid":"","pass":"","url":"http://x"})").att_error, 0x13);
  EXPECT_EQ(phone.configure(R"({"ssid":"Pit","pass":"","url":"http://laptop:8080","token":"t"})").att_error, 0);
  service.wait_until_finished();
  EXPECT_EQ(json::parse(decoded(c.request({{"id", 5}, {"op", "read"}, {"char", "5002"}})))["state"], "DONE");
  EXPECT_TRUE(files.has("/archive/a.csv"));
  ASSERT_EQ(phone.write_sealed("5005", R"({"offset":0})").att_error, 0);
  json page = json::parse(phone.read_sealed("5005").value());
  EXPECT_EQ(page["total"], 0);
}

TEST_F(LinkTest, NotifyEventsArriveAndFitTheMtu) {
  Central c(link.port());
  c.request({{"id", 1}, {"op", "connect"}, {"mtu", 23}});
  c.request({{"id", 2}, {"op", "subscribe"}, {"char", "5002"}});
  bool send_only = false;
  host::PhonePairing phone(pairing.crypto, pairing.group, ops_over(c, &send_only));
  ASSERT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kPaired);
  send_only = true;
  phone.configure(R"({"ssid":"Pit","pass":"","url":"http://laptop:8080"})");
  int events = 0;
  for (json j = c.next_line(); !j.is_null() && events < 3; j = c.next_line()) {
    if (!j.contains("event")) continue;
    EXPECT_EQ(j["char"], "5002");
    EXPECT_LE(decoded(j).size(), 20u);
    ++events;
  }
  EXPECT_GE(events, 3);
}

TEST_F(LinkTest, AStrangersPlainConfigureDuringTheOwnersSyncIsRefusedOverTheLink) {
  files.add("/sessions/b.csv", std::string(5000, 'b'));
  Central owner(link.port());
  owner.request({{"id", 1}, {"op", "connect"}, {"mtu", 185}});
  host::PhonePairing phone(pairing.crypto, pairing.group, ops_over(owner));
  ASSERT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kPaired);
  std::mutex gate;
  gate.lock();  // holds the owner's first upload until the stranger has tried
  http.on_post = [&gate] { std::lock_guard<std::mutex> wait(gate); };
  ASSERT_EQ(phone.configure(R"({"ssid":"Pit","pass":"","url":"http://laptop:8080","token":"t"})").att_error, 0);

  Central stranger(link.port());  // a second phone in the paddock takes the link
  stranger.request({{"id", 1}, {"op", "connect"}, {"mtu", 185}});
  std::string rival = R"({"ssid":"Rival","pass":"rival-pass","url":"http://rival","token":"x","after":"delete"})";
  json a = stranger.request({{"id", 2}, {"op", "write"}, {"char", "5003"}, {"data", host::base64_encode(rival)}});
  EXPECT_EQ(a["att_error"], 0x05);
  std::string cancel = R"({"cmd":"cancel"})";
  EXPECT_EQ(stranger.request({{"id", 3}, {"op", "write"}, {"char", "5003"}, {"data", host::base64_encode(cancel)}})
                ["att_error"], 0x05);
  EXPECT_EQ(stranger.request({{"id", 4}, {"op", "read"}, {"char", "5005"}})["att_error"], 0x05);
  gate.unlock();
  service.wait_until_finished();
  json s = json::parse(decoded(stranger.request({{"id", 5}, {"op", "read"}, {"char", "5002"}})));
  EXPECT_EQ(s["state"], "DONE");
  EXPECT_EQ(s["files_done"], 2);
  EXPECT_EQ(wifi.connects, 1);
  EXPECT_EQ(wifi.last_ssid, "Pit");
  for (const auto& r : http.requests) EXPECT_EQ(r.url, "http://laptop:8080/api/upload");
}

TEST_F(LinkTest, AWrongCodeOverTheLinkIsRefusedAndTheButtonReopensAfterTheLimit) {
  Central c(link.port());
  c.request({{"id", 1}, {"op", "connect"}});
  host::PhonePairing phone(pairing.crypto, pairing.group, ops_over(c));
  EXPECT_EQ(phone.pair("13572468"), host::PairOutcome::kWrongCode);
  EXPECT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kWait);
  EXPECT_EQ(json::parse(decoded(c.request({{"id", 2}, {"op", "read"}, {"char", "5002"}})))["pair_failures"], 1);
  EXPECT_EQ(c.request({{"id", 3}, {"op", "button"}})["ok"], true);
  EXPECT_EQ(phone.pair(test::kTestCode), host::PairOutcome::kPaired);
}

TEST_F(LinkTest, ANewCentralReplacesTheOld) {
  Central first(link.port());
  EXPECT_EQ(first.request({{"id", 1}, {"op", "connect"}})["ok"], true);
  Central second(link.port());
  json a = second.request({{"id", 2}, {"op", "advertisement"}});
  EXPECT_EQ(a["ok"], true);
  EXPECT_EQ(a["name"], "RS-Core");  // the sim sets its RS-Core-XXXX name from --bt-address
  EXPECT_TRUE(first.next_line().is_null());  // the old central was dropped
}

}  // namespace
}  // namespace rs
