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
  void add(double t_ms, double lat, double lon) {
    Vec2 p = proj_.to_xy(lat, lon);
    closest_sq_ = std::min(closest_sq_, p.dot(p));
    finder_.add(p, t_ms);
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

struct PlacedLine;  // auto_line.hpp

// The whole lap analysis of one session: known tracks are watched from the first fix; the trace is
// kept for an automatic line, in bounded memory. When it fills up (1.8 h at 10 Hz), a line is
// placed on what it holds and its laps are timed exactly from then on, while the trace goes on
// covering the whole session thinned by distance (a kept fix at least `spacing` metres from the
// one before; the spacing doubles whenever the room runs out). At the end the line is placed again
// on the whole session, ends included; where it lands elsewhere, its laps are timed on the thinned
// trace (unless that is too coarse for it: sessions of many hours keep the early line).
class LapEngine {
 public:
  static constexpr std::size_t kTraceCap = 1 << 16;  // 1 MB of fixes

  explicit LapEngine(const std::vector<Track>& tracks, std::size_t trace_cap = kTraceCap);
  // The fix's parts go on in registers: a position loaded whole from memory the parser has just
  // written field by field stalls (the store cannot be forwarded to the wider load).
  void add(const GpsSample& s) { add(s.t_ms, s.pos.lat, s.pos.lon); }
  void add(double t_ms, double lat, double lon);

  struct Result {
    std::optional<Track> track;      // a known track that matched
    std::optional<Track> new_track;  // or a line placed on this session
    std::vector<double> crossings;
  };
  Result finish();

 private:
  void start(LatLon first);
  const TrackWatch* matched() const;
  void keep(TracePoint p);
  void full();
  void thin();
  void place_automatic_line(bool session_complete);
  void use_line(const PlacedLine& line);
  void place_again_on_the_whole_session();

  const std::vector<Track>& tracks_;
  std::size_t trace_cap_;
  std::optional<LocalProjection> frame_;
  std::vector<TrackWatch> watches_;
  std::vector<TracePoint> trace_;
  double spacing_ = 0;  // metres between kept fixes; 0 while every fix is kept
  bool collecting_ = true;
  std::optional<Track> auto_track_;
  std::optional<CrossingFinder> auto_finder_;
  Vec2 line_point_, line_along_;  // of the automatic line placed
};

// Applies the minimum lap time and turns crossings into laps (out-lap and in-lap not counted).
std::vector<Lap> laps_from_crossings(const std::vector<double>& crossings, double session_start_ms,
                                     std::int64_t min_lap_ms);

}  // namespace racesense::analysis
