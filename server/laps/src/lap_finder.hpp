#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "racesense/analysis/analysis.hpp"
#include "session_reader.hpp"

namespace racesense::analysis {

// Each of these sees the GPS fixes one at a time, so a session of any length is analysed in
// constant memory (docs/protocol.md §4).

// The known track whose start/finish point the trace passes closest to, within max(radius, 50 m).
class TrackMatcher {
 public:
  explicit TrackMatcher(const std::vector<Track>& tracks);
  void add(const GpsSample& s);
  std::optional<Track> best() const;

 private:
  const std::vector<Track>& tracks_;
  std::vector<double> closest_m_;
};

// A start/finish line placed where the trace first closes a loop.
class LoopCloser {
 public:
  void add(const GpsSample& s);
  const std::optional<StartLine>& line() const { return line_; }

 private:
  struct Point {
    Vec2 xy;
    double travelled;
  };
  void look_for_closure(const Vec2& here, double travelled);

  std::optional<LocalProjection> proj_;
  std::vector<Point> points_;  // moving samples seen so far, until the loop closes
  std::unordered_map<long long, std::vector<std::size_t>> grid_;  // 30 m cells → points_
  std::optional<GpsSample> previous_;
  double travelled_ = 0;
  std::optional<StartLine> line_;
};

// Times (ms, the samples' clock) of crossings in the direction of travel, interpolated.
class CrossingFinder {
 public:
  explicit CrossingFinder(const StartLine& line);
  void add(const GpsSample& s);
  const std::vector<double>& crossings() const { return crossings_; }

 private:
  StartLine line_;
  LocalProjection proj_;
  Vec2 along_, across_;
  std::optional<GpsSample> previous_;
  std::vector<double> crossings_;
};

// Applies the minimum lap time and turns crossings into laps (out-lap and in-lap not counted).
std::vector<Lap> laps_from_crossings(const std::vector<double>& crossings, double session_start_ms,
                                     std::int64_t min_lap_ms);

}  // namespace racesense::analysis
