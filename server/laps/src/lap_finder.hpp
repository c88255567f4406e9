#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "geometry.hpp"
#include "racesense/analysis/analysis.hpp"
#include "session_reader.hpp"

namespace racesense::analysis {

// Each of these sees the GPS fixes one at a time, so a session of any length is analysed in one
// pass and bounded memory (docs/protocol.md §4).

struct TracePoint {
  float x, y;  // metres east/north of the session's first fix
  double t_ms;
};

// Times (ms, the samples' clock) of crossings of a line in its direction of travel, interpolated.
class CrossingFinder {
 public:
  CrossingFinder(Vec2 point, Vec2 along, double half_width);
  void add(Vec2 p, double t_ms) {
    double s = (p - point_).dot(along_);
    if (has_previous_ && previous_s_ < 0 && s >= 0) record(p, t_ms, s);
    previous_ = p;
    previous_s_ = s;
    previous_t_ = t_ms;
    has_previous_ = true;
  }
  const std::vector<double>& crossings() const { return crossings_; }

 private:
  void record(Vec2 p, double t_ms, double s);

  Vec2 point_, along_, across_;
  double half_width_;
  bool has_previous_ = false;
  Vec2 previous_;
  double previous_s_ = 0, previous_t_ = 0;
  std::vector<double> crossings_;
};

// Follows a known track during the session: how close the trace comes to its line, and its crossings.
class TrackWatch {
 public:
  explicit TrackWatch(const Track& track);
  void add(const GpsSample& s) {
    Vec2 p = proj_.to_xy(s.pos);
    closest_sq_ = std::min(closest_sq_, p.dot(p));
    finder_.add(p, s.t_ms);
  }
  const Track& track() const { return track_; }
  bool matches() const;
  double closest_m() const;
  const std::vector<double>& crossings() const { return finder_.crossings(); }

 private:
  Track track_;
  LocalProjection proj_;
  CrossingFinder finder_;
  double closest_sq_ = 1e300;
};

// The whole lap analysis of one session: known tracks are watched from the first fix; the trace is
// kept (up to a bounded number of fixes) until it is clear whether an automatic line is needed.
class LapEngine {
 public:
  static constexpr std::size_t kTraceCap = 1 << 16;  // 1 MB of fixes: 1.8 h at 10 Hz, 44 min at 25 Hz

  explicit LapEngine(const std::vector<Track>& tracks, std::size_t trace_cap = kTraceCap);
  void add(const GpsSample& s);

  struct Result {
    std::optional<Track> track;      // a known track that matched
    std::optional<Track> new_track;  // or a line placed on this session
    std::vector<double> crossings;
  };
  Result finish();

 private:
  void start(const GpsSample& first);
  const TrackWatch* matched() const;
  void place_automatic_line(bool session_complete);

  const std::vector<Track>& tracks_;
  std::size_t trace_cap_;
  std::optional<LocalProjection> frame_;
  std::vector<TrackWatch> watches_;
  std::vector<TracePoint> trace_;
  bool collecting_ = true;
  std::optional<Track> auto_track_;
  std::optional<CrossingFinder> auto_finder_;
};

// Applies the minimum lap time and turns crossings into laps (out-lap and in-lap not counted).
std::vector<Lap> laps_from_crossings(const std::vector<double>& crossings, double session_start_ms,
                                     std::int64_t min_lap_ms);

}  // namespace racesense::analysis
