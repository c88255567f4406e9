#pragma once

#include <optional>
#include <vector>

#include "racesense/analysis/analysis.hpp"
#include "session_reader.hpp"

namespace racesense::analysis {

// The known track whose start/finish point the trace passes closest to, within max(radius, 50 m).
std::optional<Track> match_track(const std::vector<GpsSample>& samples, const std::vector<Track>& tracks);

// A start/finish line placed where the trace first closes a loop (docs/protocol.md §4).
std::optional<StartLine> auto_start_line(const std::vector<GpsSample>& samples);

// Times (ms, same clock as the samples) of directed crossings, interpolated between samples.
std::vector<double> find_crossings(const std::vector<GpsSample>& samples, const StartLine& line);

// Applies the minimum lap time and turns crossings into laps (out-lap and in-lap not counted).
std::vector<Lap> laps_from_crossings(const std::vector<double>& crossings, double session_start_ms,
                                     std::int64_t min_lap_ms);

}  // namespace racesense::analysis
