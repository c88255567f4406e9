// rs-core-sim's link (docs/protocol.md §5) over a real loopback socket, with fakes behind it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "fakes.hpp"
#include "thread_worker.hpp"
#include "link_server.hpp"
#include "rscore/sync_service.hpp"

namespace rs {
namespace {
using nlohmann::json;

class FixedBattery : public Battery {
 public:
  double volts() override { return 3.9; }
};

// One central: sends lines, reads lines (5 s receive timeout so a broken link fails the test).
class Central {
 public:
  explicit Central(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Central() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(const std::string& line) { ::send(fd_, (line + "\n").data(), line.size() + 1, MSG_NOSIGNAL); }
  json next() {  // the next line, or null when the link closed or timed out
    for (;;) {
      auto nl = buf_.find('\n');
      if (nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return json::parse(line, nullptr, false);
      }
      char chunk[1024];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return nullptr;
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  json answer_to(const json& request) {  // skips notify events
    send(request.dump());
    for (json j = next(); !j.is_null(); j = next())
      if (j.contains("id")) return j;
    return nullptr;
  }

 private:
  int fd_;
  bool connected_ = false;
  std::string buf_;
};

std::string decoded(const json& answer) {
  std::string out;
  host::base64_decode(answer.value("data", ""), out);
  return out;
}

class LinkTest : public ::testing::Test {
 protected:
  LinkTest() : link(0), service({{files, wifi, http, sha}, link, battery, active, worker}, OffloaderSettings()) {
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
  FixedBattery battery;
  ActiveFiles active;
  host::ThreadWorker worker;
  host::LinkServer link;
  SyncService service;
  std::thread server;
};

TEST_F(LinkTest, BadLinesGetAnErrorAndTheLinkStaysUp) {
  Central c(link.port());
  ASSERT_TRUE(c.connected());
  for (const char* bad : {"not json", "[1,2]", "{\"id\":1}", "{\"id\":2,\"op\":\"fly\"}",
                          "{\"id\":3,\"op\":\"write\",\"char\":\"5003\",\"data\":\"***\"}"}) {
    c.send(bad);
    json j = c.next();
    ASSERT_TRUE(j.is_object()) << bad;
    EXPECT_EQ(j["ok"], false) << bad;
    EXPECT_TRUE(j.contains("error")) << bad;
  }
  json status = c.answer_to({{"id", 7}, {"op", "read"}, {"char", "5002"}});
  EXPECT_EQ(status["id"], 7);
  EXPECT_EQ(json::parse(decoded(status))["state"], "IDLE");
}

TEST_F(LinkTest, ConfigureOverTheLinkRefusesBadInputThenSyncsAndArchives) {
  Central c(link.port());
  EXPECT_EQ(c.answer_to({{"id", 1}, {"op", "connect"}, {"mtu", 23}})["ok"], true);
  EXPECT_EQ(c.answer_to({{"id", 2}, {"op", "subscribe"}, {"char", "5002"}})["ok"], true);
  std::string bad = R"({"ssid":"","pass":"","url":"http://x"})";
  json refused = c.answer_to({{"id", 3}, {"op", "write"}, {"char", "5003"}, {"data", host::base64_encode(bad)}});
  EXPECT_EQ(refused["att_error"], 0x13);
  std::string cfg = R"({"ssid":"Pit","pass":"","url":"http://laptop:8080","token":"t"})";
  EXPECT_EQ(c.answer_to({{"id", 4}, {"op", "write"}, {"char", "5003"}, {"data", host::base64_encode(cfg)}})["ok"], true);
  service.wait_until_finished();
  EXPECT_EQ(json::parse(decoded(c.answer_to({{"id", 5}, {"op", "read"}, {"char", "5002"}})))["state"], "DONE");
  EXPECT_TRUE(files.has("/archive/a.csv"));
  json page = json::parse(decoded(c.answer_to({{"id", 6}, {"op", "read"}, {"char", "5005"}})));
  EXPECT_EQ(page["total"], 0);
}

TEST_F(LinkTest, NotifyEventsArriveAndFitTheMtu) {
  Central c(link.port());
  c.answer_to({{"id", 1}, {"op", "connect"}, {"mtu", 23}});
  c.answer_to({{"id", 2}, {"op", "subscribe"}, {"char", "5002"}});
  std::string cfg = R"({"ssid":"Pit","pass":"","url":"http://laptop:8080"})";
  c.send(json{{"id", 3}, {"op", "write"}, {"char", "5003"}, {"data", host::base64_encode(cfg)}}.dump());
  int events = 0;
  for (json j = c.next(); !j.is_null() && events < 3; j = c.next()) {
    if (!j.contains("event")) continue;
    EXPECT_EQ(j["char"], "5002");
    EXPECT_LE(decoded(j).size(), 20u);
    ++events;
  }
  EXPECT_GE(events, 3);
}

TEST_F(LinkTest, ANewCentralReplacesTheOld) {
  Central first(link.port());
  EXPECT_EQ(first.answer_to({{"id", 1}, {"op", "connect"}})["ok"], true);
  Central second(link.port());
  json a = second.answer_to({{"id", 2}, {"op", "advertisement"}});
  EXPECT_EQ(a["ok"], true);
  EXPECT_EQ(a["name"], "RS-Core");
  EXPECT_TRUE(first.next().is_null());  // the old central was dropped
}

}  // namespace
}  // namespace rs
