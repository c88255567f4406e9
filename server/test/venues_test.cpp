// Venues: automatic tracks for new circuits, track edits (API and tracks.json on disk) that
// re-analyse a venue's sessions. Sessions come from racesense-gen-session, whose printed lap times
// are the truth.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <set>

#include <sstream>

#include "racesense/analysis/generator.hpp"
#include "service/upload_service.hpp"
#include "service/venues.hpp"
#include "test_support.hpp"

namespace racesense::test {
namespace {
namespace fs = std::filesystem;

struct Generated {
  fs::path file;
  std::vector<long> lap_times_ms;
  nlohmann::json official_track;
};

class VenuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig c;
    c.tracks_poll_ms = 50;
    server_ = std::make_unique<TestServer>(data(), c);
  }
  fs::path data() const { return dir_.path() / "data"; }

  Generated generate(const std::string& venue, int seed, int laps) {
    Generated g;
    g.file = dir_.path() / (venue + "-" + std::to_string(seed) + ".csv");
    auto tracks = dir_.path() / (venue + "-tracks.json");
    std::string printed;
    int rc = run_process({RS_GEN_SESSION_BIN, "--venue", venue, "--seed", std::to_string(seed), "--laps",
                          std::to_string(laps), "--noise-m", "2", "--out", g.file.string(), "--tracks-out",
                          tracks.string()},
                         &printed);
    EXPECT_EQ(rc, 0);
    g.lap_times_ms = nlohmann::json::parse(printed)["lap_times_ms"].get<std::vector<long>>();
    g.official_track = nlohmann::json::parse(read_file(tracks))[0];
    return g;
  }
  HttpResult request(const std::vector<std::string>& args, const std::string& path) {
    auto a = auth_header();
    a.insert(a.end(), args.begin(), args.end());
    a.push_back(server_->url(path));
    return curl(a);
  }
  nlohmann::json upload(const Generated& g) {
    auto r = request({"-H", "X-Filename: " + g.file.filename().string(), "--data-binary", "@" + g.file.string()},
                     "/api/upload");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  nlohmann::json tracks() { return request({}, "/api/tracks").json()["tracks"]; }
  nlohmann::json session(std::int64_t id) { return request({}, "/api/sessions/" + std::to_string(id)).json(); }
  HttpResult put_track(const std::string& id, const nlohmann::json& body) {
    return request({"-X", "PUT", "-H", "Content-Type: application/json", "-d", body.dump()}, "/api/tracks/" + id);
  }
  // The session has the generator's laps, each within 300 ms (the 2 m GPS error moves crossings).
  void expect_exact_laps(std::int64_t id, const Generated& g) {
    auto s = session(id);
    ASSERT_EQ(s["lap_times"].size(), g.lap_times_ms.size()) << s.dump();
    for (std::size_t i = 0; i < g.lap_times_ms.size(); ++i)
      EXPECT_NEAR(s["lap_times"][i]["time_ms"].get<double>(), static_cast<double>(g.lap_times_ms[i]), 300) << i;
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(VenuesTest, TheFirstSessionAtACircuitCreatesATrackThatLaterSessionsMatch) {
  std::vector<Generated> kart = {generate("kart", 1, 4), generate("kart", 2, 5), generate("kart", 3, 3)};
  std::vector<nlohmann::json> ups;
  for (const auto& g : kart) ups.push_back(upload(g));
  auto t = tracks();
  ASSERT_EQ(t.size(), 1u) << t.dump();
  EXPECT_EQ(t[0]["automatic"], true);
  EXPECT_FALSE(t[0]["name"].get<std::string>().empty());
  for (std::size_t i = 0; i < kart.size(); ++i) {
    EXPECT_EQ(ups[i]["track_id"], t[0]["id"]);
    EXPECT_EQ(ups[i]["track"], t[0]["name"]);
    EXPECT_EQ(ups[i]["auto_track"], true);
    EXPECT_NEAR(ups[i]["laps"].get<double>(), static_cast<double>(kart[i].lap_times_ms.size()), 1);
  }
  upload(generate("club", 1, 3));
  t = tracks();
  ASSERT_EQ(t.size(), 2u) << t.dump();
  EXPECT_NE(t[0]["id"], t[1]["id"]);
}

TEST_F(VenuesTest, SessionsArrivingTogetherAtANewCircuitShareOneTrack) {
  std::vector<Generated> kart;
  for (int seed = 1; seed <= 4; ++seed) kart.push_back(generate("kart", seed, 3));
  std::vector<std::future<nlohmann::json>> running;
  for (const auto& g : kart) running.push_back(std::async(std::launch::async, [&, g] { return upload(g); }));
  std::set<std::string> ids;
  for (auto& r : running) ids.insert(r.get()["track_id"].get<std::string>());
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(tracks().size(), 1u);
}

TEST_F(VenuesTest, PuttingATrackMovesTheLineAndReanalysesOnlyThatVenue) {
  auto a = generate("kart", 1, 4), b = generate("kart", 2, 5), other = generate("club", 1, 3);
  auto ua = upload(a), ub = upload(b), uo = upload(other);
  std::string id = ua["track_id"];
  auto official = a.official_track;
  auto r = put_track(id, {{"name", "Pista Serpentina"}, {"start_line", official["start_line"]}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["track"]["id"], id);
  EXPECT_EQ(j["track"]["name"], "Pista Serpentina");
  EXPECT_EQ(j["track"].value("automatic", false), false);
  EXPECT_EQ(j["track"]["start_line"]["lat"], official["start_line"]["lat"]);
  EXPECT_EQ(j["reanalysed"], nlohmann::json::array({ua["id"], ub["id"]}));
  expect_exact_laps(ua["id"], a);
  expect_exact_laps(ub["id"], b);
  auto list = request({}, "/api/sessions").json()["sessions"];
  for (const auto& s : list) {
    if (s["id"] == uo["id"]) EXPECT_NE(s["track_id"], id);
    else EXPECT_EQ(s["track"], "Pista Serpentina");
  }
  EXPECT_EQ(put_track("no-such-track", {{"name", "X"}}).status, 404);
  EXPECT_EQ(put_track(id, {{"start_line", {{"lat", 99}}}}).status, 400);
}

TEST_F(VenuesTest, PostingTheOfficialTrackReplacesTheAutomaticOne) {
  auto a = generate("kart", 1, 4), b = generate("kart", 2, 3);
  auto ua = upload(a), ub = upload(b);
  auto r = request({"-H", "Content-Type: application/json", "-d", a.official_track.dump()}, "/api/tracks");
  ASSERT_EQ(r.status, 201) << r.body;
  auto t = tracks();
  ASSERT_EQ(t.size(), 1u) << t.dump();
  EXPECT_EQ(t[0]["id"], a.official_track["id"]);
  EXPECT_EQ(session(ua["id"])["track_id"], a.official_track["id"]);
  expect_exact_laps(ua["id"], a);
  expect_exact_laps(ub["id"], b);
}

TEST_F(VenuesTest, EditingTracksJsonOnDiskReanalysesWithoutARestart) {
  auto a = generate("kart", 1, 4);
  auto ua = upload(a);
  auto edited = a.official_track;
  edited["name"] = "Edited On Disk";
  write_file(data() / "tracks.json.new", nlohmann::json::array({edited}).dump(2));
  fs::rename(data() / "tracks.json.new", data() / "tracks.json");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  nlohmann::json s;
  do {
    s = session(ua["id"]);
  } while (s["track"] != "Edited On Disk" && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(s["track"], "Edited On Disk");
  EXPECT_EQ(s["track_id"], edited["id"]);
  expect_exact_laps(ua["id"], a);
  write_file(data() / "tracks.json", "[{\"broken\":");  // a half-saved edit changes nothing
  EXPECT_EQ(curl({server_->url("/api/health")}).status, 200);
  EXPECT_EQ(session(ua["id"])["track"], "Edited On Disk");
}

// The storage and services of a server, without the HTTP layer, to reach into a re-analysis.
struct Services {
  explicit Services(const fs::path& dir)
      : db((dir / "racesense.db").string()), repo(db), blobs(dir, std::nullopt, 0), tracks(dir / "tracks.json"),
        venues(repo, blobs, tracks, analysis::Options{}), uploads(repo, blobs, venues, 1ull << 30) {}

  service::UploadResult upload(const std::string& name, const std::string& csv) {
    auto up = uploads.begin({name, std::nullopt, csv.size()});
    up->store(csv.data(), csv.size());
    up->analyse(csv.data(), csv.size());
    return up->commit();
  }

  storage::Database db;
  storage::SessionRepository repo;
  storage::BlobStore blobs;
  storage::TrackStore tracks;
  service::Venues venues;
  service::UploadService uploads;
};

std::string generated_csv(const analysis::GeneratorOptions& o) {
  std::ostringstream out;
  analysis::generate_session(o, out);
  return out.str();
}

// A track change re-analyses its venue's sessions without holding the lock uploads commit under:
// held in the middle of that re-analysis, an upload still commits.
TEST(VenuesReanalysis, UploadsCommitWhileATrackChangeReanalysesTheVenue) {
  TempDir dir;
  Services s(dir.path());
  analysis::GeneratorOptions o;
  o.venue = "kart";
  o.noise_m = 2;
  for (std::uint32_t seed : {1u, 2u}) {
    o.seed = seed;
    s.upload("kart-" + std::to_string(seed) + ".csv", generated_csv(o));
  }
  std::promise<void> reached, resume;
  std::shared_future<void> resumed = resume.get_future().share();
  std::atomic<bool> first{true};
  s.venues.observe_reanalysis([&](std::int64_t) {
    if (!first.exchange(false)) return;
    reached.set_value();
    resumed.wait();
  });
  auto official = analysis::generated_track(o);
  auto change = std::async(std::launch::async, [&] { return s.venues.add_track(analysis::track_to_json(official)); });
  ASSERT_EQ(reached.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  o.seed = 3;
  auto commit = std::async(std::launch::async, [&] { return s.upload("kart-3.csv", generated_csv(o)); });
  bool committed_meanwhile = commit.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  resume.set_value();
  EXPECT_TRUE(committed_meanwhile) << "the upload waited for the re-analysis of the venue";
  auto third = commit.get();
  EXPECT_EQ(change.get().reanalysed.size(), 2u);
  for (const auto& session : s.repo.list()) EXPECT_EQ(session.track_id, official.id) << session.filename;
  EXPECT_FALSE(third.duplicate);
}

}  // namespace
}  // namespace racesense::test
