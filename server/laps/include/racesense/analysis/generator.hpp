// Synthetic RS-Core sessions at generated circuits with known laps, for tests, the browser
// end-to-end suite (files on the simulated logger's card) and benchmarks. The sessions look like
// real ones: circuits with sections a few metres apart, a pit lane beside the main straight, an
// out-lap from the pit box and an in-lap back to it, wandering GPS error and dropouts.
//
// The expected laps come from the construction itself (the car is made to cross its official line
// at the given lap times), never from the analysis's geometry.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "racesense/analysis/analysis.hpp"

namespace racesense::analysis {

struct GeneratorOptions {
  std::string format = "gps_time";  // gps_time, tick_ms, timestamp
  std::string venue = "stadium";    // see venue_names()
  std::vector<double> lap_times_s = {62.5, 61.25, 60.75};
  double rate_hz = 10;              // 1, 10 or 25 (any rate that divides 1000 ms evenly)
  double start_epoch_s = 1700000000.0;
  int no_fix_rows = 5;              // rows before the first GPS fix
  double noise_m = 0;               // size of the wandering GPS error (a few metres is realistic)
  int dropouts = 0;                 // GPS dropouts of 1-5 s while driving
  double pit_wait_s = 15;           // standing in the pit box before the out-lap and after the in-lap
  int pit_stops = 0;                // stops in the pit box (pit_wait_s) between laps, spread evenly
  std::uint32_t seed = 1;
  // Moves the venue (degrees), e.g. to put two venues side by side in a test.
  double shift_lat = 0, shift_lon = 0;
};

// What the generator knows by construction.
struct SessionTruth {
  std::vector<double> crossings_ms;  // when the car crossed the official line on the racing line
  std::int64_t first_fix_ms = 0, last_fix_ms = 0;  // session clock of the first and last GPS fix
  std::size_t fixes = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> dropouts_ms;  // [from, to) without fixes
};

std::vector<std::string> venue_names();

// The venue's lap time at the generator's natural pace (lap times near it look most real).
double natural_lap_s(const GeneratorOptions& opt);

// The length of the venue's centreline (m).
double circuit_length_m(const GeneratorOptions& opt);

// The venue's official start/finish line as tracks.json would hold it.
Track generated_track(const GeneratorOptions& opt);

// Writes the CSV; returns the bytes written.
std::uint64_t generate_session(const GeneratorOptions& opt, std::ostream& out, SessionTruth* truth = nullptr);

}  // namespace racesense::analysis
