#include "auto_line_trace.hpp"

namespace racesense::analysis::autoline {
namespace {
// Distance from node a until the trace is next back at the same place going the same way: the
// first step between two nodes that passes within kReturnRadiusM of it (a node itself rarely does
// where the fixes are far apart: 60 m at 1 Hz on a fast circuit, where that made "the lap" two or
// more laps long), measured to the step's point nearest to it.
std::optional<double> loop_from(const std::vector<Node>& nodes, const Driving& driving, std::size_t a) {
  for (std::size_t b = a + 2; b < nodes.size(); ++b) {
    if (!driving.moving(b)) return std::nullopt;  // a pit stop is no part of a lap
    const Node &from = nodes[b - 1], &to = nodes[b];
    if (from.d - nodes[a].d > kMaxLoopM) return std::nullopt;
    if (to.d - nodes[a].d < kMinLoopM || to.d == from.d) continue;  // (equal: a jump, no step driven)
    Vec2 step = to.p - from.p;
    double f = std::clamp((nodes[a].p - from.p).dot(step) / step.dot(step), 0.0, 1.0);
    if (norm_at_most(nodes[a].p - (from.p + step * f), kReturnRadiusM) &&
        heading(nodes, b).dot(heading(nodes, a)) >= kSameWayCos)
      return from.d + f * (to.d - from.d) - nodes[a].d;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Node> make_nodes(const std::vector<TracePoint>& trace) {
  std::vector<Node> nodes;
  nodes.reserve(trace.size());  // at most one per fix; pages never written cost no memory
  for (const auto& tp : trace) {
    Vec2 p = xy(tp);
    if (nodes.empty()) {
      nodes.push_back({p, 0, tp.t_ms});
      continue;
    }
    Vec2 d = p - nodes.back().p;
    if (d.dot(d) < kNodeSpacingM * kNodeSpacingM) continue;
    double step = std::sqrt(d.dot(d));
    if (step > kMaxSegmentM) {  // a jump: start counting afresh from here, without the distance
      nodes.push_back({p, nodes.back().d, tp.t_ms});
      continue;
    }
    nodes.push_back({p, nodes.back().d + step, tp.t_ms});
  }
  return nodes;
}

// Direction of travel at node i, over the nodes two either side (worked out when needed: a vector
// of them would add half again to the nodes' memory).
Vec2 heading(const std::vector<Node>& nodes, std::size_t i) {
  std::size_t a = i >= 2 ? i - 2 : 0, b = std::min(nodes.size() - 1, i + 2);
  return unit(nodes[b].p - nodes[a].p);
}

// The true median: of an even count, halfway between the middle two. (The upper one alone put the
// racing line's centre off to one side when few laps passed, so a lap at the other edge looked
// like a stray pass and the main straight was refused; at 1 Hz the line then went where the
// out-lap passes, and the out-lap counted as a lap.)
double median_of(std::vector<double> v) {
  auto mid = v.begin() + static_cast<long>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return (*mid + *std::max_element(v.begin(), mid)) / 2;
}

std::optional<Loop> reference_loop(const std::vector<Node>& nodes, const Driving& driving) {
  constexpr std::size_t kProbes = 21;
  // The probes spread over the driving: a probe in the pit box finds no lap (at 1 Hz, with pit
  // stops, most probes fell there once, and "the lap" came out with a stop in it).
  std::size_t moving = 0, rank = 0, k = 1;
  for (std::size_t i = 0; i < nodes.size(); ++i) moving += driving.moving(i);
  std::vector<std::pair<std::size_t, double>> found;
  for (std::size_t a = 0; a < nodes.size() && k <= kProbes; ++a) {
    if (!driving.moving(a)) continue;
    bool probe = false;
    for (; k <= kProbes && moving * k / (kProbes + 1) <= rank; ++k) probe = true;
    ++rank;
    if (!probe) continue;
    if (auto len = loop_from(nodes, driving, a)) found.emplace_back(a, *len);
  }
  if (found.empty()) return std::nullopt;
  std::vector<double> lengths;
  for (auto& f : found) lengths.push_back(f.second);
  std::nth_element(lengths.begin(), lengths.begin() + static_cast<long>(lengths.size() / 2), lengths.end());
  double median = lengths[lengths.size() / 2];
  auto end_of = [&](std::size_t a, double len) {
    std::size_t b = a;
    while (b + 1 < nodes.size() && nodes[b].d - nodes[a].d < len) ++b;
    return b;
  };
  std::vector<double> durations;
  for (auto& [a, len] : found) durations.push_back(nodes[end_of(a, len)].t - nodes[a].t);
  double usual_ms = median_of(durations);
  // The clean loop nearest the middle of the session: not one through the pit lane with a pit stop
  // in it (as long as a lap with the box's GPS jitter, but far slower), whose line candidates
  // would miss the main straight.
  std::optional<Loop> best;
  double middle = static_cast<double>(nodes.size()) / 2, best_off = 1e300;
  for (std::size_t i = 0; i < found.size(); ++i) {
    auto [a, len] = found[i];
    if (std::fabs(len - median) > 0.08 * median || durations[i] > 1.25 * usual_ms) continue;
    double off = std::fabs(static_cast<double>(a) - middle);
    if (off >= best_off) continue;
    best_off = off;
    best = Loop{a, end_of(a, len), len, durations[i]};
  }
  return best;
}

}  // namespace racesense::analysis::autoline
