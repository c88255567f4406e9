// racesense-analyze: runs the server's lap analysis on CSV files and prints the result as JSON.
#include <CLI/CLI.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "racesense/analysis/analysis.hpp"

namespace {
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// The library on its own: the file already in memory, fed in 64 KB pieces as an upload arrives.
void bench_in_memory(const std::string& path, const std::vector<racesense::analysis::Track>& tracks,
                     const racesense::analysis::Options& opt) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto wall = std::chrono::steady_clock::now();
  double cpu = cpu_seconds();
  racesense::analysis::StreamAnalyzer analyzer(tracks, opt);
  for (std::size_t at = 0; at < bytes.size(); at += 65536)
    analyzer.feed(bytes.data() + at, std::min<std::size_t>(65536, bytes.size() - at));
  auto laps = analyzer.finish().laps.size();
  cpu = cpu_seconds() - cpu;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  double mb = static_cast<double>(bytes.size()) / 1048576;
  std::cout << "lap analysis in memory (one core): " << mb / secs << " MB/s wall, " << mb / cpu
            << " MB/s per CPU second (" << mb << " MB, " << laps << " laps)\n";
}

nlohmann::json to_json(const racesense::analysis::SessionAnalysis& a) {
  nlohmann::json laps = nlohmann::json::array();
  for (const auto& l : a.laps) laps.push_back({{"lap", l.number}, {"time_ms", l.time_ms}, {"start_ms", l.start_ms}});
  return {{"format", a.format}, {"parse_error", a.parse_error ? nlohmann::json(*a.parse_error) : nullptr},
          {"track", a.track_name}, {"auto_track", a.auto_track}, {"gps_samples", a.gps_samples},
          {"skipped_rows", a.skipped_rows}, {"duration_ms", a.duration_ms}, {"laps", laps},
          {"best_lap_ms", a.best_lap_ms ? nlohmann::json(*a.best_lap_ms) : nullptr},
          {"new_track", a.new_track ? racesense::analysis::track_to_json(*a.new_track) : nlohmann::json(nullptr)}};
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
  app.add_flag("--bench", bench, "Also print the analysis throughput in MB/s (file, and in memory)");
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
  if (bench) {
    for (const auto& f : files) bench_in_memory(f, tracks, opt);
    std::cout << "lap analysis: " << bytes / 1048576 / seconds << " MB/s (" << bytes / 1048576 << " MB in " << seconds
              << " s)\n";
  }
  return 0;
}
