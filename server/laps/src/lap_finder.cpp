#include "lap_finder.hpp"

#include <cmath>
#include <unordered_map>

namespace racesense::analysis {
namespace {
constexpr double kMatchDistanceM = 50;
constexpr double kLoopRadiusM = 30;
constexpr double kLoopMinTravelM = 300;
constexpr double kAutoHalfWidthM = 20;
constexpr double kMinMovingSpeed = 5;  // m/s: the loop closure is looked for while driving
constexpr double kCellM = 30;

double distance_to_trace(const std::vector<GpsSample>& samples, LatLon point) {
  LocalProjection proj(point);
  double best = 1e18;
  for (const auto& s : samples) best = std::min(best, proj.to_xy(s.pos).norm());
  return best;
}

struct GridKey {
  long x, y;
  bool operator==(const GridKey& o) const { return x == o.x && y == o.y; }
};
struct GridHash {
  std::size_t operator()(const GridKey& k) const { return std::hash<long>()(k.x * 73856093L ^ k.y * 19349663L); }
};
}  // namespace

std::optional<Track> match_track(const std::vector<GpsSample>& samples, const std::vector<Track>& tracks) {
  std::optional<Track> best;
  double best_distance = 1e18;
  for (const auto& t : tracks) {
    double d = distance_to_trace(samples, {t.start_line.lat, t.start_line.lon});
    if (d <= std::max(t.start_line.radius_m, kMatchDistanceM) && d < best_distance) {
      best_distance = d;
      best = t;
    }
  }
  return best;
}

std::optional<StartLine> auto_start_line(const std::vector<GpsSample>& samples) {
  if (samples.size() < 3) return std::nullopt;
  LocalProjection proj(samples.front().pos);
  std::unordered_map<GridKey, std::vector<std::size_t>, GridHash> grid;
  std::vector<Vec2> xy;
  std::vector<double> travelled;
  xy.reserve(samples.size());
  travelled.reserve(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    xy.push_back(proj.to_xy(samples[i].pos));
    travelled.push_back(i == 0 ? 0 : travelled[i - 1] + (xy[i] - xy[i - 1]).norm());
    if (i + 1 >= samples.size()) break;
    double dt = (samples[i + 1].t_ms - samples[i].t_ms) / 1000;
    Vec2 next = proj.to_xy(samples[i + 1].pos);
    if (dt <= 0 || (next - xy[i]).norm() / dt < kMinMovingSpeed) continue;
    GridKey key{std::lround(std::floor(xy[i].x / kCellM)), std::lround(std::floor(xy[i].y / kCellM))};
    for (long dx = -1; dx <= 1; ++dx) {
      for (long dy = -1; dy <= 1; ++dy) {
        auto it = grid.find({key.x + dx, key.y + dy});
        if (it == grid.end()) continue;
        for (std::size_t j : it->second) {
          if (travelled[i] - travelled[j] < kLoopMinTravelM || (xy[i] - xy[j]).norm() > kLoopRadiusM) continue;
          Vec2 a = proj.to_xy(samples[j].pos), b = proj.to_xy(samples[j + 1].pos);
          LatLon mid = proj.to_latlon((a + b) * 0.5);
          return StartLine{mid.lat, mid.lon, kAutoHalfWidthM, heading_of(b - a)};
        }
      }
    }
    grid[key].push_back(i);
  }
  return std::nullopt;
}

std::vector<double> find_crossings(const std::vector<GpsSample>& samples, const StartLine& line) {
  std::vector<double> out;
  LocalProjection proj({line.lat, line.lon});
  Vec2 along = heading_vector(line.heading_deg);
  Vec2 across{along.y, -along.x};
  for (std::size_t i = 1; i < samples.size(); ++i) {
    Vec2 p = proj.to_xy(samples[i - 1].pos), q = proj.to_xy(samples[i].pos);
    double sp = p.dot(along), sq = q.dot(along);
    if (!(sp < 0 && sq >= 0)) continue;  // only crossings in the direction of travel
    double f = -sp / (sq - sp);
    Vec2 hit = p + (q - p) * f;
    if (std::fabs(hit.dot(across)) > line.radius_m) continue;
    out.push_back(samples[i - 1].t_ms + f * (samples[i].t_ms - samples[i - 1].t_ms));
  }
  return out;
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
