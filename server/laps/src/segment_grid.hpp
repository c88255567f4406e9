// Every pass of a session's trace across a probe line, found through a grid of its segments
// (auto_line.cpp judges each candidate place by them).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "auto_line_trace.hpp"

namespace racesense::analysis::autoline {
constexpr double kProbeM = 25;          // how far across the track passes are collected
constexpr double kCellM = 10;
constexpr double kMaxShapeGapMs = 2000; // segments across longer dropouts are not used to judge a place
constexpr double kDirectionBaseM = 4;   // a pass's direction is taken over at least this much movement,
constexpr double kStandingMs = 2000;    // and a car that needs longer either side for it is standing
constexpr double kSamePassMs = 1000;    // crossings this close in time and place are one pass (jitter)
constexpr double kSamePassM = 3;

struct Pass {
  double t, lateral, cos;
  bool forward, reliable;
};

// Trace segments by the grid cells their bounding boxes touch.
class SegmentGrid {
 public:
  explicit SegmentGrid(const std::vector<TracePoint>& trace) : trace_(trace), stamp_(trace.size(), 0) {
    for (std::size_t i = 0; i + 1 < trace.size(); ++i) {
      Vec2 a = xy(trace[i]), b = xy(trace[i + 1]);
      if (!norm_at_most(b - a, kMaxSegmentM)) continue;
      for (auto cx = cell(std::min(a.x, b.x)); cx <= cell(std::max(a.x, b.x)); ++cx)
        for (auto cy = cell(std::min(a.y, b.y)); cy <= cell(std::max(a.y, b.y)); ++cy)
          cells_[cell_key(cx, cy)].push_back(static_cast<std::uint32_t>(i));
    }
  }

  // Every pass of the trace across the probe through p, perpendicular to h, within kProbeM.
  std::vector<Pass> passes(Vec2 p, Vec2 h) {
    ++round_;
    Vec2 n{h.y, -h.x};
    std::vector<Pass> out;
    for_each_cell_on(p - n * kProbeM, p + n * kProbeM, kCellM, [&](std::int64_t cx, std::int64_t cy) {
      std::uint64_t key = cell_key(cx, cy);
      auto it = cells_.find(key);
      if (it == cells_.end()) return;
      for (std::uint32_t i : it->second) {
        if (stamp_[i] == round_) continue;
        stamp_[i] = round_;
        if (auto pass = cross(i, p, h, n)) out.push_back(*pass);
      }
    });
    return without_jitter(std::move(out));
  }

 private:
  static std::int64_t cell(double v) { return static_cast<std::int64_t>(std::floor(v / kCellM)); }

  std::optional<Pass> cross(std::size_t i, Vec2 p, Vec2 h, Vec2 n) const {
    Vec2 a = xy(trace_[i]), b = xy(trace_[i + 1]);
    double sa = (a - p).dot(h), sb = (b - p).dot(h);
    if ((sa < 0) == (sb < 0)) return std::nullopt;
    double f = sa / (sa - sb);
    Vec2 hit = a + (b - a) * f;
    double lateral = (hit - p).dot(n);
    if (std::fabs(lateral) > kProbeM) return std::nullopt;
    double dt = trace_[i + 1].t_ms - trace_[i].t_ms, t = trace_[i].t_ms + f * dt;
    auto direction = travel_direction(i);
    if (!direction) return Pass{t, lateral, 0, false, dt <= kMaxShapeGapMs};  // standing: only in the way
    return Pass{t, lateral, direction->dot(h), sb > sa, dt <= kMaxShapeGapMs};
  }

  // Direction of travel across segment i, over fixes either side until the car has moved
  // kDirectionBaseM: one step of a slow car at 25 Hz is shorter than the GPS jitter, and its own
  // direction points anywhere. None where the car stands (jitter in the pit box crosses a probe
  // back and forth: no pass of any way, but the line must not reach it); a dropout ends the search
  // on its side.
  std::optional<Vec2> travel_direction(std::size_t i) const {
    std::size_t a = i, b = i + 1;
    auto moved = [&] { return !norm_at_most(xy(trace_[b]) - xy(trace_[a]), kDirectionBaseM); };
    auto joined = [&](std::size_t k) { return trace_[k + 1].t_ms - trace_[k].t_ms <= kMaxShapeGapMs; };
    while (!moved()) {
      bool back = a > 0 && joined(a - 1) && trace_[i].t_ms - trace_[a - 1].t_ms <= kStandingMs;
      bool ahead = b + 1 < trace_.size() && joined(b) && trace_[b + 1].t_ms - trace_[i + 1].t_ms <= kStandingMs;
      if (!back && !ahead) return std::nullopt;
      if (back) --a;
      if (ahead) ++b;
    }
    return unit(xy(trace_[b]) - xy(trace_[a]));
  }

  // Jitter crossing a probe back and forth within a moment, in one place, is one pass: the first.
  static std::vector<Pass> without_jitter(std::vector<Pass> passes) {
    std::sort(passes.begin(), passes.end(), [](const Pass& x, const Pass& y) { return x.t < y.t; });
    std::vector<Pass> kept;
    for (const auto& p : passes) {
      bool repeat = false;
      for (auto k = kept.rbegin(); k != kept.rend() && p.t - k->t < kSamePassMs; ++k)
        if (std::fabs(p.lateral - k->lateral) < kSamePassM) repeat = true;
      if (!repeat) kept.push_back(p);
    }
    return kept;
  }

  const std::vector<TracePoint>& trace_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t round_ = 0;
};

}  // namespace racesense::analysis::autoline
