#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
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

// Every cell of a grid of cell_m squares that the segment a-b runs through, in order (a grid walk:
// points sampled along it miss a cell whose corner it only clips, and the passes there with it).
template <class Visit>
void for_each_cell_on(Vec2 a, Vec2 b, double cell_m, Visit visit) {
  auto cell = [cell_m](double v) { return static_cast<std::int64_t>(std::floor(v / cell_m)); };
  std::int64_t cx = cell(a.x), cy = cell(a.y);
  const std::int64_t ex = cell(b.x), ey = cell(b.y);
  Vec2 d = b - a;
  int sx = d.x > 0 ? 1 : -1, sy = d.y > 0 ? 1 : -1;
  auto first_edge = [cell_m](double from, double delta, std::int64_t c, int step) {
    return delta == 0 ? 1e300 : (static_cast<double>(c + (step > 0 ? 1 : 0)) * cell_m - from) / delta;
  };
  double tx = first_edge(a.x, d.x, cx, sx), ty = first_edge(a.y, d.y, cy, sy);
  double dtx = d.x != 0 ? cell_m / std::fabs(d.x) : 1e300, dty = d.y != 0 ? cell_m / std::fabs(d.y) : 1e300;
  visit(cx, cy);
  for (std::int64_t left = std::llabs(ex - cx) + std::llabs(ey - cy); left > 0; --left) {
    if (tx < ty) tx += dtx, cx += sx;
    else ty += dty, cy += sy;
    visit(cx, cy);
  }
}

}  // namespace racesense::analysis
