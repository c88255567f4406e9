#include <gtest/gtest.h>

#include "racesense/analysis/analysis.hpp"

namespace racesense::analysis {
namespace {

TEST(Tracks, ParsesTheExistingFormatAndRoundTrips) {
  std::string error;
  auto tracks = parse_tracks_json(
      R"([{"id":"mnz","name":"Monza","start_line":{"lat":45.6,"lon":9.28,"radius_m":15,"heading":10},"location":"IT"}])",
      error);
  ASSERT_TRUE(tracks.has_value()) << error;
  ASSERT_EQ(tracks->size(), 1u);
  EXPECT_EQ((*tracks)[0].name, "Monza");
  EXPECT_DOUBLE_EQ((*tracks)[0].start_line.heading_deg, 10);
  auto again = track_from_json(track_to_json((*tracks)[0]), error);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, "mnz");
}

TEST(Tracks, MissingIdIsMadeFromTheName) {
  std::string error;
  auto t = track_from_json(nlohmann::json::parse(
                               R"({"name":"Pista Azzurra!","start_line":{"lat":1,"lon":2,"radius_m":10,"heading":0}})"),
                           error);
  ASSERT_TRUE(t.has_value()) << error;
  EXPECT_EQ(t->id, "pista-azzurra");
}

TEST(Tracks, InvalidTracksSayWhatIsWrong) {
  struct Case {
    const char* json;
    const char* mentions;
  } cases[] = {
      {R"([{"name":"A","start_line":{"lat":91,"lon":0,"radius_m":10,"heading":0}}])", "lat"},
      {R"([{"name":"A","start_line":{"lat":0,"lon":0,"radius_m":0,"heading":0}}])", "radius_m"},
      {R"([{"name":"A","start_line":{"lat":0,"lon":0,"radius_m":5,"heading":"north"}}])", "heading"},
      {R"([{"name":"A"}])", "start_line"},
      {R"([{"start_line":{"lat":0,"lon":0,"radius_m":5,"heading":0}}])", "name"},
      {R"({"not":"an array"})", "array"},
      {"garbage", "array"},
  };
  for (const auto& c : cases) {
    std::string error;
    EXPECT_FALSE(parse_tracks_json(c.json, error).has_value()) << c.json;
    EXPECT_NE(error.find(c.mentions), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace racesense::analysis
