// What curl cannot show: 100-continue answers, connections cut mid-body, slow and idle clients.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

std::string upload_head(std::size_t length, bool with_token, bool expect_continue) {
  std::string h = "POST /api/upload HTTP/1.1\r\nHost: x\r\nX-Filename: raw.csv\r\n";
  if (with_token) h += std::string("Authorization: Bearer ") + TestServer::kToken + "\r\n";
  if (expect_continue) h += "Expect: 100-continue\r\n";
  return h + "Content-Length: " + std::to_string(length) + "\r\n\r\n";
}

class UploadEdgeTest : public ::testing::Test {
 protected:
  fs::path data() const { return dir_.path() / "data"; }
  TempDir dir_;
};

TEST_F(UploadEdgeTest, ExpectContinueIsRefusedBeforeTheBodyWhenTheHeadersFail) {
  TestServer server(data());
  RawClient client(server.port());
  client.send(upload_head(1000, false, true));
  std::string response = client.read_response();
  EXPECT_EQ(response.rfind("HTTP/1.1 401", 0), 0u) << response;
  EXPECT_EQ(response.find("100 Continue"), std::string::npos);
}

TEST_F(UploadEdgeTest, ExpectContinueOverTheLimitIs413BeforeTheBody) {
  ServerConfig c;
  c.max_upload_bytes = 1000;
  TestServer server(data(), c);
  RawClient client(server.port());
  client.send(upload_head(5000, true, true));
  EXPECT_EQ(client.read_response().rfind("HTTP/1.1 413", 0), 0u);
}

TEST_F(UploadEdgeTest, ExpectContinueThenBodyIsStored) {
  TestServer server(data());
  RawClient client(server.port());
  std::string body = "timestamp,latitude,longitude,speed,satellites\n";
  client.send(upload_head(body.size(), true, true));
  EXPECT_EQ(client.read_response().rfind("HTTP/1.1 100 Continue", 0), 0u);
  client.send(body);
  std::string response = client.read_response();
  EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response;
  EXPECT_NE(response.find(sha256_hex(body)), std::string::npos);
}

TEST_F(UploadEdgeTest, ConnectionCutMidBodyLeavesNoSessionAndNoStrayFileAfterRestart) {
  {
    TestServer server(data());
    RawClient client(server.port());
    client.send(upload_head(1 << 20, true, false));
    client.send(std::string(100 * 1024, 'a'));
    client.close();
    auto health = curl({server.url("/api/health")});
    EXPECT_EQ(health.status, 200);
  }
  write_file(data() / "tmp" / "upload-crashed.part", "half a file from a power cut");
  TestServer restarted(data());
  EXPECT_EQ(count_files(data() / "tmp"), 0u);
  EXPECT_EQ(count_files(data() / "files"), 0u);
  auto a = auth_header();
  a.push_back(restarted.url("/api/sessions"));
  EXPECT_TRUE(curl(a).json()["sessions"].empty());
}

TEST_F(UploadEdgeTest, ASlowUploadDoesNotBlockOtherRequests) {
  ServerConfig c;
  c.io_threads = 1;
  TestServer server(data(), c);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<RawClient>(server.port()));
    slow.back()->send(upload_head(10000, true, false));
    slow.back()->send("timestamp,lat");
  }
  auto health = curl({server.url("/api/health")});
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["ok"], true);
}

TEST_F(UploadEdgeTest, AnIdleClientIsDroppedAndItsPartialFileRemoved) {
  ServerConfig c;
  c.idle_timeout_s = 1;
  TestServer server(data(), c);
  RawClient client(server.port());
  client.send(upload_head(10000, true, false));
  client.send("timestamp,latitude");
  EXPECT_TRUE(client.wait_closed(10000));
  auto health = curl({server.url("/api/health")});  // served after the drop was handled
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(count_files(data() / "tmp"), 0u);
}

TEST_F(UploadEdgeTest, KeepAliveConnectionCarriesSeveralUploads) {
  TestServer server(data());
  RawClient client(server.port());
  for (int i = 0; i < 3; ++i) {
    std::string body = "timestamp,latitude,longitude,speed,satellites\n" + std::to_string(i) + "\n";
    client.send(upload_head(body.size(), true, false) + body);
    std::string response = client.read_response();
    EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response;
  }
}

}  // namespace
}  // namespace racesense::test
