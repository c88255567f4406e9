// Automatic start/finish line. The trace is reduced to "nodes" (a point every 2 m of movement), the
// lap length is found as the usual distance after which the car is back at the same place going the
// same way, and every node of one clean lap is tried as a line position: a probe across the track
// there collects every pass of the whole session, and the position is kept only if the passes of
// the racing line form one tight group, once per lap, with every other pass well outside it.
#include "auto_line.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace racesense::analysis {
namespace {
constexpr double kNodeSpacingM = 2;
constexpr double kMinLoopM = 200;       // shorter loops are not circuits
constexpr double kMaxLoopM = 20000;
constexpr double kReturnRadiusM = 8;    // "back at the same place" despite GPS jitter
constexpr double kSameWayCos = 0.82;    // within 35°
constexpr double kProbeM = 25;          // how far across the track passes are collected
constexpr double kSameWayPassCos = 0.766;  // a pass within 40° of the line's direction
constexpr double kCoreM = 5.5;          // passes this close to their median are the racing line
constexpr double kWanderM = 12;         // and a lap the GPS error put this far out
constexpr double kGapM = 3;             // and no other same-way pass comes within this of them,
constexpr double kAstrayM = 15;         // nor one this close in mid-session: beyond, another section
constexpr double kEdgeGapM = 1.5;       // nor the pit lane on the out-lap and in-lap within this
constexpr double kInnerMarginM = 4;     // the line reaches this far beyond the racing line's passes,
constexpr double kMinInnerMarginM = 1;  // and at least this far,
constexpr double kOuterMarginM = 2;     // staying this far from any other pass
constexpr double kCellM = 10;
constexpr double kMaxSegmentM = 300;    // longer jumps (GPS glitches) are no part of the geometry
constexpr double kMaxOutLap = 1.35;      // laps
constexpr double kMaxShapeGapMs = 2000; // segments across longer dropouts are not used to judge a place
constexpr double kDirectionBaseM = 4;   // a pass's direction is taken over at least this much movement,
constexpr double kStandingMs = 2000;    // and a car that needs longer either side for it is standing
constexpr double kSamePassMs = 1000;    // crossings this close in time and place are one pass (jitter)
constexpr double kSamePassM = 3;
constexpr double kStandingM = 15;       // a car that stays this close to where it was
constexpr double kStopMs = 10000;       // this long or longer stands (GPS error wanders a few metres)
constexpr double kLapDrivenAtEnds = 0.5;  // laps driven before a lap's first pass (the out-lap), after its last

struct Node {
  Vec2 p;
  double d;  // metres moved since the first node
  double t;  // ms
};

struct Pass {
  double t, lateral, cos;
  bool forward, reliable;
};

Vec2 xy(const TracePoint& p) { return {p.x, p.y}; }

// d.norm() <= limit, decided by the squared length unless that lies within rounding of the limit
// (then by hypot() itself, which the squared length would not always match): the same answer
// without a hypot() call for nearly every segment.
bool norm_at_most(Vec2 d, double limit) {
  double squared = d.dot(d), limit_squared = limit * limit;
  if (squared < limit_squared * (1 - 1e-9)) return true;
  if (squared > limit_squared * (1 + 1e-9)) return false;
  return d.norm() <= limit;
}

Vec2 unit(Vec2 v) {
  double n = v.norm();
  return n > 0 ? v * (1 / n) : Vec2{1, 0};
}

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

struct Loop {
  std::size_t first = 0, last = 0;  // nodes of one clean lap
  double length = 0, ms = 0;
};

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

struct Candidate {
  std::size_t node;
  double centre, half_width;
  double inner_margin, outer_margin;  // room left for GPS error, and to the nearest other pass
  double first_t, last_t;
  double stops;  // laps of driving beyond one around pit stops in mid-session
  double shadow = 0, score = 0;
};

bool same_way(const Pass& p) { return p.forward && p.cos >= kSameWayPassCos; }

// Which passes are the racing line's: same-way within kCoreM of the centre, and a lap that the GPS
// wander (a few metres, slowly changing) put further out, up to kWanderM, where it fills the one
// hole in the once-a-lap sequence rather than adding a pass (another section would add one); a
// pass across a dropout may fill it too (left out, a lap across a dropout refused the place).
std::vector<char> racing_line(const std::vector<Pass>& passes, double centre, const Driving& driving) {
  std::vector<char> on(passes.size(), 0);
  std::vector<double> times;
  for (std::size_t i = 0; i < passes.size(); ++i)
    if (same_way(passes[i]) && std::fabs(passes[i].lateral - centre) <= kCoreM) on[i] = 1, times.push_back(passes[i].t);
  if (times.size() < 2) return on;
  std::sort(times.begin(), times.end());
  // The reference lap's time (the gaps between the passes within kCoreM were two laps where the
  // GPS error put every other lap further out, and the laps between then filled no hole).
  double usual = driving.lap_ms();
  for (std::size_t i = 0; i < passes.size(); ++i) {
    const Pass& p = passes[i];
    double x = std::fabs(p.lateral - centre);
    if (on[i] || !same_way(p) || x > kWanderM || p.t <= times.front() || p.t >= times.back()) continue;
    if (driving.near_a_stop(p.t)) continue;  // the pit lane on a pit stop's in-lap or out-lap
    auto next = std::lower_bound(times.begin(), times.end(), p.t);
    if (*next - p.t > 0.5 * usual && p.t - *(next - 1) > 0.5 * usual) on[i] = 1;
  }
  // The same at the session's ends: a lap one usual gap before the first pass or after the last
  // (the pit lane's pass there, just out of the box or just before it, is no lap). Left out, it
  // was taken for the pit lane and the line narrowed to miss it: a lap lost at 3 m of GPS error.
  for (bool at_end : {false, true}) {
    for (bool grew = true; grew;) {
      grew = false;
      double edge = at_end ? times.back() : times.front();
      for (std::size_t i = 0; i < passes.size() && !grew; ++i) {
        const Pass& p = passes[i];
        double gap = at_end ? p.t - edge : edge - p.t;
        if (on[i] || !same_way(p) || std::fabs(p.lateral - centre) > kWanderM) continue;
        if (gap < 0.5 * usual || gap > 1.6 * usual) continue;
        double lap_part = kLapDrivenAtEnds * driving.lap_m();
        bool driven =
            at_end ? driving.drives_until_standing(p.t, lap_part) : driving.drove_since_standing(p.t, lap_part);
        if (!driven) continue;
        on[i] = 1;
        at_end ? times.push_back(p.t) : (void)times.insert(times.begin(), p.t);
        grew = true;
      }
    }
  }
  return on;
}

// Where the racing line's passes lie across the probe: the median of the most same-way passes that
// fit within ±kCoreM. Node k is on one lap's pass, up to the GPS error from the others: centred on
// the passes within kCoreM of the node instead, a line through a lap 7 m off at 1 Hz found "the
// racing line" there, took the laps on the other side for other sections, and the main straight
// was refused.
std::optional<double> racing_line_centre(const std::vector<Pass>& passes) {
  // Counted in bins (a session of thousands of laps has thousands of passes at every probe).
  constexpr double kBinM = 0.5;
  constexpr int kBins = static_cast<int>(2 * kWanderM / kBinM) + 1, kWindow = static_cast<int>(2 * kCoreM / kBinM);
  auto usable = [](const Pass& p) { return same_way(p) && p.reliable && std::fabs(p.lateral) <= kWanderM; };
  std::array<int, kBins> count{};
  for (const auto& p : passes)
    if (usable(p)) ++count[static_cast<std::size_t>((p.lateral + kWanderM) / kBinM)];
  int best_from = 0, best_count = -1, in_window = 0;
  double best_off = 1e300;
  for (int to = 0; to < kBins; ++to) {
    in_window += count[static_cast<std::size_t>(to)];
    int from = to - kWindow + 1;
    if (from > 0) in_window -= count[static_cast<std::size_t>(from - 1)];
    double off = std::fabs((from + to + 1) * kBinM / 2 - kWanderM);  // the window's middle, from the node
    if (in_window > best_count || (in_window == best_count && off < best_off))
      best_from = from, best_count = in_window, best_off = off;
  }
  if (best_count < 2) return std::nullopt;
  double lo = best_from * kBinM - kWanderM, hi = lo + kWindow * kBinM;
  std::vector<double> x;
  for (const auto& p : passes)
    if (usable(p) && p.lateral >= lo && p.lateral < hi) x.push_back(p.lateral);
  return median_of(std::move(x));
}

// Judges a line through node k. Its passes must fall cleanly into two kinds: the racing line's
// (racing_line(), centred on their median, once a lap without a miss) and the others (pit lane on
// the out-lap and in-lap, sections the other way, crossing sections), clear of them by kGapM. A
// same-way pass in between, or a stray one in mid-session, makes the place unreliable.
std::optional<Candidate> judge(SegmentGrid& grid, const std::vector<Node>& nodes, std::size_t k,
                               const Driving& driving) {
  auto passes = grid.passes(nodes[k].p, heading(nodes, k));
  auto found = racing_line_centre(passes);
  if (!found) return std::nullopt;
  double centre = *found;
  auto on_line = racing_line(passes, centre, driving);
  std::vector<double> racing;
  std::vector<std::pair<double, double>> edge_passes;  // other same-way passes: time, distance out
  double lo = 1e300, hi = -1e300;           // extent of the racing line's passes
  double left = -kProbeM, right = kProbeM;  // nearest other passes on either side
  for (std::size_t i = 0; i < passes.size(); ++i) {
    const Pass& p = passes[i];
    double x = p.lateral - centre;
    if (on_line[i]) {
      racing.push_back(p.t);
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    } else if (p.reliable) {  // passes across dropouts say nothing sure about the place
      if (same_way(p) && std::fabs(x) < kCoreM + kEdgeGapM) return std::nullopt;
      if (same_way(p)) edge_passes.push_back({p.t, std::fabs(x)});
      if (x < 0) left = std::max(left, x);
      else right = std::min(right, x);
    }
  }
  if (racing.size() < 2) return std::nullopt;
  // Close beside the racing line, another same-way pass may only be the pit lane: before the first
  // or after the last lap, or on a pit stop's in-lap and out-lap; else it is the racing line gone
  // astray.
  auto [first, last] = std::minmax_element(racing.begin(), racing.end());
  for (auto [t, x] : edge_passes)
    if (x < kCoreM + kGapM && t > *first && t < *last && !driving.near_a_stop(t)) return std::nullopt;
  std::sort(racing.begin(), racing.end());
  std::vector<double> gaps;
  for (std::size_t i = 1; i < racing.size(); ++i) gaps.push_back(racing[i] - racing[i - 1]);
  double usual = median_of(gaps), stops = 0;
  for (std::size_t i = 1; i < racing.size(); ++i) {
    double g = racing[i] - racing[i - 1];
    if (g >= 0.5 * usual && g <= 1.6 * usual) continue;
    // Passed twice a lap (another section runs here too), or a lap missed, unless the car stood in
    // the pit box in between: an in-lap, a pit stop and an out-lap, which the main straight's pit
    // lane skips, with twice the driving of a lap (a place the in-lap passes sees about one).
    double driven = driving.before(racing[i]) - driving.before(racing[i - 1]);
    if (g < 0.5 * usual || driving.standing_ms(racing[i - 1], racing[i]) < kStopMs ||
        driven > 2 * kMaxOutLap * driving.lap_m())
      return std::nullopt;
    stops += std::max(0.0, driven / driving.lap_m() - 1);
  }
  // A same-way pass off the racing line in mid-session, as near as a lap gone astray could be (a
  // same-way section further out, as in a serpentine, only bounds the line like any other pass).
  for (std::size_t i = 0; i < passes.size(); ++i)
    if (!on_line[i] && passes[i].reliable && same_way(passes[i]) && passes[i].t > racing.front() &&
        passes[i].t < racing.back() && std::fabs(passes[i].lateral - centre) < kAstrayM &&
        !driving.near_a_stop(passes[i].t))
      return std::nullopt;
  if (!(left < lo && hi < right)) return std::nullopt;
  double a = std::max(left + kOuterMarginM, lo - kInnerMarginM), b = std::min(right - kOuterMarginM, hi + kInnerMarginM);
  if (a > lo - kMinInnerMarginM || b < hi + kMinInnerMarginM) return std::nullopt;
  // A pass across a dropout may be this place's first or last one: the out-lap or in-lap then went
  // by here, whatever its lateral position, so it counts where the session's ends are judged.
  double first_t = racing.front(), last_t = racing.back();
  for (const auto& p : passes)
    if (!p.reliable && same_way(p)) first_t = std::min(first_t, p.t), last_t = std::max(last_t, p.t);
  return Candidate{k, centre + (a + b) / 2, (b - a) / 2, std::min(lo - a, b - hi), std::min(a - left, right - b),
                   first_t, last_t, stops};
}

// Heading change over ±30 m around node k, in degrees: 0 on a straight.
double bend_deg(const std::vector<Node>& nodes, std::size_t k) {
  std::size_t a = k, b = k;
  while (a > 0 && nodes[k].d - nodes[a].d < 30) --a;
  while (b + 1 < nodes.size() && nodes[b].d - nodes[k].d < 30) ++b;
  double c = std::clamp(heading(nodes, a).dot(heading(nodes, b)), -1.0, 1.0);
  return std::acos(c) * 180 / LocalProjection::kPi;
}

double speed_at(const std::vector<Node>& nodes, std::size_t k) {
  std::size_t a = k >= 5 ? k - 5 : 0, b = std::min(nodes.size() - 1, k + 5);
  double dt = nodes[b].t - nodes[a].t;
  return dt > 0 ? (nodes[b].d - nodes[a].d) / dt * 1000 : 0;
}
}  // namespace

std::optional<double> usual_lap_length(const std::vector<TracePoint>& trace) {
  auto nodes = make_nodes(trace);
  if (nodes.size() < 10) return std::nullopt;
  auto loop = reference_loop(nodes, Driving(nodes, true));
  if (!loop) return std::nullopt;
  return loop->length;
}

std::optional<PlacedLine> place_start_line(const std::vector<TracePoint>& trace, bool session_complete) {
  auto nodes = make_nodes(trace);
  if (nodes.size() < 10) return std::nullopt;
  Driving driving(nodes, session_complete);
  auto loop = reference_loop(nodes, driving);
  if (!loop) return std::nullopt;
  driving.set_lap(loop->length, loop->ms);
  SegmentGrid grid(trace);
  std::vector<Candidate> valid;
  for (std::size_t k = loop->first; k < loop->last; ++k) {
    auto c = judge(grid, nodes, k, driving);
    if (!c) continue;
    // How much of the session lies before the first and after the last pass: the most where the
    // out-lap and in-lap skip this place (through the pit lane), about one lap elsewhere.
    double lead = std::max(0.0, driving.before(c->first_t)), tail = std::max(0.0, driving.after(c->last_t));
    // More than an out-lap before the first pass (or an in-lap after the last): a pass was missed.
    if (lead > kMaxOutLap * loop->length || (session_complete && tail > kMaxOutLap * loop->length)) continue;
    c->shadow = (lead + (session_complete ? tail : loop->length / 2)) / loop->length + c->stops;
    valid.push_back(*c);
  }
  if (valid.empty()) return std::nullopt;
  double best_shadow = 0, fastest = 0;
  for (const auto& c : valid) best_shadow = std::max(best_shadow, c.shadow);
  for (const auto& c : valid)
    if (c.shadow >= best_shadow - 0.25) fastest = std::max(fastest, speed_at(nodes, c.node));
  const Candidate* best = nullptr;
  for (auto& c : valid) {
    if (c.shadow < best_shadow - 0.25) continue;
    double room = 0.5 * std::min(c.inner_margin, kInnerMarginM) / kInnerMarginM + 0.3 * std::min(c.outer_margin, 6.0) / 6;
    c.score = (fastest > 0 ? speed_at(nodes, c.node) / fastest : 0) - bend_deg(nodes, c.node) / 30 + room;
    if (!best || c.score > best->score) best = &c;
  }
  const Node& n = nodes[best->node];
  Vec2 h = heading(nodes, best->node), across{h.y, -h.x};
  return PlacedLine{n.p + across * best->centre, h, best->half_width};
}

}  // namespace racesense::analysis
