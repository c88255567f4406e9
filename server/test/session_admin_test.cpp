// Managing stored sessions through the API: which logger files are already held, titles, deletion.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

// Two small sessions in format C (docs/protocol.md §3): a few GPS rows each.
const std::string kCsvA =
    "timestamp,latitude,longitude,speed,satellites\n"
    "1700000000.0,45.0,7.0,100,9\n"
    "1700000000.1,45.00001,7.00001,101,9\n";
const std::string kCsvB =
    "timestamp,latitude,longitude,speed,satellites\n"
    "1700000100.0,45.1,7.1,90,8\n";

class SessionAdminTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void start(ServerConfig config = {}) {
    server_.reset();
    server_ = std::make_unique<TestServer>(data(), config);
  }
  fs::path data() const { return dir_.path() / "data"; }
  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "") {
    auto a = auth_header();
    a.insert(a.end(), {"-X", method});
    if (!body.empty()) a.insert(a.end(), {"-H", "Content-Type: application/json", "--data-binary", body});
    a.push_back(server_->url(path));
    return curl(a);
  }
  HttpResult upload(const std::string& name, const std::string& bytes) {
    auto file = dir_.path() / "upload.bin";
    write_file(file, bytes);
    auto a = auth_header();
    a.insert(a.end(), {"-H", "Content-Type: text/csv", "-H", "X-Filename: " + name, "--data-binary",
                       "@" + file.string(), server_->url("/api/upload")});
    return curl(a);
  }
  std::int64_t uploaded_id(const std::string& name, const std::string& bytes) {
    auto r = upload(name, bytes);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["id"].get<std::int64_t>();
  }
  nlohmann::json known(const nlohmann::json& files) {
    auto r = request("POST", "/api/sessions/known", nlohmann::json{{"files", files}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["known"];
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(SessionAdminTest, KnownAnswersOnlyTheFilesTheServerHolds) {
  auto a = uploaded_id("sess_001.csv", kCsvA);
  auto size = static_cast<std::int64_t>(kCsvA.size());
  auto answer = known({{{"name", "sess_001.csv"}, {"size", size}},
                       {{"name", "sess_001.csv"}, {"size", size + 1}},  // same name, another file
                       {{"name", "sess_002.csv"}, {"size", size}},
                       {{"sha256", sha256_hex(kCsvA)}},
                       {{"sha256", sha256_hex(kCsvB)}}});
  ASSERT_EQ(answer.size(), 2u) << answer.dump();
  EXPECT_EQ(answer[0], (nlohmann::json{{"name", "sess_001.csv"}, {"size", size}, {"id", a}}));
  EXPECT_EQ(answer[1], (nlohmann::json{{"sha256", sha256_hex(kCsvA)}, {"id", a}}));
  EXPECT_EQ(known(nlohmann::json::array()), nlohmann::json::array());
}

TEST_F(SessionAdminTest, KnownRefusesMalformedQuestionsWithTheReason) {
  auto bad = [&](const std::string& body, const std::string& words) {
    auto r = request("POST", "/api/sessions/known", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(words), std::string::npos) << r.body;
  };
  bad("not json", "body must be");
  bad(R"({"files":3})", "\"files\" must be an array");
  bad(R"({"files":[{"name":"a.csv"}]})", "files[0]: \"size\"");
  bad(R"({"files":[{"name":"a.csv","size":1},{"sha256":"XYZ"}]})", "files[1]: sha256");
  bad(R"({"files":[{"name":"a.csv","size":-4}]})", "whole number");
  EXPECT_EQ(request("GET", "/api/sessions/known").status, 405);
  EXPECT_EQ(curl({"-X", "POST", "-d", R"({"files":[]})", server_->url("/api/sessions/known")}).status, 401);
}

TEST_F(SessionAdminTest, AuthAnswersWhetherTheTokenIsAccepted) {
  EXPECT_EQ(request("GET", "/api/auth").status, 200);
  EXPECT_EQ(curl({server_->url("/api/auth")}).status, 401);
  EXPECT_EQ(curl({"-H", "Authorization: Bearer wrong", server_->url("/api/auth")}).status, 401);
}

TEST_F(SessionAdminTest, TitleRenamesTheSessionButKeepsTheDeviceFilename) {
  auto id = uploaded_id("sess_001.csv", kCsvA);
  auto path = "/api/sessions/" + std::to_string(id);
  auto r = request("PATCH", path, R"({"title":"  Sat FP2 – Monza  "})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["title"], "Sat FP2 – Monza");
  auto listed = request("GET", "/api/sessions").json()["sessions"][0];
  EXPECT_EQ(listed["title"], "Sat FP2 – Monza");
  EXPECT_EQ(listed["filename"], "sess_001.csv");
  EXPECT_EQ(known({{{"name", "sess_001.csv"}, {"size", kCsvA.size()}}}).size(), 1u);

  EXPECT_TRUE(request("PATCH", path, R"({"title":null})").json()["title"].is_null());
  EXPECT_EQ(request("PATCH", path, R"({"title":")" + std::string(121, 'x') + "\"}").status, 400);
  EXPECT_EQ(request("PATCH", path, R"({"title":"two\nlines"})").status, 400);
  EXPECT_EQ(request("PATCH", path, R"({"name":"x"})").status, 400);
  EXPECT_EQ(request("PATCH", "/api/sessions/999", R"({"title":"x"})").status, 404);
}

// Rows in the laps table of a session, read with the sqlite3 program (not the server's code).
long lap_rows(const fs::path& db, std::int64_t id) {
  std::string out;
  EXPECT_EQ(run_process({"sqlite3", db.string(), "SELECT COUNT(*) FROM laps WHERE session_id = " + std::to_string(id)}, &out), 0);
  return std::stol(out);
}

TEST_F(SessionAdminTest, DeleteRemovesTheRowTheLapsAndTheStoredFile) {
  auto keep = uploaded_id("keep.csv", kCsvB);
  auto generated = dir_.path() / "laps.csv";
  ASSERT_EQ(run_process({RS_GEN_SESSION_BIN, "--format", "gps_time", "--lap-times", "60.5,61.5,62", "--out", generated.string()}), 0);
  auto bytes = read_file(generated);
  auto id = uploaded_id("sess_001.csv", bytes);
  ASSERT_EQ(count_files(data() / "files"), 2u);
  ASSERT_EQ(lap_rows(data() / "racesense.db", id), 3);
  auto path = "/api/sessions/" + std::to_string(id);

  auto r = request("DELETE", path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["deleted"], id);
  EXPECT_EQ(count_files(data() / "files"), 1u);  // the stored file went with the session
  EXPECT_EQ(lap_rows(data() / "racesense.db", id), 0);
  EXPECT_EQ(request("GET", path).status, 404);
  EXPECT_EQ(request("GET", path + "/csv").status, 404);
  EXPECT_EQ(request("DELETE", path).status, 404);
  auto list = request("GET", "/api/sessions").json()["sessions"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], keep);
  EXPECT_TRUE(known({{{"sha256", sha256_hex(bytes)}}}).empty());

  // The same bytes again are a new session, stored anew.
  auto again = upload("sess_001.csv", bytes);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["duplicate"], false);
  EXPECT_EQ(request("GET", "/api/sessions/" + std::to_string(again.json()["id"].get<int>()) + "/csv").body, bytes);
}

TEST_F(SessionAdminTest, DeleteSurvivesARestartAndGivesTheQuotaBack) {
  ServerConfig config;
  config.quota_bytes = kCsvA.size() + kCsvB.size() / 2;  // room for A, not for A and B
  start(config);
  auto a = uploaded_id("a.csv", kCsvA);
  EXPECT_EQ(upload("b.csv", kCsvB).status, 507);
  ASSERT_EQ(request("DELETE", "/api/sessions/" + std::to_string(a)).status, 200);
  EXPECT_EQ(upload("b.csv", kCsvB).status, 200);
  start(config);
  auto list = request("GET", "/api/sessions").json()["sessions"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["filename"], "b.csv");
  EXPECT_EQ(count_files(data() / "files"), 1u);
}

TEST_F(SessionAdminTest, BrowsersMayPatchAndDeleteFromAnotherOrigin) {
  auto r = curl({"-X", "OPTIONS", "-D", "-", "-o", "/dev/null", server_->url("/api/sessions/1")});
  EXPECT_NE(r.body.find("PATCH"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("DELETE"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace racesense::test
