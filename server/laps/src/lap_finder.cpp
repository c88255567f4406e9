#include "lap_finder.hpp"

#include <cmath>
#include <cstdio>

#include "auto_line.hpp"

namespace racesense::analysis {
namespace {
constexpr double kMatchDistanceM = 50;
constexpr double kCandidateDistanceM = 50000;  // tracks further than this from the first fix are not watched
constexpr double kFirstSpacingM = 1;   // thinning the trace starts here and doubles
constexpr double kMaxTimingSpacingM = 16;  // beyond this the thinned trace no longer places or times a line
constexpr double kSamePlaceM = 5;      // two automatic lines this close, within 30°, are one
constexpr double kSameWayCos = 0.866;

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

void LapEngine::start(LatLon first) {
  frame_.emplace(first);
  trace_.reserve(trace_cap_);  // no copies while it grows; pages never written cost no memory
  for (const auto& t : tracks_) {
    if (frame_->to_xy({t.start_line.lat, t.start_line.lon}).norm() <= kCandidateDistanceM) watches_.emplace_back(t);
  }
}

inline void LapEngine::keep(TracePoint p) {
  if (spacing_ > 0) {
    double dx = p.x - trace_.back().x, dy = p.y - trace_.back().y;
    if (dx * dx + dy * dy < spacing_ * spacing_) return;
  }
  trace_.push_back(p);
  if (trace_.size() >= trace_cap_) full();
}

void LapEngine::add(double t_ms, double lat, double lon) {
  if (!frame_) start({lat, lon});
  for (auto& w : watches_) w.add(t_ms, lat, lon);
  if (!collecting_) return;
  Vec2 p = frame_->to_xy(lat, lon);
  if (auto_finder_) auto_finder_->add(p, t_ms);
  keep({static_cast<float>(p.x), static_cast<float>(p.y), t_ms});
}

void LapEngine::full() {
  if (spacing_ == 0) {  // the first time: decide from what has been seen
    if (matched()) {    // a known track's line: nothing more to collect
      collecting_ = false;
      std::vector<TracePoint>().swap(trace_);
      return;
    }
    place_automatic_line(false);
  }
  thin();
}

void LapEngine::thin() {
  do {
    spacing_ = spacing_ > 0 ? 2 * spacing_ : kFirstSpacingM;
    std::size_t kept = 1;
    for (std::size_t i = 1; i < trace_.size(); ++i) {
      double dx = trace_[i].x - trace_[kept - 1].x, dy = trace_[i].y - trace_[kept - 1].y;
      if (dx * dx + dy * dy >= spacing_ * spacing_) trace_[kept++] = trace_[i];
    }
    trace_.resize(kept);
  } while (trace_.size() > trace_cap_ / 2);
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
  if (auto line = place_start_line(trace_, session_complete)) use_line(*line);
}

void LapEngine::use_line(const PlacedLine& line) {
  LatLon at = frame_->to_latlon(line.point);
  auto_track_ = automatic_track(at, heading_of(line.along), line.half_width);
  auto_finder_.emplace(line.point, line.along, line.half_width);
  line_point_ = line.point;
  line_along_ = line.along;
  for (const auto& p : trace_) auto_finder_->add({p.x, p.y}, p.t_ms);
}

// Only for a session longer than the trace: the line placed early keeps its exact laps unless the
// whole session, in-lap included, puts the line elsewhere.
void LapEngine::place_again_on_the_whole_session() {
  if (spacing_ > kMaxTimingSpacingM) return;
  auto line = place_start_line(trace_, true);
  if (!line) return;
  bool same_place = (line->point - line_point_).norm() <= std::max(auto_track_->start_line.radius_m, kSamePlaceM) &&
                    line->along.dot(line_along_) >= kSameWayCos;
  if (!same_place) use_line(*line);
}

LapEngine::Result LapEngine::finish() {
  Result r;
  if (const auto* w = matched()) {
    r.track = w->track();
    r.crossings = w->crossings();
    return r;
  }
  if (collecting_ && !auto_finder_) place_automatic_line(true);
  else if (collecting_ && spacing_ > 0) place_again_on_the_whole_session();
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
