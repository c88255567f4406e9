// racesense-gen-session: writes a synthetic RS-Core session with known laps.
#include <CLI/CLI.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "racesense/analysis/generator.hpp"

int main(int argc, char** argv) {
  using namespace racesense::analysis;
  GeneratorOptions o;
  CLI::App app{"racesense-gen-session: a synthetic RS-Core session CSV at a generated circuit with known laps.\n"
               "Prints what it wrote and the expected laps as JSON."};
  std::string out_path, tracks_out;
  int laps = 0;
  double size_mb = 0;
  app.add_option("--format", o.format, "gps_time | tick_ms | timestamp")
      ->check(CLI::IsMember({"gps_time", "tick_ms", "timestamp"}))->capture_default_str();
  app.add_option("--venue", o.venue, "Circuit")->check(CLI::IsMember(venue_names()))->capture_default_str();
  app.add_option("--laps", laps, "Number of timed laps near the venue's natural lap time; overrides --lap-times");
  app.add_option("--lap-times", o.lap_times_s, "Lap times in seconds, comma separated")->delimiter(',');
  app.add_option("--rate-hz", o.rate_hz, "GPS sample rate (1, 10, 25)")->capture_default_str();
  app.add_option("--noise-m", o.noise_m, "Wandering GPS error in metres (2-3 is realistic)")->capture_default_str();
  app.add_option("--dropouts", o.dropouts, "GPS dropouts of 1-5 s while driving")->capture_default_str();
  app.add_option("--pit-wait-s", o.pit_wait_s, "Seconds in the pit box before and after driving")->capture_default_str();
  app.add_option("--pit-stops", o.pit_stops, "Pit stops between laps (in-lap, --pit-wait-s in the box, out-lap)")
      ->capture_default_str();
  app.add_option("--start-epoch", o.start_epoch_s, "Unix time of the first row")->capture_default_str();
  app.add_option("--no-fix-rows", o.no_fix_rows, "Rows before the first GPS fix")->capture_default_str();
  app.add_option("--seed", o.seed, "Random seed (GPS error, dropouts, lap times with --laps)")->capture_default_str();
  app.add_option("--size-mb", size_mb, "Add laps until the file is about this big (benchmarks)");
  app.add_option("--out", out_path, "Output CSV file")->required();
  app.add_option("--tracks-out", tracks_out, "Also write a tracks.json with the venue's official start/finish line");
  CLI11_PARSE(app, argc, argv);

  double natural = natural_lap_s(o);
  if (laps > 0) {
    o.lap_times_s.clear();
    for (int i = 0; i < laps; ++i) o.lap_times_s.push_back(natural * (1.0 + std::fmod(o.seed * 0.0731 + i * 0.0137, 0.03)));
  }
  if (size_mb > 0) {
    GeneratorOptions probe = o;
    probe.lap_times_s = {natural};
    probe.dropouts = 0;
    std::ostringstream one, two;
    double base = static_cast<double>(generate_session(probe, one));
    probe.lap_times_s = {natural, natural};
    double per_lap = static_cast<double>(generate_session(probe, two)) - base;
    auto wanted = static_cast<std::size_t>(std::ceil(size_mb * 1048576 / per_lap));
    o.lap_times_s.clear();
    for (std::size_t i = 0; i < wanted; ++i) o.lap_times_s.push_back(natural * (1.0 + static_cast<double>(i % 7) * 0.004));
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  SessionTruth truth;
  std::uint64_t bytes = generate_session(o, out, &truth);
  if (!out.flush()) {
    std::cerr << "cannot write " << out_path << "\n";
    return 1;
  }
  if (!tracks_out.empty()) std::ofstream(tracks_out) << nlohmann::json::array({track_to_json(generated_track(o))}).dump(2);
  nlohmann::json laps_ms = nlohmann::json::array();
  for (double t : o.lap_times_s) laps_ms.push_back(std::llround(t * 1000));
  std::cout << nlohmann::json{{"file", out_path}, {"format", o.format}, {"venue", o.venue}, {"bytes", bytes},
                              {"laps", o.lap_times_s.size()}, {"lap_times_ms", laps_ms},
                              {"expected_laps", truth.crossings_ms.empty() ? 0 : truth.crossings_ms.size() - 1},
                              {"duration_ms", truth.last_fix_ms - truth.first_fix_ms}, {"gps_fixes", truth.fixes}}
                   .dump()
            << "\n";
  return 0;
}
