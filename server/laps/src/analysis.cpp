#include "racesense/analysis/analysis.hpp"

#include <cmath>
#include <fstream>

#include "csv_reader.hpp"
#include "lap_finder.hpp"
#include "session_reader.hpp"

namespace racesense::analysis {

struct StreamAnalyzer::Impl {
  Impl(std::vector<Track> t, Options o) : tracks(std::move(t)), opt(o), engine(tracks) {}

  void on_line(std::string_view line, bool overlong) {
    GpsSample fix;
    if (parser.line(line, overlong, fix)) engine.add(fix);
    else if (parser.released()) add_released();
  }
  void add_released() {
    for (const auto& fix : parser.release()) engine.add(fix);
  }

  std::vector<Track> tracks;
  Options opt;
  LineSplitter splitter;
  SessionParser parser;
  LapEngine engine;
  bool finished = false;
};

StreamAnalyzer::StreamAnalyzer(std::vector<Track> tracks, Options opt)
    : impl_(std::make_unique<Impl>(std::move(tracks), opt)) {}
StreamAnalyzer::~StreamAnalyzer() = default;
StreamAnalyzer::StreamAnalyzer(StreamAnalyzer&&) noexcept = default;
StreamAnalyzer& StreamAnalyzer::operator=(StreamAnalyzer&&) noexcept = default;

void StreamAnalyzer::feed(const char* data, std::size_t len) {
  if (impl_->finished) return;
  impl_->splitter.feed(data, len, [this](std::string_view line, bool overlong) { impl_->on_line(line, overlong); });
}

SessionAnalysis StreamAnalyzer::finish() {
  auto& im = *impl_;
  SessionAnalysis a;
  if (im.finished) {
    a.parse_error = "The analysis was already finished.";
    return a;
  }
  im.finished = true;
  im.splitter.finish([&im](std::string_view line, bool overlong) { im.on_line(line, overlong); });
  const SessionData& data = im.parser.finish();
  im.add_released();
  a.format = data.format;
  a.parse_error = data.error;
  a.skipped_rows = data.skipped_rows;
  a.gps_samples = data.fixes;
  a.started_at_ms = data.epoch_ms_at_first;
  if (data.fixes < 2) return a;
  a.duration_ms = std::llround(data.last_t_ms - data.first_t_ms);
  auto result = im.engine.finish();
  if (result.track) {
    a.track_id = result.track->id;
    a.track_name = result.track->name;
    a.auto_track = result.track->automatic;
  } else if (result.new_track) {
    a.track_id = result.new_track->id;
    a.track_name = result.new_track->name;
    a.auto_track = true;
    a.new_track = result.new_track;
  }
  a.laps = laps_from_crossings(result.crossings, data.first_t_ms, im.opt.min_lap_ms);
  for (const auto& lap : a.laps)
    if (!a.best_lap_ms || lap.time_ms < *a.best_lap_ms) a.best_lap_ms = lap.time_ms;
  return a;
}

SessionAnalysis analyze_stream(std::istream& in, const std::vector<Track>& tracks, const Options& opt) {
  try {
    StreamAnalyzer analyzer(tracks, opt);
    std::vector<char> buffer(1 << 16);
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      analyzer.feed(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    return analyzer.finish();
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
  return analyze_stream(in, tracks, opt);
}

}  // namespace racesense::analysis
