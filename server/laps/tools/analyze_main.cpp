// racesense-analyze: runs the server's lap analysis on CSV files and prints the result as JSON.
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "racesense/analysis/analysis.hpp"

namespace {
nlohmann::json to_json(const racesense::analysis::SessionAnalysis& a) {
  nlohmann::json laps = nlohmann::json::array();
  for (const auto& l : a.laps) laps.push_back({{"lap", l.number}, {"time_ms", l.time_ms}, {"start_ms", l.start_ms}});
  return {{"format", a.format}, {"parse_error", a.parse_error ? nlohmann::json(*a.parse_error) : nullptr},
          {"track", a.track_name}, {"auto_track", a.auto_track}, {"gps_samples", a.gps_samples},
          {"skipped_rows", a.skipped_rows}, {"duration_ms", a.duration_ms}, {"laps", laps},
          {"best_lap_ms", a.best_lap_ms ? nlohmann::json(*a.best_lap_ms) : nullptr}};
}
}  // namespace

int main(int argc, char** argv) {
  using namespace racesense::analysis;
  CLI::App app{"racesense-analyze: lap analysis of RS-Core CSV files (as racesense-server does it)"};
  std::string tracks_file;
  double min_lap_s = static_cast<double>(kDefaultMinLapMs) / 1000;
  bool bench = false;
  std::vector<std::string> files;
  app.add_option("--tracks", tracks_file, "tracks.json to match against");
  app.add_option("--min-lap-s", min_lap_s, "Minimum lap time in seconds")->capture_default_str();
  app.add_flag("--bench", bench, "Also print the analysis throughput in MB/s");
  app.add_option("files", files, "CSV files")->required();
  CLI11_PARSE(app, argc, argv);

  std::vector<Track> tracks;
  if (!tracks_file.empty()) {
    std::stringstream text;
    text << std::ifstream(tracks_file).rdbuf();
    std::string error;
    auto parsed = parse_tracks_json(text.str(), error);
    if (!parsed) {
      std::cerr << tracks_file << ": " << error << "\n";
      return 1;
    }
    tracks = *parsed;
  }
  Options opt{static_cast<std::int64_t>(min_lap_s * 1000)};
  double bytes = 0, seconds = 0;
  for (const auto& f : files) {
    auto start = std::chrono::steady_clock::now();
    auto result = analyze_file(f, tracks, opt);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::error_code ec;
    bytes += static_cast<double>(std::filesystem::file_size(f, ec));
    auto j = to_json(result);
    j["file"] = f;
    std::cout << j.dump() << "\n";
  }
  if (bench)
    std::cout << "lap analysis: " << bytes / 1048576 / seconds << " MB/s (" << bytes / 1048576 << " MB in " << seconds
              << " s)\n";
  return 0;
}
