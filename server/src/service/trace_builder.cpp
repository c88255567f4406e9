#include "service/trace_builder.hpp"

#include <algorithm>
#include <cmath>

#include "racesense/analysis/samples.hpp"

namespace racesense::service {
namespace {
constexpr double kMetresPerDegLat = 111320.0;
constexpr double kPi = 3.14159265358979323846;
constexpr double kKeepEveryMs = 2000;
constexpr double kSpeedWindowMs = 500;

double metres_between(double lat1, double lon1, double lat2, double lon2) {
  double x = (lon2 - lon1) * kMetresPerDegLat * std::cos((lat1 + lat2) / 2 * kPi / 180);
  double y = (lat2 - lat1) * kMetresPerDegLat;
  return std::hypot(x, y);
}

// Speed at each point over the samples within ±0.5 s (at least the neighbours), so GPS jitter of a
// metre does not read as 36 km/h.
void derive_speeds(std::vector<TracePoint>& p) {
  std::size_t lo = 0, hi = 0, n = p.size();
  for (std::size_t i = 0; i < n; ++i) {
    while (p[i].t_ms - p[lo].t_ms > kSpeedWindowMs) ++lo;
    while (hi + 1 < n && p[hi + 1].t_ms - p[i].t_ms <= kSpeedWindowMs) ++hi;
    std::size_t a = std::min(lo, i > 0 ? i - 1 : 0), b = std::max(hi, std::min(i + 1, n - 1));
    double dt = p[b].t_ms - p[a].t_ms;
    p[i].speed_kmh = dt > 0 ? (p[b].d_m - p[a].d_m) / dt * 3600 : 0;
  }
}

TracePoint lerp(const TracePoint& a, const TracePoint& b, double t_ms) {
  double f = b.t_ms > a.t_ms ? (t_ms - a.t_ms) / (b.t_ms - a.t_ms) : 0;
  auto mix = [f](double x, double y) { return x + (y - x) * f; };
  return {t_ms, mix(a.d_m, b.d_m), mix(a.lat, b.lat), mix(a.lon, b.lon), mix(a.speed_kmh, b.speed_kmh), true};
}

// Boundary times in order: each lap's start and end (consecutive laps share one).
std::vector<double> boundary_times(const std::vector<LapSpan>& laps) {
  std::vector<double> out;
  for (const auto& lap : laps) {
    out.push_back(static_cast<double>(lap.start_ms));
    out.push_back(static_cast<double>(lap.start_ms + lap.time_ms));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Every fix with a point at each boundary time; marks which points are boundaries.
std::vector<TracePoint> with_boundaries(const std::vector<TracePoint>& fixes, const std::vector<double>& times,
                                        std::vector<bool>& is_boundary) {
  std::vector<TracePoint> out;
  out.reserve(fixes.size() + times.size());
  std::size_t b = 0;
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    for (; b < times.size() && times[b] <= fixes[i].t_ms; ++b) {
      if (times[b] == fixes[i].t_ms || i == 0) continue;  // on a fix, or before the trace: the fix serves
      out.push_back(lerp(fixes[i - 1], fixes[i], times[b]));
      is_boundary.push_back(true);
    }
    out.push_back(fixes[i]);
    is_boundary.push_back(std::binary_search(times.begin(), times.end(), fixes[i].t_ms));
  }
  return out;
}

std::size_t index_at(const std::vector<TracePoint>& p, double t_ms) {
  auto it = std::lower_bound(p.begin(), p.end(), t_ms, [](const TracePoint& a, double t) { return a.t_ms < t; });
  return it == p.end() ? p.size() - 1 : static_cast<std::size_t>(it - p.begin());
}
}  // namespace

FullTrace read_full_trace(std::istream& in) {
  FullTrace trace;
  auto info = analysis::read_fixes(in, [&](const analysis::Fix& f) {
    TracePoint p{f.t_ms, 0, f.lat, f.lon, 0, false};
    if (!trace.points.empty()) {
      const auto& prev = trace.points.back();
      p.d_m = prev.d_m + metres_between(prev.lat, prev.lon, f.lat, f.lon);
    }
    trace.points.push_back(p);
  });
  trace.error = info.error;
  trace.epoch_ms_at_first = info.epoch_ms_at_first;
  for (auto& p : trace.points) p.t_ms -= info.first_t_ms;
  derive_speeds(trace.points);
  for (const auto& p : trace.points) trace.top_speed_kmh = std::max(trace.top_speed_kmh, p.speed_kmh);
  return trace;
}

SlicedTrace slice_trace(const FullTrace& full, const std::vector<LapSpan>& laps, const TraceRequest& req) {
  SlicedTrace out;
  if (full.points.empty()) return out;
  std::vector<bool> is_boundary;
  auto all = with_boundaries(full.points, boundary_times(laps), is_boundary);
  for (std::size_t i = 0; i < all.size(); ++i) {
    bool keep = i == 0 || i + 1 == all.size() || is_boundary[i] || req.step_m <= 0;
    if (!keep) {
      const auto& last = out.points.back();
      keep = all[i].d_m - last.d_m >= req.step_m || all[i].t_ms - last.t_ms >= kKeepEveryMs;
    }
    if (keep) out.points.push_back(all[i]);
  }
  if (laps.empty()) {
    out.segments.push_back({0, "out", 0, out.points.size() - 1, std::nullopt, std::nullopt});
    return out;
  }
  auto first = index_at(out.points, static_cast<double>(laps.front().start_ms));
  out.segments.push_back({0, "out", 0, first, std::nullopt, std::nullopt});
  for (const auto& lap : laps) {
    out.segments.push_back({lap.lap, "lap", index_at(out.points, static_cast<double>(lap.start_ms)),
                            index_at(out.points, static_cast<double>(lap.start_ms + lap.time_ms)), lap.start_ms,
                            lap.time_ms});
  }
  out.segments.push_back({laps.back().lap + 1, "in", out.segments.back().i1, out.points.size() - 1, std::nullopt,
                          std::nullopt});
  return out;
}

nlohmann::json sliced_trace_json(const SlicedTrace& trace) {
  std::vector<std::int64_t> t, d, lat, lon, v;
  std::vector<std::size_t> interpolated;
  for (std::size_t i = 0; i < trace.points.size(); ++i) {
    const auto& p = trace.points[i];
    t.push_back(std::llround(p.t_ms));
    d.push_back(std::llround(p.d_m * 10));
    lat.push_back(std::llround(p.lat * 1e7));
    lon.push_back(std::llround(p.lon * 1e7));
    v.push_back(std::llround(p.speed_kmh * 10));
    if (p.interpolated) interpolated.push_back(i);
  }
  nlohmann::json laps = nlohmann::json::array();
  for (const auto& s : trace.segments) {
    nlohmann::json j = {{"lap", s.lap}, {"kind", s.kind}, {"i0", s.i0}, {"i1", s.i1}};
    if (s.time_ms) j["time_ms"] = *s.time_ms;
    if (s.start_ms) j["start_ms"] = *s.start_ms;
    laps.push_back(j);
  }
  return {{"count", trace.points.size()}, {"t", t}, {"d", d}, {"lat", lat}, {"lon", lon}, {"v", v},
          {"interpolated", interpolated}, {"laps", laps}};
}

}  // namespace racesense::service
