#include "lap_finder.hpp"

#include <cmath>

namespace racesense::analysis {
namespace {
constexpr double kMatchDistanceM = 50;
constexpr double kLoopRadiusM = 30;
constexpr double kLoopMinTravelM = 300;
constexpr double kAutoHalfWidthM = 20;
constexpr double kMinMovingSpeed = 5;             // m/s: the loop closure is looked for while driving
constexpr double kCellM = 30;
constexpr std::size_t kMaxLoopPoints = 200000;    // give up on a trace that never closes a loop

long long cell_key(long x, long y) { return (static_cast<long long>(x) << 32) ^ static_cast<unsigned long>(y); }
long cell(double v) { return std::lround(std::floor(v / kCellM)); }
}  // namespace

TrackMatcher::TrackMatcher(const std::vector<Track>& tracks) : tracks_(tracks), closest_m_(tracks.size(), 1e18) {}

void TrackMatcher::add(const GpsSample& s) {
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    LocalProjection proj({tracks_[i].start_line.lat, tracks_[i].start_line.lon});
    closest_m_[i] = std::min(closest_m_[i], proj.to_xy(s.pos).norm());
  }
}

std::optional<Track> TrackMatcher::best() const {
  std::optional<Track> best;
  double best_distance = 1e18;
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    double limit = std::max(tracks_[i].start_line.radius_m, kMatchDistanceM);
    if (closest_m_[i] <= limit && closest_m_[i] < best_distance) {
      best_distance = closest_m_[i];
      best = tracks_[i];
    }
  }
  return best;
}

void LoopCloser::add(const GpsSample& s) {
  if (line_ || points_.size() >= kMaxLoopPoints) return;
  if (!proj_) proj_.emplace(s.pos);
  Vec2 here = proj_->to_xy(s.pos);
  if (previous_) {
    Vec2 before = proj_->to_xy(previous_->pos);
    double step = (here - before).norm();
    double dt = (s.t_ms - previous_->t_ms) / 1000;
    travelled_ += step;
    if (dt > 0 && step / dt >= kMinMovingSpeed) {
      look_for_closure(here, travelled_);
      if (line_) return;
      points_.push_back({before, travelled_ - step});
      grid_[cell_key(cell(before.x), cell(before.y))].push_back(points_.size() - 1);
    }
  }
  previous_ = s;
}

void LoopCloser::look_for_closure(const Vec2& here, double travelled) {
  for (long dx = -1; dx <= 1; ++dx) {
    for (long dy = -1; dy <= 1; ++dy) {
      auto it = grid_.find(cell_key(cell(here.x) + dx, cell(here.y) + dy));
      if (it == grid_.end()) continue;
      for (std::size_t j : it->second) {
        const Point& p = points_[j];
        if (travelled - p.travelled < kLoopMinTravelM || (here - p.xy).norm() > kLoopRadiusM) continue;
        // The line goes where the loop began, across the direction the car took there.
        Vec2 next = j + 1 < points_.size() ? points_[j + 1].xy : here;
        LatLon mid = proj_->to_latlon((p.xy + next) * 0.5);
        line_ = StartLine{mid.lat, mid.lon, kAutoHalfWidthM, heading_of(next - p.xy)};
        points_.clear();
        grid_.clear();
        return;
      }
    }
  }
}

CrossingFinder::CrossingFinder(const StartLine& line)
    : line_(line), proj_({line.lat, line.lon}), along_(heading_vector(line.heading_deg)), across_{along_.y, -along_.x} {}

void CrossingFinder::add(const GpsSample& s) {
  if (previous_) {
    Vec2 p = proj_.to_xy(previous_->pos), q = proj_.to_xy(s.pos);
    double sp = p.dot(along_), sq = q.dot(along_);
    if (sp < 0 && sq >= 0) {  // only crossings in the direction of travel
      double f = -sp / (sq - sp);
      Vec2 hit = p + (q - p) * f;
      if (std::fabs(hit.dot(across_)) <= line_.radius_m)
        crossings_.push_back(previous_->t_ms + f * (s.t_ms - previous_->t_ms));
    }
  }
  previous_ = s;
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
