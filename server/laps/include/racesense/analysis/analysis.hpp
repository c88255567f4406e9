// Session analysis: reads an RS-Core CSV (docs/protocol.md §3), identifies the track and counts laps
// by the lap rule (§4). Never throws: what cannot be read is reported in parse_error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace racesense::analysis {

struct StartLine {
  double lat = 0, lon = 0, radius_m = 15, heading_deg = 0;
};

struct Track {
  std::string id, name, location;
  StartLine start_line;
  bool automatic = false;  // placed by the analysis on a session at a circuit no track matched
};

struct Lap {
  int number = 0;
  std::int64_t time_ms = 0;
  std::int64_t start_ms = 0;  // from session start
};

struct SessionAnalysis {
  std::string format;                      // "gps_time", "tick_ms", "timestamp", or "" when unrecognised
  std::optional<std::string> parse_error;  // set when not a recognised CSV
  std::optional<std::string> track_id;     // id of a matched known track
  std::string track_name;                  // known name, "Auto: <lat>,<lon>", or "" without GPS
  bool auto_track = false;
  std::optional<std::int64_t> started_at_ms;  // Unix epoch ms of the first sample, when known
  std::int64_t duration_ms = 0;               // first to last GPS sample
  std::size_t gps_samples = 0, skipped_rows = 0;
  std::vector<Lap> laps;
  std::optional<std::int64_t> best_lap_ms;
  // Set when no given track matched and a line was placed automatically: a complete track (id
  // "auto-<lat>-<lon>", automatic) for the caller to store, so later sessions at the circuit match it.
  std::optional<Track> new_track;
};

// The project's one default for the minimum lap time (the server and tools take it from here).
inline constexpr std::int64_t kDefaultMinLapMs = 10000;

struct Options {
  std::int64_t min_lap_ms = kDefaultMinLapMs;
};

// One pass over a session's bytes as they arrive, in bounded memory whatever the file size. Any
// split of the same bytes into feed() calls gives the same result.
class StreamAnalyzer {
 public:
  explicit StreamAnalyzer(std::vector<Track> tracks, Options opt = {});
  ~StreamAnalyzer();
  StreamAnalyzer(StreamAnalyzer&&) noexcept;
  StreamAnalyzer& operator=(StreamAnalyzer&&) noexcept;
  void feed(const char* data, std::size_t len);
  SessionAnalysis finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

SessionAnalysis analyze_stream(std::istream& in, const std::vector<Track>& tracks, const Options& opt = {});
SessionAnalysis analyze_file(const std::string& path, const std::vector<Track>& tracks, const Options& opt = {});

// tracks.json: [{"id","name","start_line":{"lat","lon","radius_m","heading"},"location"}]
std::optional<Track> track_from_json(const nlohmann::json& j, std::string& error);
nlohmann::json track_to_json(const Track& t);
std::optional<std::vector<Track>> parse_tracks_json(std::string_view text, std::string& error);

}  // namespace racesense::analysis
