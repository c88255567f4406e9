// Sessions, laps and tracks through the API, with session files from racesense-gen-session.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

class SessionsApiTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = std::make_unique<TestServer>(dir_.path() / "data"); }

  // Generates a session; returns the expected lap times (ms) the generator printed.
  std::vector<long> generate(const std::string& format, const fs::path& out, const std::string& laps) {
    std::string printed;
    auto tracks = dir_.path() / "generated-tracks.json";
    int rc = run_process({RS_GEN_SESSION_BIN, "--format", format, "--lap-times", laps, "--out", out.string(),
                          "--tracks-out", tracks.string()},
                         &printed);
    EXPECT_EQ(rc, 0);
    return nlohmann::json::parse(printed)["lap_times_ms"].get<std::vector<long>>();
  }
  HttpResult post_track(const nlohmann::json& track) {
    auto a = auth_header();
    a.insert(a.end(), {"-H", "Content-Type: application/json", "-d", track.dump(), server_->url("/api/tracks")});
    return curl(a);
  }
  HttpResult get(const std::string& path) {
    auto a = auth_header();
    a.push_back(server_->url(path));
    return curl(a);
  }
  HttpResult upload(const fs::path& file) {
    auto a = auth_header();
    a.insert(a.end(), {"-F", "file=@" + file.string(), server_->url("/api/upload")});
    return curl(a);
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

class SessionFormats : public SessionsApiTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(SessionFormats, UploadedSessionReportsTheKnownLaps) {
  auto file = dir_.path() / ("s_" + GetParam() + ".csv");
  auto expected = generate(GetParam(), file, "61.234,60.987,62.5");
  ASSERT_EQ(post_track(nlohmann::json::parse(read_file(dir_.path() / "generated-tracks.json"))[0]).status, 201);
  auto up = upload(file);
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.json()["laps"], expected.size());
  EXPECT_NEAR(up.json()["best_lap_ms"].get<double>(), 60987, 20);

  auto detail = get("/api/sessions/" + std::to_string(up.json()["id"].get<int>()));
  ASSERT_EQ(detail.status, 200);
  auto j = detail.json();
  EXPECT_EQ(j["format"], GetParam());
  EXPECT_EQ(j["track"], "Generated Circuit");
  ASSERT_EQ(j["lap_times"].size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(j["lap_times"][i]["time_ms"].get<double>(), static_cast<double>(expected[i]), 20) << i;
  EXPECT_GT(j["duration_ms"].get<long>(), 184000);
}

INSTANTIATE_TEST_SUITE_P(Formats, SessionFormats, ::testing::Values("gps_time", "tick_ms", "timestamp"));

TEST_F(SessionsApiTest, ListShowsTrackLapsBestLapAndTimes) {
  auto file = dir_.path() / "a.csv";
  generate("gps_time", file, "60.5,61.5");
  ASSERT_EQ(upload(file).status, 200);
  auto list = get("/api/sessions").json()["sessions"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["filename"], "a.csv");
  EXPECT_EQ(list[0]["laps"], 2);
  EXPECT_EQ(list[0]["auto_track"], true);
  EXPECT_TRUE(list[0]["started_at"].is_string());
  EXPECT_TRUE(list[0]["uploaded_at"].is_string());
}

TEST_F(SessionsApiTest, APostedTrackIsUsedForLaterUploads) {
  auto file = dir_.path() / "b.csv";
  generate("gps_time", file, "60,61");
  auto track = nlohmann::json::parse(read_file(dir_.path() / "generated-tracks.json"))[0];
  track["name"] = "Pista Test";
  track.erase("id");
  auto posted = post_track(track);
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(posted.json()["id"], "pista-test");
  EXPECT_EQ(get("/api/tracks").json()["tracks"].size(), 1u);
  auto up = upload(file);
  EXPECT_EQ(up.json()["track"], "Pista Test");
  EXPECT_EQ(up.json()["laps"], 2);
  EXPECT_TRUE(fs::exists(dir_.path() / "data" / "tracks.json"));
}

TEST_F(SessionsApiTest, InvalidTrackIs400WithTheReason) {
  auto a = auth_header();
  a.insert(a.end(), {"-d", R"({"name":"X","start_line":{"lat":99,"lon":0,"radius_m":5,"heading":0}})",
                     server_->url("/api/tracks")});
  auto r = curl(a);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("lat"), std::string::npos);
  a = auth_header();
  a.insert(a.end(), {"-d", "not json", server_->url("/api/tracks")});
  EXPECT_EQ(curl(a).status, 400);
}

TEST_F(SessionsApiTest, HealthIsPublicButTheRestNeedsTheToken) {
  EXPECT_EQ(curl({server_->url("/api/health")}).status, 200);
  EXPECT_EQ(curl({server_->url("/api/sessions")}).status, 401);
  EXPECT_EQ(curl({server_->url("/api/tracks")}).status, 401);
  EXPECT_EQ(get("/api/sessions/999").status, 404);
  EXPECT_EQ(get("/api/sessions/abc").status, 404);
  EXPECT_EQ(get("/api/nothing").status, 404);
}

TEST_F(SessionsApiTest, WebAppIsServedWithoutLeavingItsFolder) {
  auto web = dir_.path() / "web";
  fs::create_directories(web);
  write_file(web / "index.html", "<html>app</html>");
  write_file(dir_.path() / "secret.txt", "secret");
  server_.reset();
  ServerConfig c;
  c.web_dir = web;
  server_ = std::make_unique<TestServer>(dir_.path() / "data", c);
  EXPECT_EQ(curl({server_->url("/")}).body, "<html>app</html>");
  EXPECT_EQ(curl({server_->url("/sessions")}).body, "<html>app</html>");  // app route
  auto escape = curl({"--path-as-is", server_->url("/../secret.txt")});
  EXPECT_EQ(escape.body.find("secret"), std::string::npos);
  auto encoded = curl({"--path-as-is", server_->url("/%2e%2e/secret.txt")});
  EXPECT_EQ(encoded.body.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace racesense::test
