#include "racesense/analysis/analysis.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "lap_finder.hpp"
#include "session_reader.hpp"

namespace racesense::analysis {
namespace {
std::string auto_name(const StartLine& line) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "Auto: %.5f,%.5f", line.lat, line.lon);
  return buf;
}

// Two passes over the file: the first finds the track (or places a line), the second times the
// crossings. Fixes are never stored, so memory stays flat however long the session.
SessionAnalysis analyse(std::istream& in, const std::vector<Track>& tracks, const Options& opt) {
  TrackMatcher matcher(tracks);
  LoopCloser closer;
  SessionData data = read_session(in, [&](const GpsSample& s) {
    matcher.add(s);
    closer.add(s);
  });
  SessionAnalysis a;
  a.format = data.format;
  a.parse_error = data.error;
  a.skipped_rows = data.skipped_rows;
  a.gps_samples = data.fixes;
  a.started_at_ms = data.epoch_ms_at_first;
  if (data.fixes < 2) return a;
  a.duration_ms = std::llround(data.last_t_ms - data.first_t_ms);
  std::optional<StartLine> line;
  if (auto track = matcher.best()) {
    a.track_id = track->id;
    a.track_name = track->name;
    line = track->start_line;
  } else if ((line = closer.line())) {
    a.auto_track = true;
    a.track_name = auto_name(*line);
    char id[64];
    std::snprintf(id, sizeof id, "auto-%.5f-%.5f", line->lat, line->lon);
    a.new_track = Track{id, a.track_name, "", *line, true};
    a.track_id = a.new_track->id;
  }
  if (!line) return a;
  CrossingFinder finder(*line);
  in.clear();
  in.seekg(0);
  read_session(in, [&](const GpsSample& s) { finder.add(s); });
  a.laps = laps_from_crossings(finder.crossings(), data.first_t_ms, opt.min_lap_ms);
  for (const auto& lap : a.laps)
    if (!a.best_lap_ms || lap.time_ms < *a.best_lap_ms) a.best_lap_ms = lap.time_ms;
  return a;
}
}  // namespace

struct StreamAnalyzer::Impl {
  std::vector<Track> tracks;
  Options opt;
  std::string bytes;  // interim: the one-pass analysis replaces this
};

StreamAnalyzer::StreamAnalyzer(std::vector<Track> tracks, Options opt)
    : impl_(std::make_unique<Impl>(Impl{std::move(tracks), opt, {}})) {}
StreamAnalyzer::~StreamAnalyzer() = default;
StreamAnalyzer::StreamAnalyzer(StreamAnalyzer&&) noexcept = default;
StreamAnalyzer& StreamAnalyzer::operator=(StreamAnalyzer&&) noexcept = default;

void StreamAnalyzer::feed(const char* data, std::size_t len) { impl_->bytes.append(data, len); }

SessionAnalysis StreamAnalyzer::finish() {
  std::istringstream in(std::move(impl_->bytes));
  return analyze_stream(in, impl_->tracks, impl_->opt);
}

SessionAnalysis analyze_stream(std::istream& in, const std::vector<Track>& tracks, const Options& opt) {
  try {
    return analyse(in, tracks, opt);
  } catch (const std::exception& e) {
    SessionAnalysis a;
    a.parse_error = std::string("The file could not be analysed: ") + e.what();
    return a;
  }
}

SessionAnalysis analyze_file(const std::string& path, const std::vector<Track>& tracks, const Options& opt) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    SessionAnalysis a;
    a.parse_error = "The file could not be opened for analysis.";
    return a;
  }
  std::vector<char> buffer(1 << 16);
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  return analyze_stream(in, tracks, opt);
}

}  // namespace racesense::analysis
