#include "lap_finder.hpp"

#include <cmath>
#include <cstdio>

#include "auto_line.hpp"

namespace racesense::analysis {
namespace {
constexpr double kMatchDistanceM = 50;
constexpr double kCandidateDistanceM = 50000;  // tracks further than this from the first fix are not watched

Track automatic_track(const LatLon& at, double heading_deg, double half_width_m) {
  char id[64], name[96], location[64];
  std::snprintf(id, sizeof id, "auto-%.5f-%.5f", at.lat, at.lon);
  std::snprintf(name, sizeof name, "Circuit near %.4f,%.4f", at.lat, at.lon);
  std::snprintf(location, sizeof location, "%.4f,%.4f", at.lat, at.lon);
  Track t;
  t.id = id;
  t.name = name;
  t.location = location;
  t.start_line = StartLine{at.lat, at.lon, half_width_m, heading_deg};
  t.automatic = true;
  return t;
}
}  // namespace

CrossingFinder::CrossingFinder(Vec2 point, Vec2 along, double half_width)
    : point_(point), along_(along), across_{along.y, -along.x}, half_width_(half_width) {}

void CrossingFinder::record(Vec2 p, double t_ms, double s) {
  double f = -previous_s_ / (s - previous_s_);
  Vec2 hit = previous_ + (p - previous_) * f;
  if (std::fabs((hit - point_).dot(across_)) <= half_width_) crossings_.push_back(previous_t_ + f * (t_ms - previous_t_));
}

TrackWatch::TrackWatch(const Track& track)
    : track_(track),
      proj_({track.start_line.lat, track.start_line.lon}),
      finder_({0, 0}, heading_vector(track.start_line.heading_deg), track.start_line.radius_m) {}

bool TrackWatch::matches() const {
  return closest_m() <= std::max(track_.start_line.radius_m, kMatchDistanceM);
}

double TrackWatch::closest_m() const { return std::sqrt(closest_sq_); }

LapEngine::LapEngine(const std::vector<Track>& tracks, std::size_t trace_cap) : tracks_(tracks), trace_cap_(trace_cap) {}

void LapEngine::start(const GpsSample& first) {
  frame_.emplace(first.pos);
  for (const auto& t : tracks_) {
    if (frame_->to_xy({t.start_line.lat, t.start_line.lon}).norm() <= kCandidateDistanceM) watches_.emplace_back(t);
  }
}

void LapEngine::add(const GpsSample& s) {
  if (!frame_) start(s);
  for (auto& w : watches_) w.add(s);
  if (!collecting_ && !auto_finder_) return;
  Vec2 p = frame_->to_xy(s.pos);
  if (auto_finder_) {
    auto_finder_->add(p, s.t_ms);
    return;
  }
  trace_.push_back({static_cast<float>(p.x), static_cast<float>(p.y), s.t_ms});
  if (trace_.size() < trace_cap_) return;
  // The trace is as long as memory allows: decide now, from what has been seen.
  if (!matched()) place_automatic_line(false);
  collecting_ = false;
  std::vector<TracePoint>().swap(trace_);
}

const TrackWatch* LapEngine::matched() const {
  const TrackWatch* best = nullptr;
  for (const auto& w : watches_) {
    if (!w.matches()) continue;
    // An official line beats an automatic one at the same venue; then the nearest.
    if (!best || (best->track().automatic && !w.track().automatic) ||
        (best->track().automatic == w.track().automatic && w.closest_m() < best->closest_m()))
      best = &w;
  }
  return best;
}

void LapEngine::place_automatic_line(bool session_complete) {
  auto line = place_start_line(trace_, session_complete);
  if (!line) return;
  LatLon at = frame_->to_latlon(line->point);
  auto_track_ = automatic_track(at, heading_of(line->along), line->half_width);
  auto_finder_.emplace(line->point, line->along, line->half_width);
  for (const auto& p : trace_) auto_finder_->add({p.x, p.y}, p.t_ms);
}

LapEngine::Result LapEngine::finish() {
  Result r;
  if (const auto* w = matched()) {
    r.track = w->track();
    r.crossings = w->crossings();
    return r;
  }
  if (!auto_finder_ && collecting_) place_automatic_line(true);
  if (auto_finder_) {
    r.new_track = auto_track_;
    r.crossings = auto_finder_->crossings();
  }
  return r;
}

std::vector<Lap> laps_from_crossings(const std::vector<double>& crossings, double session_start_ms,
                                     std::int64_t min_lap_ms) {
  std::vector<double> kept;
  for (double c : crossings)
    if (kept.empty() || c - kept.back() >= static_cast<double>(min_lap_ms)) kept.push_back(c);
  std::vector<Lap> laps;
  for (std::size_t i = 1; i < kept.size(); ++i) {
    laps.push_back({static_cast<int>(i), std::llround(kept[i] - kept[i - 1]),
                    std::llround(kept[i - 1] - session_start_ms)});
  }
  return laps;
}

}  // namespace racesense::analysis
