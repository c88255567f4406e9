// racesense-gen-session: writes a synthetic RS-Core session with known lap times.
#include <CLI/CLI.hpp>

#include <cmath>
#include <fstream>
#include <iostream>

#include "racesense/analysis/generator.hpp"

int main(int argc, char** argv) {
  using namespace racesense::analysis;
  GeneratorOptions o;
  CLI::App app{"racesense-gen-session: a synthetic RS-Core session CSV on a generated circuit with known laps.\n"
               "Prints the expected laps as JSON."};
  std::string out_path, tracks_out;
  int laps = 0;
  double size_mb = 0;
  app.add_option("--format", o.format, "gps_time | tick_ms | timestamp")
      ->check(CLI::IsMember({"gps_time", "tick_ms", "timestamp"}))->capture_default_str();
  app.add_option("--laps", laps, "Number of timed laps (60-63 s each); overrides --lap-times");
  app.add_option("--lap-times", o.lap_times_s, "Lap times in seconds, comma separated")->delimiter(',');
  app.add_option("--rate-hz", o.rate_hz, "GPS sample rate")->capture_default_str();
  app.add_option("--start-epoch", o.start_epoch_s, "Unix time of the first row")->capture_default_str();
  app.add_option("--no-fix-rows", o.no_fix_rows, "Rows before the first GPS fix")->capture_default_str();
  app.add_option("--seed", o.seed, "Random seed (sensor noise, lap times with --laps)")->capture_default_str();
  app.add_option("--size-mb", size_mb, "Add laps until the file is about this big (benchmarks)");
  app.add_option("--out", out_path, "Output CSV file")->required();
  app.add_option("--tracks-out", tracks_out, "Also write a tracks.json with the circuit's start/finish line");
  CLI11_PARSE(app, argc, argv);

  if (laps > 0) {
    o.lap_times_s.clear();
    for (int i = 0; i < laps; ++i) o.lap_times_s.push_back(60.0 + std::fmod(o.seed * 7.31 + i * 1.37, 3.0));
  }
  if (size_mb > 0) {
    GeneratorOptions probe = o;
    probe.lap_times_s = {60.0};
    std::ostringstream one, two;
    double base = static_cast<double>(generate_session(probe, one));
    probe.lap_times_s = {60.0, 60.0};
    double per_lap = static_cast<double>(generate_session(probe, two)) - base;
    auto wanted = static_cast<std::size_t>(std::ceil(size_mb * 1048576 / per_lap));
    o.lap_times_s.clear();
    for (std::size_t i = 0; i < wanted; ++i) o.lap_times_s.push_back(60.0 + static_cast<double>(i % 7) * 0.25);
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  std::uint64_t bytes = generate_session(o, out);
  if (!out.flush()) {
    std::cerr << "cannot write " << out_path << "\n";
    return 1;
  }
  if (!tracks_out.empty()) std::ofstream(tracks_out) << nlohmann::json::array({track_to_json(generated_track(o))}).dump(2);
  nlohmann::json laps_ms = nlohmann::json::array();
  for (double t : o.lap_times_s) laps_ms.push_back(std::llround(t * 1000));
  std::cout << nlohmann::json{{"file", out_path}, {"format", o.format}, {"bytes", bytes}, {"laps", o.lap_times_s.size()},
                              {"lap_times_ms", laps_ms}}.dump()
            << "\n";
  return 0;
}
