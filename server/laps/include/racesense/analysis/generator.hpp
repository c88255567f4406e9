// Synthetic RS-Core sessions on a generated circuit with known lap times, for tests, the browser
// end-to-end suite (files on the simulated logger's card) and benchmarks.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "racesense/analysis/analysis.hpp"

namespace racesense::analysis {

struct GeneratorOptions {
  std::string format = "gps_time";   // gps_time, tick_ms, timestamp
  std::vector<double> lap_times_s = {62.5, 61.25, 60.75};
  double rate_hz = 10;
  double start_epoch_s = 1700000000.0;
  int no_fix_rows = 5;         // rows before the first GPS fix
  double centre_lat = 45.0, centre_lon = 7.0;
  double straight_m = 400, radius_m = 80;  // stadium-shaped circuit
  std::uint32_t seed = 1;
};

// The circuit's start/finish line as tracks.json would hold it.
Track generated_track(const GeneratorOptions& opt);

// Writes the CSV; returns the bytes written. Laps are the given lap times, between an out-lap that
// starts mid-circuit and an in-lap that stops before the line.
std::uint64_t generate_session(const GeneratorOptions& opt, std::ostream& out);

}  // namespace racesense::analysis
