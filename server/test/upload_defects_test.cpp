// Regression tests for issue 10's upload-path defects 2-6 and 8, over real sockets.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/statvfs.h>

#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

const std::string kCsvHead = "timestamp,latitude,longitude,speed,satellites\n";

std::string upload_head(const std::string& framing, const std::string& extra = "") {
  return "POST /api/upload HTTP/1.1\r\nHost: x\r\nX-Filename: raw.csv\r\nAuthorization: Bearer " +
         std::string(TestServer::kToken) + "\r\n" + extra + framing + "\r\n\r\n";
}

int status_of(const std::string& response) {
  return response.size() > 12 ? std::atoi(response.c_str() + 9) : 0;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

class UploadDefectsTest : public ::testing::Test {
 protected:
  fs::path data() const { return dir_.path() / "data"; }
  HttpResult upload_bytes(TestServer& server, const std::string& name, const std::string& bytes,
                          std::vector<std::string> extra = {}) {
    auto f = dir_.path() / name;
    write_file(f, bytes);
    auto a = auth_header();
    a.insert(a.end(), {"-H", "X-Filename: " + name, "--data-binary", "@" + f.string()});
    a.insert(a.end(), extra.begin(), extra.end());
    a.push_back(server.url("/api/upload"));
    return curl(a);
  }
  nlohmann::json sessions(TestServer& server) {
    auto a = auth_header();
    a.push_back(server.url("/api/sessions"));
    return curl(a).json()["sessions"];
  }
  TempDir dir_;
};

// Defect 2: SQLite "database or disk is full" at the insert is 507, and the renamed file goes.
TEST_F(UploadDefectsTest, DiskFullAtCommitIs507AndLeavesNoFileWithoutASession) {
  ServerConfig c;
  c.db_max_pages = 1;  // SQLite keeps the pages it has and refuses to grow, like a full disk
  TestServer server(data(), c);
  HttpResult last;
  for (int i = 0; i < 200; ++i) {
    last = upload_bytes(server, "s" + std::to_string(i) + ".csv", kCsvHead + std::to_string(i) + "\n");
    if (last.status != 200) break;
  }
  ASSERT_EQ(last.status, 507) << last.body;
  EXPECT_EQ(last.json()["error"]["code"], "insufficient_storage");
  EXPECT_EQ(count_files(data() / "files"), sessions(server).size());
  EXPECT_EQ(count_files(data() / "tmp"), 0u);
}

// Defect 3: a crash between the rename and the insert leaves a file without a row; the next start
// adopts it when its hash is right and removes it otherwise.
TEST_F(UploadDefectsTest, StartupAdoptsOrRemovesStoredFilesWithoutASession) {
  std::string good = kCsvHead + "1700000000.0,45.0,7.0,100,9\n";
  { TestServer first(data()); }
  write_file(data() / "files" / (sha256_hex(good) + "-0a1b2c3d.csv"), good);
  write_file(data() / "files" / (sha256_hex("other bytes") + "-00000000.csv"), "damaged bytes");
  write_file(data() / "files" / "stray.txt", "not ours");
  TestServer restarted(data());
  EXPECT_EQ(restarted.server().files_adopted(), 1u);
  EXPECT_EQ(restarted.server().files_removed(), 2u);
  auto list = sessions(restarted);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["sha256"], sha256_hex(good));
  EXPECT_EQ(count_files(data() / "files"), 1u);
  auto again = upload_bytes(restarted, "again.csv", good);  // the logger's retry
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["duplicate"], true);
  EXPECT_EQ(count_files(data() / "files"), 1u);
}

// Defect 4: the free-space reserve holds for chunked bodies too, checked while writing.
TEST_F(UploadDefectsTest, FreeSpaceReserveIsCheckedWhileWritingAChunkedBody) {
  fs::create_directories(data());
  struct statvfs st {};
  ASSERT_EQ(::statvfs(data().c_str(), &st), 0);
  std::uint64_t free = static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
  ServerConfig c;
  c.disk_reserve_bytes = free - (24ull << 20);  // leaves about 24 MB for uploads
  c.max_upload_bytes = 1ull << 30;
  TestServer server(data(), c);
  RawClient client(server.port());
  client.send(upload_head("Transfer-Encoding: chunked"));
  std::string chunk = "100000\r\n" + std::string(1 << 20, 'x') + "\r\n";
  std::string response;
  for (int mb = 0; mb < 64 && response.empty(); ++mb) {
    try {
      client.send(chunk);
    } catch (const std::exception&) {
      break;  // the server answered and stopped reading
    }
    response = client.read_response(1);
  }
  if (response.empty()) response = client.read_response();
  EXPECT_EQ(status_of(response), 507) << response;
  EXPECT_EQ(count_files(data() / "tmp"), 0u);
  EXPECT_EQ(count_files(data() / "files"), 0u);
}

// Defect 6: malformed chunked bodies get 400, codings the server does not implement 501.
TEST_F(UploadDefectsTest, MalformedChunkedBodyIs400) {
  TestServer server(data());
  for (std::string body : {"zz\r\nabc\r\n0\r\n\r\n", "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
                           "3\r\nabcX0\r\n\r\n"}) {
    RawClient client(server.port());
    client.send(upload_head("Transfer-Encoding: chunked") + body);
    auto response = client.read_response();
    EXPECT_EQ(status_of(response), 400) << body << "\n" << response;
    EXPECT_NE(response.find("bad_request"), std::string::npos);
  }
  RawClient small(server.port());
  small.send("POST /api/tracks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(TestServer::kToken) +
             "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(status_of(small.read_response()), 400);
  EXPECT_TRUE(sessions(server).empty());
}

TEST_F(UploadDefectsTest, UnknownTransferCodingIs501AndNothingIsStored) {
  TestServer server(data());
  RawClient gzip(server.port());
  gzip.send(upload_head("Transfer-Encoding: gzip, chunked") + "3\r\nabc\r\n0\r\n\r\n");
  auto response = gzip.read_response();
  EXPECT_EQ(status_of(response), 501) << response;
  EXPECT_NE(response.find("not_implemented"), std::string::npos);
  RawClient not_chunked(server.port());
  not_chunked.send(upload_head("Transfer-Encoding: gzip") + "abc");
  EXPECT_EQ(status_of(not_chunked.read_response()), 400);
  EXPECT_TRUE(sessions(server).empty());
  EXPECT_EQ(count_files(data() / "files"), 0u);
}

// Defect 8: the data folder is private to the server's user, also when it existed before.
TEST_F(UploadDefectsTest, DataFolderIsPrivate) {
  fs::create_directories(data());
  fs::permissions(data(), fs::perms(0755), fs::perm_options::replace);
  write_file(data() / "racesense.db", "");
  fs::permissions(data() / "racesense.db", fs::perms(0644), fs::perm_options::replace);
  TestServer server(data());
  ASSERT_EQ(upload_bytes(server, "p.csv", kCsvHead).status, 200);
  EXPECT_EQ(mode_of(data()), 0700u);
  EXPECT_EQ(mode_of(data() / "files"), 0700u);
  EXPECT_EQ(mode_of(data() / "tmp"), 0700u);
  EXPECT_EQ(mode_of(data() / "racesense.db"), 0600u);
  EXPECT_EQ(mode_of(data() / "tracks.json"), 0600u);
  for (const auto& f : fs::directory_iterator(data())) EXPECT_EQ(mode_of(f.path()) & 077, 0u) << f.path();
  for (const auto& f : fs::directory_iterator(data() / "files")) EXPECT_EQ(mode_of(f.path()), 0600u);
}

TEST_F(UploadDefectsTest, HeadersOverTheLimitAre431) {
  TestServer server(data());
  RawClient client(server.port());
  client.send("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  auto response = client.read_response();
  EXPECT_EQ(status_of(response), 431) << response;
}

TEST_F(UploadDefectsTest, The507MessageGivesTheFileSize) {
  ServerConfig c;
  c.quota_bytes = 2ull << 20;
  TestServer server(data(), c);
  RawClient client(server.port());
  client.send(upload_head("Content-Length: 2150000", "Expect: 100-continue\r\n"));  // 2.05 MiB
  auto response = client.read_response();
  EXPECT_EQ(status_of(response), 507) << response;
  EXPECT_NE(response.find("needs 2.05 MB"), std::string::npos) << response;
}

}  // namespace
}  // namespace racesense::test
