// Defect 1 of issue 10: out of descriptors, the accept loop must back off (not spin and flood the
// log), and a connection cap keeps descriptors for the database and files and answers 503.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "server_process.hpp"
#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::unique_ptr<RawClient>> half_open_connections(std::uint16_t port, int n) {
  std::vector<std::unique_ptr<RawClient>> v;
  for (int i = 0; i < n; ++i) v.push_back(std::make_unique<RawClient>(port));
  return v;
}

std::string health_url(std::uint16_t port) { return "http://127.0.0.1:" + std::to_string(port) + "/api/health"; }

class ListenerLimitsTest : public ::testing::Test {
 protected:
  fs::path data() const { return dir_.path() / "data"; }
  TempDir dir_;
};

TEST_F(ListenerLimitsTest, OutOfDescriptorsTheAcceptLoopBacksOffLogsOnceAndRecovers) {
  // The cap is set far above the open-files limit so that accept itself runs out (EMFILE).
  ServerProcess server({data(), {"--max-connections", "100000", "--idle-timeout-s", "2"}, 128});
  auto clients = half_open_connections(server.port(), 200);
  ASSERT_TRUE(eventually([&] { return server.log().find("accept failed") != std::string::npos; },
                         std::chrono::seconds(10)))
      << server.log();
  // Queued behind the 200: answered once the idle timeout frees the first ones' descriptors.
  auto health = curl({"--max-time", "20", health_url(server.port())});
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_LE(server.log_lines(), 10u) << server.log().substr(0, 2000);
  EXPECT_NE(server.log().find("accepting again"), std::string::npos) << server.log();
}

TEST_F(ListenerLimitsTest, ConnectionsOverTheCapGet503WithRetryAfterAndHealthRecovers) {
  ServerProcess server({data(), {"--max-connections", "20", "--idle-timeout-s", "2"}});
  auto clients = half_open_connections(server.port(), 30);
  std::string refused = clients.back()->read_response(5000);
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused;
  EXPECT_NE(refused.find("Retry-After: 5"), std::string::npos) << refused;
  EXPECT_EQ(clients.front()->read_response(200), "");  // within the cap: served, waiting for its request
  auto busy = curl({"--max-time", "5", health_url(server.port())});
  EXPECT_EQ(busy.status, 503) << "answered at once, not left to time out";
  EXPECT_TRUE(eventually([&] { return curl({"--max-time", "5", health_url(server.port())}).status == 200; },
                         std::chrono::seconds(15)));
  std::string log = server.log();
  EXPECT_EQ(log.find("accept failed"), std::string::npos) << log;
  EXPECT_LE(server.log_lines(), 4u) << log;
}

TEST_F(ListenerLimitsTest, TheDefaultCapKeepsDescriptorsInReserve) {
  ServerProcess server({data(), {"--idle-timeout-s", "2"}, 128});
  auto clients = half_open_connections(server.port(), 100);
  std::string refused = clients.back()->read_response(5000);
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused;
  // With descriptors in reserve an upload still works once the idle clients are gone.
  clients.clear();
  std::string body = "timestamp,latitude,longitude,speed,satellites\n";
  auto a = auth_header();
  for (const auto& s : {"--max-time", "20", "-H", "X-Filename: r.csv", "--data-binary", body.c_str()}) a.push_back(s);
  a.push_back("http://127.0.0.1:" + std::to_string(server.port()) + "/api/upload");
  HttpResult up;
  EXPECT_TRUE(eventually([&] { return (up = curl(a)).status == 200; }, std::chrono::seconds(15))) << up.body;
  EXPECT_EQ(server.log().find("accept failed"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace racesense::test
