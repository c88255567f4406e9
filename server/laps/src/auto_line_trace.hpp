// The automatic line's view of a session (auto_line.cpp): a node every 2 m of movement, where the car
// drives and where it stands, and one clean lap to take the line's candidate places from.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

#include "auto_line.hpp"

namespace racesense::analysis::autoline {
constexpr double kNodeSpacingM = 2;
constexpr double kMinLoopM = 200;       // shorter loops are not circuits
constexpr double kMaxLoopM = 20000;
constexpr double kReturnRadiusM = 8;    // "back at the same place" despite GPS jitter
constexpr double kSameWayCos = 0.82;    // within 35°
constexpr double kMaxSegmentM = 300;    // longer jumps (GPS glitches) are no part of the geometry
constexpr double kStandingM = 15;       // a car that stays this close to where it was
constexpr double kStopMs = 10000;       // this long or longer stands (GPS error wanders a few metres)
constexpr double kLapDrivenAtEnds = 0.5;  // laps driven before a lap's first pass (the out-lap), after its last

struct Node {
  Vec2 p;
  double d;  // metres moved since the first node
  double t;  // ms
};

inline Vec2 xy(const TracePoint& p) { return {p.x, p.y}; }

// d.norm() <= limit, decided by the squared length unless that lies within rounding of the limit
// (then by hypot() itself, which the squared length would not always match): the same answer
// without a hypot() call for nearly every segment.
inline bool norm_at_most(Vec2 d, double limit) {
  double squared = d.dot(d), limit_squared = limit * limit;
  if (squared < limit_squared * (1 - 1e-9)) return true;
  if (squared > limit_squared * (1 + 1e-9)) return false;
  return d.norm() <= limit;
}

inline Vec2 unit(Vec2 v) {
  double n = v.norm();
  return n > 0 ? v * (1 / n) : Vec2{1, 0};
}

std::vector<Node> make_nodes(const std::vector<TracePoint>& trace);

// Direction of travel at node i, over the nodes two either side (worked out when needed: a vector
// of them would add half again to the nodes' memory).
Vec2 heading(const std::vector<Node>& nodes, std::size_t i);

// The true median: of an even count, halfway between the middle two.
double median_of(std::vector<double> v);

// The session's driving apart from its standing (in the pit box before, after and between stints,
// where the GPS error alone lays a node every 2 m for as long as the car stands: minutes of it
// made the out-lap look like two laps, and the main straight was refused). The car stands where it
// stays within kStandingM for kStopMs or longer (a slow hairpin moves the car further); the pit
// lane's passes come just out of the pit box or just before it, a lap's pass has the out-lap
// driven before it and the in-lap after it.
class Driving {
 public:
  Driving(const std::vector<Node>& nodes, bool complete)
      : nodes_(nodes), moving_(nodes.size(), 1), driven_(nodes.size(), 0), complete_(complete) {
    std::size_t marked = 0;  // nodes before this are marked already
    for (std::size_t j = 0, later = 0; j < nodes.size(); ++j) {
      while (later < nodes.size() && nodes[later].t - nodes[j].t < kStopMs) ++later;
      if (later == nodes.size()) break;
      if (!norm_at_most(nodes[later].p - nodes[j].p, kStandingM)) continue;  // (the usual case: driving)
      std::size_t k = j;
      while (k + 1 < nodes.size() && norm_at_most(nodes[k + 1].p - nodes[j].p, kStandingM)) ++k;
      if (nodes[k].t - nodes[j].t < kStopMs) continue;
      for (marked = std::max(marked, j); marked <= k; ++marked) moving_[marked] = 0;
    }
    for (std::size_t i = 1; i < nodes.size(); ++i)
      driven_[i] = driven_[i - 1] + (moving_[i] ? static_cast<float>(nodes[i].d - nodes[i - 1].d) : 0.0f);
  }

  void set_lap(double metres, double ms) { lap_m_ = metres, lap_ms_ = ms; }
  double lap_m() const { return lap_m_; }
  double lap_ms() const { return lap_ms_; }
  bool moving(std::size_t node) const { return moving_[node] != 0; }
  // Metres driven by time t, and after it to the end of the session.
  double before(double t) const { return driven_[index(t)]; }
  double after(double t) const { return complete_ ? driven_.back() - driven_[index(t)] : 1e300; }
  // At least `metres` driven since the car last stood (or the session began), until it next stands.
  bool drove_since_standing(double t, double metres) const {
    std::size_t i = index(t), k = i;
    while (k > 0 && moving_[k] && driven_[i] - driven_[k] < metres) --k;
    return driven_[i] - driven_[k] >= metres;
  }
  bool drives_until_standing(double t, double metres) const {
    if (!complete_) return true;
    std::size_t i = index(t), k = i;
    while (k + 1 < nodes_.size() && moving_[k] && driven_[k] - driven_[i] < metres) ++k;
    return driven_[k] - driven_[i] >= metres;
  }
  // The pit lane's pass: too little driving since the pit box, or until it.
  bool near_a_stop(double t) const {
    return !drove_since_standing(t, kLapDrivenAtEnds * lap_m_) || !drives_until_standing(t, kLapDrivenAtEnds * lap_m_);
  }
  double standing_ms(double from_t, double to_t) const {
    double ms = 0;
    for (std::size_t i = index(from_t); i + 1 < nodes_.size() && nodes_[i].t < to_t; ++i)
      if (!moving_[i]) ms += nodes_[i + 1].t - nodes_[i].t;
    return ms;
  }

 private:
  std::size_t index(double t) const {  // the first node at or after t
    auto it = std::lower_bound(nodes_.begin(), nodes_.end(), t, [](const Node& n, double v) { return n.t < v; });
    return std::min(static_cast<std::size_t>(it - nodes_.begin()), nodes_.size() - 1);
  }

  const std::vector<Node>& nodes_;
  std::vector<char> moving_;
  std::vector<float> driven_;  // metres driven up to each node
  bool complete_;
  double lap_m_ = 0, lap_ms_ = 0;
};

struct Loop {
  std::size_t first = 0, last = 0;  // nodes of one clean lap
  double length = 0, ms = 0;
};

// The usual lap (the median of probes spread over the driving) nearest the middle of the session.
std::optional<Loop> reference_loop(const std::vector<Node>& nodes, const Driving& driving);

}  // namespace racesense::analysis::autoline
