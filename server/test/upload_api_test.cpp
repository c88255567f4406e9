// POST /api/upload driven by curl, the way a person or a script would send files.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

const std::string kCsv =
    "timestamp,latitude,longitude,speed,satellites\n"
    "1700000000.0,45.0,7.0,100,9\n"
    "1700000000.1,45.00001,7.00001,101,9\n";

class UploadApiTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void start(ServerConfig config = {}) {
    server_.reset();
    server_ = std::make_unique<TestServer>(dir_.path() / "data", config);
  }
  fs::path file_with(const std::string& name, const std::string& bytes) {
    auto p = dir_.path() / name;
    write_file(p, bytes);
    return p;
  }
  HttpResult upload(std::vector<std::string> args) {
    auto a = auth_header();
    a.insert(a.end(), args.begin(), args.end());
    a.push_back(server_->url("/api/upload"));
    return curl(a);
  }
  nlohmann::json sessions() {
    auto a = auth_header();
    a.push_back(server_->url("/api/sessions"));
    return curl(a).json()["sessions"];
  }
  fs::path data() const { return dir_.path() / "data"; }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(UploadApiTest, RawBodyWithPercentEncodedNameIsStoredByteForByte) {
  auto f = file_with("a.csv", kCsv);
  auto r = upload({"-H", "Content-Type: text/csv", "-H", "X-Filename: Sess%20Monza%201.csv",
                   "--data-binary", "@" + f.string()});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["filename"], "Sess Monza 1.csv");
  EXPECT_EQ(j["bytes"], kCsv.size());
  EXPECT_EQ(j["sha256"], sha256_hex(kCsv));
  EXPECT_EQ(j["duplicate"], false);

  auto a = auth_header();
  a.push_back(server_->url("/api/sessions/" + std::to_string(j["id"].get<int>()) + "/csv"));
  EXPECT_EQ(curl(a).body, kCsv);
}

TEST_F(UploadApiTest, MultipartFromCurlFormUsesThePartFilename) {
  auto f = file_with("lap day.csv", kCsv);
  auto r = upload({"-F", "file=@" + f.string()});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["filename"], "lap day.csv");
  EXPECT_EQ(r.json()["sha256"], sha256_hex(kCsv));
}

TEST_F(UploadApiTest, MultipartBoundaryFollowedByOtherParametersIsAccepted) {
  std::string body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                     "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" + kCsv + "\r\n--XyZ--\r\n";
  auto f = file_with("body", body);
  auto r = upload({"-H", "Content-Type: multipart/form-data; boundary=XyZ; charset=utf-8",
                   "--data-binary", "@" + f.string()});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["bytes"], kCsv.size());
  EXPECT_EQ(r.json()["filename"], "s.csv");
}

TEST_F(UploadApiTest, ChunkedBodyWithFilenameQueryParameter) {
  auto f = file_with("c.csv", kCsv);
  auto a = auth_header();
  a.insert(a.end(), {"-H", "Transfer-Encoding: chunked", "--data-binary", "@" + f.string(),
                     server_->url("/api/upload?filename=chunky%20one.csv")});
  auto r = curl(a);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["filename"], "chunky one.csv");
  EXPECT_EQ(r.json()["bytes"], kCsv.size());
}

TEST_F(UploadApiTest, SameBytesTwiceIsOneSessionMarkedDuplicate) {
  auto f = file_with("d.csv", kCsv);
  auto first = upload({"-H", "X-Filename: d.csv", "--data-binary", "@" + f.string()});
  auto second = upload({"-H", "X-Filename: d-again.csv", "--data-binary", "@" + f.string()});
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.json()["id"], first.json()["id"]);
  EXPECT_EQ(second.json()["duplicate"], true);
  EXPECT_EQ(sessions().size(), 1u);
  EXPECT_EQ(count_files(data() / "files"), 1u);
}

TEST_F(UploadApiTest, HashMismatchIs422AndStoresNothing) {
  auto f = file_with("e.csv", kCsv);
  auto r = upload({"-H", "X-Content-SHA256: " + sha256_hex("other bytes"), "--data-binary", "@" + f.string()});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["code"], "hash_mismatch");
  EXPECT_TRUE(sessions().empty());
  EXPECT_EQ(count_files(data() / "files"), 0u);
  EXPECT_EQ(count_files(data() / "tmp"), 0u);
}

TEST_F(UploadApiTest, MatchingHashIsAccepted) {
  auto f = file_with("h.csv", kCsv);
  auto r = upload({"-H", "X-Content-SHA256: " + sha256_hex(kCsv), "--data-binary", "@" + f.string()});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(UploadApiTest, ChunkedBodyOverTheLimitIs413AndStoresNothing) {
  ServerConfig c;
  c.max_upload_bytes = 1 << 20;
  start(c);
  auto f = file_with("big.csv", std::string(3 << 20, 'x'));
  auto r = upload({"-H", "Transfer-Encoding: chunked", "--data-binary", "@" + f.string()});
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "too_large");
  EXPECT_TRUE(sessions().empty());
  EXPECT_EQ(count_files(data() / "tmp"), 0u);
}

TEST_F(UploadApiTest, ContentLengthOverTheLimitIs413) {
  ServerConfig c;
  c.max_upload_bytes = 1 << 20;
  start(c);
  auto f = file_with("big.csv", std::string((1 << 20) + 1, 'x'));
  auto r = upload({"--data-binary", "@" + f.string()});
  EXPECT_EQ(r.status, 413);
}

TEST_F(UploadApiTest, MissingOrWrongTokenIs401) {
  auto f = file_with("t.csv", kCsv);
  auto none = curl({"--data-binary", "@" + f.string(), server_->url("/api/upload")});
  auto wrong = curl({"-H", "Authorization: Bearer nope", "--data-binary", "@" + f.string(),
                     server_->url("/api/upload")});
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(none.json()["error"]["code"], "unauthorized");
  EXPECT_TRUE(sessions().empty());
}

TEST_F(UploadApiTest, TraversalNamesNeverBecomePaths) {
  auto f1 = file_with("one.csv", kCsv);
  auto f2 = file_with("two.csv", kCsv + "1700000000.2,45.0,7.0,100,9\n");
  auto r1 = upload({"-H", "X-Filename: ..%2F..%2Fetc%2Fpasswd", "--data-binary", "@" + f1.string()});
  auto r2 = upload({"-H", "X-Filename: ..%2F..%2Fetc%2Fpasswd", "--data-binary", "@" + f2.string()});
  ASSERT_EQ(r1.status, 200);
  ASSERT_EQ(r2.status, 200);
  EXPECT_EQ(r1.json()["filename"], "passwd");
  EXPECT_NE(r1.json()["id"], r2.json()["id"]);
  EXPECT_EQ(count_files(data() / "files"), 2u);
  EXPECT_FALSE(fs::exists(dir_.path() / "etc"));
  EXPECT_FALSE(fs::exists(data() / "passwd"));
}

TEST_F(UploadApiTest, FullDiskIs507BeforeAndDuringTheWrite) {
  ServerConfig c;
  c.quota_bytes = 1 << 20;
  start(c);
  auto f = file_with("big.csv", std::string(2 << 20, 'x'));
  auto known = upload({"--data-binary", "@" + f.string()});
  auto chunked = upload({"-H", "Transfer-Encoding: chunked", "--data-binary", "@" + f.string()});
  EXPECT_EQ(known.status, 507);
  EXPECT_EQ(chunked.status, 507);
  EXPECT_EQ(chunked.json()["error"]["code"], "insufficient_storage");
  EXPECT_TRUE(sessions().empty());
  EXPECT_EQ(count_files(data() / "tmp"), 0u);
  auto small = file_with("small.csv", kCsv);
  EXPECT_EQ(upload({"--data-binary", "@" + small.string()}).status, 200);
}

TEST_F(UploadApiTest, GarbageIsStoredWithAParseErrorAndNoLaps) {
  std::string garbage = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 5000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 251));
  auto f = file_with("junk.bin", garbage);
  auto r = upload({"-H", "Content-Type: application/octet-stream", "--data-binary", "@" + f.string()});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["laps"], 0);
  EXPECT_TRUE(r.json()["parse_error"].is_string());
  EXPECT_FALSE(r.json()["parse_error"].get<std::string>().empty());
}

TEST_F(UploadApiTest, MultipartWithoutFilePartOrBoundaryIsRejected) {
  auto f = file_with("note.txt", "hello");
  auto no_file = upload({"-F", "note=@" + f.string()});
  auto no_boundary = upload({"-H", "Content-Type: multipart/form-data", "--data-binary", "@" + f.string()});
  EXPECT_EQ(no_file.status, 400);
  EXPECT_NE(no_file.json()["error"]["message"].get<std::string>().find("file"), std::string::npos);
  EXPECT_EQ(no_boundary.status, 415);
}

TEST_F(UploadApiTest, BadPercentEncodingInFilenameIs400) {
  auto f = file_with("b.csv", kCsv);
  auto r = upload({"-H", "X-Filename: bad%zzname.csv", "--data-binary", "@" + f.string()});
  EXPECT_EQ(r.status, 400);
}

}  // namespace
}  // namespace racesense::test
