// GET /api/sessions/{id}/trace against sessions from racesense-gen-session, whose official line and
// lap times are known.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

class TraceApiTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = std::make_unique<TestServer>(dir_.path() / "data"); }

  // Uploads a generated session timed on the official line; returns its id and the known lap times.
  std::pair<int, std::vector<long>> upload_session(const std::string& format, const std::string& laps) {
    auto file = dir_.path() / ("s_" + format + ".csv");
    auto tracks = dir_.path() / "tracks.json";
    std::string printed;
    EXPECT_EQ(run_process({RS_GEN_SESSION_BIN, "--format", format, "--lap-times", laps, "--out", file.string(),
                           "--tracks-out", tracks.string()}, &printed), 0);
    track_ = nlohmann::json::parse(read_file(tracks))[0];
    auto a = auth_header();
    a.insert(a.end(), {"-H", "Content-Type: application/json", "-d", track_.dump(), server_->url("/api/tracks")});
    EXPECT_EQ(curl(a).status, 201);
    a = auth_header();
    a.insert(a.end(), {"-F", "file=@" + file.string(), server_->url("/api/upload")});
    auto up = curl(a);
    file_ = file;
    return {up.json()["id"].get<int>(), nlohmann::json::parse(printed)["lap_times_ms"].get<std::vector<long>>()};
  }
  HttpResult get(const std::string& path) {
    auto a = auth_header();
    a.push_back(server_->url(path));
    return curl(a);
  }
  // Metres from the line's centre, along and across the direction of travel.
  std::pair<double, double> from_line(double lat, double lon) const {
    const auto& l = track_["start_line"];
    double k = 111320 * std::cos(l["lat"].get<double>() * M_PI / 180);
    double x = (lon - l["lon"].get<double>()) * k, y = (lat - l["lat"].get<double>()) * 111320;
    double h = l["heading"].get<double>() * M_PI / 180;
    return {x * std::sin(h) + y * std::cos(h), x * std::cos(h) - y * std::sin(h)};
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
  nlohmann::json track_;
  fs::path file_;
};

TEST_F(TraceApiTest, LapsStartAndEndOnTheLineWithTheirOfficialTimes) {
  auto [id, expected] = upload_session("gps_time", "61.2,60.4,60.9");
  auto r = get("/api/sessions/" + std::to_string(id) + "/trace");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  auto laps = j["laps"];
  ASSERT_EQ(laps.size(), expected.size() + 2);  // out-lap, timed laps, in-lap
  double first_lap_m = 0;
  EXPECT_EQ(laps.front()["kind"], "out");
  EXPECT_EQ(laps.back()["kind"], "in");
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto& lap = laps[k + 1];
    std::size_t i0 = lap["i0"], i1 = lap["i1"];
    EXPECT_NEAR(lap["time_ms"].get<double>(), expected[k], 20);
    EXPECT_NEAR(j["t"][i1].get<double>() - j["t"][i0].get<double>(), lap["time_ms"].get<double>(), 1);
    double metres = (j["d"][i1].get<double>() - j["d"][i0].get<double>()) / 10;
    if (k == 0) first_lap_m = metres;
    EXPECT_NEAR(metres, first_lap_m, first_lap_m * 0.02) << "every lap is about as long";
    for (auto i : {i0, i1}) {
      auto [along, across] = from_line(j["lat"][i].get<double>() / 1e7, j["lon"][i].get<double>() / 1e7);
      EXPECT_NEAR(along, 0, 0.5) << "boundary point " << i << " is on the line";
      EXPECT_LT(std::fabs(across), 15);
    }
    double mean_kmh = metres / (expected[k] / 1000.0) * 3.6, sum = 0;
    for (std::size_t i = i0; i < i1; ++i)
      sum += j["v"][i].get<double>() / 10 * (j["t"][i + 1].get<double>() - j["t"][i].get<double>());
    EXPECT_NEAR(sum / (j["t"][i1].get<double>() - j["t"][i0].get<double>()), mean_kmh, mean_kmh * 0.03);
  }
  EXPECT_EQ(j["start_line"]["track_id"], track_["id"]);
  // The generator starts at 1700000000 s; the first fix follows a few rows without a position.
  EXPECT_NEAR(j["started_at_ms"].get<double>(), 1700000000000.0, 1000);
}

TEST_F(TraceApiTest, ThinnedForTheScreenButEveryFixOnRequest) {
  auto [id, expected] = upload_session("tick_ms", "61.2,60.4");
  auto thin = get("/api/sessions/" + std::to_string(id) + "/trace").json();
  auto full = get("/api/sessions/" + std::to_string(id) + "/trace?step_m=0").json();
  // Every G row with a position is a fix; exact duplicate rows are dropped.
  std::ifstream in(file_);
  std::string line, previous;
  std::size_t fixes = 0;
  while (std::getline(in, line)) {
    if (line.find(",G,") != std::string::npos && line.find(",G,,,,,,,,") == std::string::npos && line != previous) ++fixes;
    previous = line;
  }
  EXPECT_EQ(full["count"].get<std::size_t>(), fixes + full["interpolated"].size());
  auto d = thin["d"], t = thin["t"];
  // One point per 4 m (default step), at least one per 2 s, and the lap boundaries.
  double metres = d.back().get<double>() / 10, seconds = t.back().get<double>() / 1000;
  EXPECT_LE(thin["count"].get<double>(), metres / 4 + seconds / 2 + thin["laps"].size() + 1);
  EXPECT_LT(thin["count"].get<std::size_t>(), full["count"].get<std::size_t>() * 3 / 4);
  for (std::size_t i = 1; i < d.size(); ++i) {
    EXPECT_GE(d[i].get<long>(), d[i - 1].get<long>());
    EXPECT_GT(t[i].get<long>(), t[i - 1].get<long>());
  }
}

TEST_F(TraceApiTest, BadRequestsAreAnsweredClearly) {
  auto [id, expected] = upload_session("timestamp", "61.2");
  auto base = "/api/sessions/" + std::to_string(id) + "/trace";
  EXPECT_EQ(get(base + "?step_m=-1").status, 400);
  EXPECT_EQ(get(base + "?step_m=abc").status, 400);
  EXPECT_EQ(get("/api/sessions/999/trace").status, 404);
  EXPECT_EQ(curl({server_->url(base)}).status, 401);
}

}  // namespace
}  // namespace racesense::test
