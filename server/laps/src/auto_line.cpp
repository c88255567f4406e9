// Automatic start/finish line. The trace is reduced to "nodes" (a point every 2 m of movement), the
// lap length is found as the usual distance after which the car is back at the same place going the
// same way, and every node of one clean lap is tried as a line position: a probe across the track
// there collects every pass of the whole session, and the position is kept only if the passes of
// the racing line form one tight group, once per lap, with every other pass well outside it.
#include "auto_line.hpp"
#include "auto_line_trace.hpp"
#include "segment_grid.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace racesense::analysis {
namespace {
using namespace autoline;

constexpr double kSameWayPassCos = 0.766;  // a pass within 40° of the line's direction
constexpr double kCoreM = 5.5;          // passes this close to their median are the racing line
constexpr double kWanderM = 12;         // and a lap the GPS error put this far out
constexpr double kGapM = 3;             // and no other same-way pass comes within this of them,
constexpr double kAstrayM = 15;         // nor one this close in mid-session: beyond, another section
constexpr double kEdgeGapM = 1.5;       // nor the pit lane on the out-lap and in-lap within this
constexpr double kInnerMarginM = 4;     // the line reaches this far beyond the racing line's passes,
constexpr double kMinInnerMarginM = 1;  // and at least this far,
constexpr double kOuterMarginM = 2;     // staying this far from any other pass
constexpr double kMaxOutLap = 1.35;      // laps

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

// The racing line's passes (sorted) come once a lap, or across a pit stop: the laps of driving beyond
// one around the stops, or none when a gap says the place is passed twice a lap or a lap was missed.
std::optional<double> laps_around_stops(const std::vector<double>& racing, const Driving& driving) {
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
  return stops;
}

// A same-way pass off the racing line in mid-session, as near as a lap gone astray could be (a
// same-way section further out, as in a serpentine, only bounds the line like any other pass).
bool astray_in_mid_session(const std::vector<Pass>& passes, const std::vector<char>& on_line, double centre,
                           const std::vector<double>& racing, const Driving& driving) {
  for (std::size_t i = 0; i < passes.size(); ++i)
    if (!on_line[i] && passes[i].reliable && same_way(passes[i]) && passes[i].t > racing.front() &&
        passes[i].t < racing.back() && std::fabs(passes[i].lateral - centre) < kAstrayM &&
        !driving.near_a_stop(passes[i].t))
      return true;
  return false;
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
  auto stops = laps_around_stops(racing, driving);
  if (!stops || astray_in_mid_session(passes, on_line, centre, racing, driving)) return std::nullopt;
  if (!(left < lo && hi < right)) return std::nullopt;
  double a = std::max(left + kOuterMarginM, lo - kInnerMarginM), b = std::min(right - kOuterMarginM, hi + kInnerMarginM);
  if (a > lo - kMinInnerMarginM || b < hi + kMinInnerMarginM) return std::nullopt;
  // A pass across a dropout may be this place's first or last one: the out-lap or in-lap then went
  // by here, whatever its lateral position, so it counts where the session's ends are judged.
  double first_t = racing.front(), last_t = racing.back();
  for (const auto& p : passes)
    if (!p.reliable && same_way(p)) first_t = std::min(first_t, p.t), last_t = std::max(last_t, p.t);
  return Candidate{k, centre + (a + b) / 2, (b - a) / 2, std::min(lo - a, b - hi), std::min(a - left, right - b),
                   first_t, last_t, *stops};
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
