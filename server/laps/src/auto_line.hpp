#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "geometry.hpp"
#include "lap_finder.hpp"

namespace racesense::analysis {

// A start/finish line placed on a session's own trace (docs/protocol.md §4, automatic line).
struct PlacedLine {
  Vec2 point;   // on the racing line, in the trace's frame
  Vec2 along;   // unit vector of the direction of travel
  double half_width = 0;
};

// Finds where a racer would put the line: on the racing line at a place passed exactly once per
// lap, with no other section (pit lane, a neighbouring part of the circuit, a crossing) within its
// half-width, preferring the part of the main straight the out-lap and in-lap skip through the pit
// lane, then a fast straight. session_complete: the trace runs to the end of the session.
std::optional<PlacedLine> place_start_line(const std::vector<TracePoint>& trace, bool session_complete);

// The usual distance (m) after which the trace is back at the same place going the same way: one
// lap (step 1 of the automatic line).
std::optional<double> usual_lap_length(const std::vector<TracePoint>& trace);

// Key of a grid cell (signed cell coordinates, packed without shifting a negative value).
inline std::uint64_t cell_key(std::int64_t cx, std::int64_t cy) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(cx)) << 32) | static_cast<std::uint32_t>(cy);
}

}  // namespace racesense::analysis
