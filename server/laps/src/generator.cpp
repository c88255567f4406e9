// The generator keeps its own geometry (circuit shapes, projection to degrees) apart from the
// analysis's, so the laps it expects are not computed by the code under test.
#include "racesense/analysis/generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace racesense::analysis {
namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthRadiusM = 6371008.8;

struct P2 {
  double x = 0, y = 0;
};
P2 operator+(P2 a, P2 b) { return {a.x + b.x, a.y + b.y}; }
P2 operator-(P2 a, P2 b) { return {a.x - b.x, a.y - b.y}; }
P2 operator*(P2 a, double k) { return {a.x * k, a.y * k}; }
double length(P2 a) { return std::hypot(a.x, a.y); }
P2 unit(P2 a) { return a * (1 / length(a)); }

struct Corner {
  double x, y, radius;  // polygon vertex, rounded off with this radius
};

// A circuit: a polygon with rounded corners, driven in vertex order. The main straight runs from
// the first vertex to the second; the official line and the pit lane are on it.
struct Venue {
  const char* key;
  const char* id;
  const char* name;
  double lat, lon;
  std::vector<Corner> corners;
  double line_at;           // fraction along the main straight
  double line_radius_m;     // official line half-width
  double pit_side;          // +1: pit lane on the right of the direction of travel, -1: left
  double pit_offset_m;      // pit lane centre to racing line
  double pit_before_m, pit_after_m, pit_ramp_m, box_before_m;
  double top_speed, grip;   // m/s, m/s² (shape of the speed profile; lap times set the scale)
};

const std::vector<Venue>& venues() {
  static const std::vector<Venue> v = {
      // A fast oval-ish circuit, the pit lane 14 m outside the main straight.
      {"stadium", "generated", "Generated Circuit", 45.0, 7.0,
       {{-200, -80, 75}, {200, -80, 75}, {200, 80, 75}, {-200, 80, 75}},
       0.5, 9, 1, 14, 150, 90, 40, 40, 45, 12},
      // A kart track: a hairpin folds the circuit back 14 m beside the main straight, then a
      // serpentine runs sections 12 m apart.
      {"kart", "gen-kart", "Pista Serpentina", 45.4606, 10.4718,
       {{0, 0, 10}, {200, 0, 7}, {200, 14, 7}, {120, 14, 8}, {120, 50, 6}, {190, 50, 6},
        {190, 62, 6}, {40, 62, 6}, {40, 28, 8}, {0, 28, 8}},
       0.72, 7, 1, 13, 100, 35, 25, 30, 30, 14},
      // A club circuit whose back straight returns 18 m inside the main straight.
      {"club", "gen-club", "Club Circuit", 44.3411, 11.7134,
       {{-60, 0, 30}, {500, 0, 40}, {500, 150, 25}, {300, 150, 15}, {300, 18, 9}, {80, 18, 9},
        {80, 120, 20}, {-60, 120, 30}},
       0.45, 8, 1, 15, 120, 70, 35, 35, 50, 13},
      // A figure of eight: the circuit crosses the main straight on a bridge.
      {"crossover", "gen-crossover", "Crossover Ring", 34.8431, 136.5410,
       {{-100, 0, 30}, {300, 0, 30}, {300, 200, 30}, {150, 200, 20}, {150, -150, 25}, {-100, -150, 30}},
       0.35, 8, -1, 14, 90, 60, 30, 35, 45, 12},
      // A tight indoor kart track: a comb of 80 m straights 12 m apart joined by hairpins, the
      // main straight slow enough that one 25 Hz step is barely longer than the GPS jitter.
      {"indoor", "gen-indoor", "Kart Hall", 54.4325, 18.5640,
       {{0, 0, 5.5}, {80, 0, 5.5}, {80, 12, 5.5}, {16, 12, 5.5}, {16, 24, 5.5}, {80, 24, 5.5}, {80, 36, 5.5},
        {0, 36, 5.5}},
       0.5, 6, 1, 13, 35, 35, 15, 10, 12, 6},
      // A fast 2.5 km circuit: at 1 Hz the fixes are 60 m apart.
      {"speedway", "gen-speedway", "Speedway Park", 25.4519, -80.4089,
       {{-550, -120, 140}, {550, -120, 140}, {550, 120, 140}, {-550, 120, 140}},
       0.5, 12, 1, 22, 250, 150, 60, 60, 70, 14},
  };
  return v;
}

const Venue& venue_of(const GeneratorOptions& o) {
  for (const auto& v : venues())
    if (o.venue == v.key) return v;
  throw std::invalid_argument("unknown venue " + o.venue);
}

// The circuit's centreline sampled every few decimetres, with the official line at s = 0.
class Circuit {
 public:
  explicit Circuit(const Venue& v) {
    const auto& c = v.corners;
    std::size_t n = c.size();
    std::vector<P2> t1(n), t2(n), centre(n);
    std::vector<double> turn(n), radius(n);
    for (std::size_t i = 0; i < n; ++i) {
      P2 prev{c[(i + n - 1) % n].x, c[(i + n - 1) % n].y}, here{c[i].x, c[i].y}, next{c[(i + 1) % n].x, c[(i + 1) % n].y};
      P2 u = unit(here - prev), w = unit(next - here);
      double cross = u.x * w.y - u.y * w.x;
      double angle = std::acos(std::clamp(u.x * w.x + u.y * w.y, -1.0, 1.0));
      double tangent = c[i].radius * std::tan(angle / 2);
      t1[i] = here - u * tangent;
      t2[i] = here + w * tangent;
      P2 left{-u.y, u.x};
      centre[i] = t1[i] + left * (cross > 0 ? c[i].radius : -c[i].radius);
      turn[i] = cross > 0 ? angle : -angle;
      radius[i] = c[i].radius;
    }
    double line_s = 0;
    for (std::size_t i = 0; i < n; ++i) {
      arc(centre[i], t1[i], turn[i], radius[i]);
      P2 from = t2[i], to = t1[(i + 1) % n];
      if (i == 0) line_s = total_ + v.line_at * length(to - from);
      straight(from, to);
    }
    // Start the samples at the official line.
    auto first = static_cast<long>(index_at(line_s));
    std::rotate(points_.begin(), points_.begin() + first, points_.end());
    std::rotate(curvature_.begin(), curvature_.begin() + first, curvature_.end());
    for (std::size_t i = 0; i < points_.size(); ++i) s_[i] = static_cast<double>(i) * step_;
    length_ = static_cast<double>(points_.size()) * step_;
  }

  double length_m() const { return length_; }
  double curvature(double s) const { return curvature_[index_at(wrap(s))]; }

  P2 at(double s) const {
    s = wrap(s);
    std::size_t i = index_at(s);
    double f = (s - s_[i]) / step_;
    P2 a = points_[i], b = points_[(i + 1) % points_.size()];
    return a + (b - a) * f;
  }
  P2 right(double s) const {
    P2 d = unit(at(s + 1) - at(s - 1));
    return {d.y, -d.x};
  }

 private:
  double wrap(double s) const { return std::fmod(std::fmod(s, length_) + length_, length_); }
  std::size_t index_at(double s) const {
    return std::min(points_.size() - 1, static_cast<std::size_t>(std::max(0.0, s / step_)));
  }
  void add(P2 p, double k) {
    points_.push_back(p);
    curvature_.push_back(k);
    s_.push_back(total_);
    total_ += step_;
  }
  void straight(P2 from, P2 to) {
    double len = length(to - from);
    for (double d = 0; d < len; d += step_) add(from + unit(to - from) * d, 0);
  }
  void arc(P2 centre, P2 start, double turn, double r) {
    double a0 = std::atan2(start.y - centre.y, start.x - centre.x);
    double len = std::fabs(turn) * r;
    for (double d = 0; d < len; d += step_) {
      double a = a0 + (turn > 0 ? 1 : -1) * d / r;
      add({centre.x + r * std::cos(a), centre.y + r * std::sin(a)}, 1 / r);
    }
  }

  double step_ = 0.25, total_ = 0, length_ = 0;
  std::vector<P2> points_;
  std::vector<double> curvature_, s_;
};

// Time along the lap at the venue's natural pace, so that a lap of any given time is that pace
// scaled: fast on the straights, slow in the corners.
class SpeedProfile {
 public:
  SpeedProfile(const Circuit& c, const Venue& v) {
    auto n = static_cast<std::size_t>(c.length_m());
    std::vector<double> speed(n);
    for (std::size_t i = 0; i < n; ++i) {
      double k = c.curvature(static_cast<double>(i));
      speed[i] = k > 0 ? std::min(v.top_speed, std::sqrt(v.grip / k)) : v.top_speed;
    }
    for (int round = 0; round < 2; ++round) {
      for (std::size_t i = 1; i <= n; ++i) speed[i % n] = std::min(speed[i % n], std::sqrt(speed[i - 1] * speed[i - 1] + 2 * 4.0));
      for (std::size_t i = n; i-- > 0;) speed[i] = std::min(speed[i], std::sqrt(speed[(i + 1) % n] * speed[(i + 1) % n] + 2 * 8.0));
    }
    tau_.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) tau_[i + 1] = tau_[i] + 1 / speed[i];
    metres_ = static_cast<double>(n);
    scale_ = c.length_m() / metres_;
  }
  double lap_s() const { return tau_.back(); }
  // Natural-pace time to reach s (0 ≤ s ≤ length) from the line.
  double time_at(double s) const {
    double m = std::clamp(s / scale_, 0.0, metres_);
    auto i = std::min(static_cast<std::size_t>(m), tau_.size() - 2);
    return tau_[i] + (tau_[i + 1] - tau_[i]) * (m - static_cast<double>(i));
  }
  double s_at(double time) const {
    auto it = std::upper_bound(tau_.begin(), tau_.end(), time);
    std::size_t i = it == tau_.begin() ? 0 : std::min<std::size_t>(static_cast<std::size_t>(it - tau_.begin()) - 1, tau_.size() - 2);
    double f = (time - tau_[i]) / (tau_[i + 1] - tau_[i]);
    return (static_cast<double>(i) + std::clamp(f, 0.0, 1.0)) * scale_;
  }

 private:
  std::vector<double> tau_;
  double metres_ = 1, scale_ = 1;
};

// Where the car is: distance along the centreline (may run past one lap) and its offset to the right.
struct State {
  double s, lateral;
};

// One stretch of the session: [t0, t0 + duration) seconds.
struct Phase {
  double t0, duration;
  enum Kind { box, pit_out, lap, pit_in } kind;
  double s_from, s_to, pace;  // lap: natural-pace scale (lap time / natural lap time)
  int lap_index;
};

class Drive {
 public:
  Drive(const GeneratorOptions& o, const Venue& v, const Circuit& c, const SpeedProfile& p)
      : v_(v), c_(c), p_(p), L_(c.length_m()) {
    double first = o.lap_times_s.empty() ? p.lap_s() : o.lap_times_s.front();
    double last = o.lap_times_s.empty() ? p.lap_s() : o.lap_times_s.back();
    double t = 0;
    auto push = [&](Phase ph) {
      ph.t0 = t;
      phases_.push_back(ph);
      t += ph.duration;
    };
    double box = -v.box_before_m, exit = v.pit_after_m, entry = L_ - v.pit_before_m;
    auto out_lap = [&](double lap_s) {  // from the pit box through the pit lane to the line
      push({0, pit_time(exit - box), Phase::pit_out, box, exit, 0, 0});
      double pace = lap_s / p.lap_s() / 0.85;
      push({0, (p.lap_s() - p.time_at(exit)) * pace, Phase::lap, exit, L_, pace, -1});
    };
    auto in_lap = [&](double lap_s, int index) {  // from the line through the pit lane to the box
      double pace = lap_s / p.lap_s() / 0.85;
      push({0, p.time_at(entry) * pace, Phase::lap, 0, entry, pace, index});
      push({0, pit_time(L_ + box - entry), Phase::pit_in, entry, L_ + box, 0, 0});
      push({0, o.pit_wait_s, Phase::box, L_ + box, L_ + box, 0, 0});
    };
    push({0, o.pit_wait_s, Phase::box, box, box, 0, 0});
    out_lap(first);
    auto laps = static_cast<int>(o.lap_times_s.size());
    auto stop_after = [&](int lap) {  // pit stops evenly between the laps
      for (int j = 1; j <= o.pit_stops; ++j)
        if (lap + 1 == static_cast<int>(std::lround(static_cast<double>(j * laps) / (o.pit_stops + 1))) && lap + 1 < laps)
          return true;
      return false;
    };
    for (int i = 0; i < laps; ++i) {
      double lap = o.lap_times_s[static_cast<std::size_t>(i)];
      crossings_.push_back(t * 1000);
      push({0, lap, Phase::lap, 0, L_, lap / p.lap_s(), i});
      if (!stop_after(i)) continue;
      crossings_.push_back(t * 1000);  // the lap that holds the stop runs from here to the next crossing
      in_lap(lap, i + 1);
      out_lap(o.lap_times_s[static_cast<std::size_t>(i + 1)]);
    }
    if (laps > 0) crossings_.push_back(t * 1000);
    in_lap(last, laps);
    end_s_ = t;
    std::mt19937 rng(o.seed * 7919u + 13);
    std::uniform_real_distribution<double> phase(0, 2 * kPi);
    for (std::size_t k = 0; k < phases_.size() + 2; ++k) line_phase_.push_back(phase(rng));
  }

  double end_s() const { return end_s_; }
  double driving_from_s() const { return phases_[1].t0; }
  double driving_to_s() const { return phases_.back().t0; }
  const std::vector<double>& crossings_ms() const { return crossings_; }

  State at(double t) const {
    std::size_t i = 0;
    while (i + 1 < phases_.size() && t >= phases_[i + 1].t0) ++i;
    const Phase& ph = phases_[i];
    double u = std::clamp(t - ph.t0, 0.0, ph.duration);
    switch (ph.kind) {
      case Phase::box: return {ph.s_from, pit_lateral(ph.s_from)};
      case Phase::pit_out: {
        double s = ph.s_from + pit_distance(u);
        return {s, pit_lateral(s)};
      }
      case Phase::pit_in: {
        double s = ph.s_to - pit_distance(ph.duration - u);
        return {s, pit_lateral(s)};
      }
      case Phase::lap: {
        double s = p_.s_at(p_.time_at(ph.s_from) + u / ph.pace);
        // The racer's line wanders a metre or so from lap to lap.
        double wander = 1.0 * std::sin(2 * kPi * 3 * s / L_ + line_phase_[i]);
        return {s, wander};
      }
    }
    return {0, 0};
  }

  P2 position(double t) const {
    State st = at(t);
    return c_.at(st.s) + c_.right(st.s) * st.lateral;
  }

 private:
  static constexpr double kPitSpeed = 16, kPitAccel = 3;
  static double pit_time(double d) {
    double d_acc = kPitSpeed * kPitSpeed / (2 * kPitAccel);
    return d > d_acc ? kPitSpeed / kPitAccel + (d - d_acc) / kPitSpeed : std::sqrt(2 * d / kPitAccel);
  }
  static double pit_distance(double u) {
    double t_acc = kPitSpeed / kPitAccel;
    return u < t_acc ? 0.5 * kPitAccel * u * u : 0.5 * kPitSpeed * t_acc + kPitSpeed * (u - t_acc);
  }
  // Offset of the pit lane at s (relative to the line, wrapping): ramps between the lane and the track.
  double pit_lateral(double s) const {
    double x = std::fmod(std::fmod(s, L_) + L_, L_);
    if (x > L_ / 2) x -= L_;  // -pit_before … +pit_after around the line
    double full = v_.pit_side * v_.pit_offset_m;
    auto smooth = [](double f) { f = std::clamp(f, 0.0, 1.0); return f * f * (3 - 2 * f); };
    if (x < -v_.pit_before_m || x > v_.pit_after_m) return 0;
    if (x < -v_.pit_before_m + v_.pit_ramp_m) return full * smooth((x + v_.pit_before_m) / v_.pit_ramp_m);
    if (x > v_.pit_after_m - v_.pit_ramp_m) return full * smooth((v_.pit_after_m - x) / v_.pit_ramp_m);
    return full;
  }

  const Venue& v_;
  const Circuit& c_;
  const SpeedProfile& p_;
  double L_, end_s_ = 0;
  std::vector<Phase> phases_;
  std::vector<double> crossings_, line_phase_;
};

// GPS error that wanders like a real receiver's: slowly (AR(1), ~8 s), plus a little jitter.
class GpsError {
 public:
  GpsError(double size_m, std::uint32_t seed) : size_(size_m), rng_(seed * 104729u + 7) {}
  P2 next(double dt_s) {
    if (size_ <= 0) return {};
    double rho = std::exp(-dt_s / 8.0), k = std::sqrt(1 - rho * rho) * size_;
    drift_ = {rho * drift_.x + k * gauss_(rng_), rho * drift_.y + k * gauss_(rng_)};
    return drift_ + P2{0.1 * size_ * gauss_(rng_), 0.1 * size_ * gauss_(rng_)};
  }

 private:
  double size_;
  std::mt19937 rng_;
  std::normal_distribution<double> gauss_{0, 1};
  P2 drift_;
};

struct LatLonDeg {
  double lat, lon;
};

LatLonDeg to_degrees(const Venue& v, const GeneratorOptions& o, P2 p) {
  double lat0 = v.lat + o.shift_lat, lon0 = v.lon + o.shift_lon;
  return {lat0 + p.y / kEarthRadiusM * 180 / kPi, lon0 + p.x / (kEarthRadiusM * std::cos(lat0 * kPi / 180)) * 180 / kPi};
}

class RowWriter {
 public:
  RowWriter(const GeneratorOptions& o, std::ostream& out)
      : o_(o), out_(out), rng_(o.seed), counter_phase_(static_cast<int>(o.seed * 389u % 1000u)) {}

  void header() {
    static const char* headers[] = {
        "gps_time,lat,lon,alt,speed,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,vbat\n",
        "tick_ms,row_type,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,lat,lon,alt,speed,sats,vbat\n",
        "timestamp,latitude,longitude,speed,satellites,vbat\n"};
    write(o_.format == "tick_ms" ? headers[1] : o_.format == "timestamp" ? headers[2] : headers[0]);
  }

  // One GPS sample period starting at t_ms; fix: position known; row: whether a GPS row exists at all.
  void sample(std::int64_t t_ms, std::int64_t period_ms, LatLonDeg p, double speed_kmh, bool fix, bool row) {
    char pos[64] = ",";
    if (fix) std::snprintf(pos, sizeof pos, "%.7f,%.7f", p.lat, p.lon);
    char buf[256];
    std::int64_t epoch_ms = std::llround(o_.start_epoch_s * 1000) + t_ms;
    if (o_.format == "tick_ms") {
      if (row) {
        std::snprintf(buf, sizeof buf, "%lld,G,,,,,,,%s,240.0,%.1f,%d,3.90\n", static_cast<long long>(t_ms), pos,
                      speed_kmh, fix ? 9 : 0);
        write(buf);
        if (++gps_rows_ % 37 == 0) write(buf);  // exact duplicate rows occur
        if (gps_rows_ % 500 == 0) write(std::to_string(t_ms) + ",M,,,,,,,,,,,,\n");  // marker row
      }
      for (std::int64_t k = 0; k < period_ms; k += 10) {  // IMU rows at 100 Hz
        std::snprintf(buf, sizeof buf, "%lld,I,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,,,,,,\n",
                      static_cast<long long>(t_ms + k), noise(), noise(), 1 + noise(), noise(), noise(), noise());
        write(buf);
      }
      return;
    }
    if (!row) return;
    if (o_.format == "timestamp") {
      std::snprintf(buf, sizeof buf, "%lld.%03lld,%s,%.1f,%d,%.2f\n", static_cast<long long>(epoch_ms / 1000),
                    static_cast<long long>(epoch_ms % 1000), pos, speed_kmh, fix ? 9 : 0, 3.9 + noise());
    } else {  // gps_time: whole GPS second + free-running millisecond counter
      std::snprintf(buf, sizeof buf, "%lld.%03lld,%s,%.1f,%.1f,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,%.2f\n",
                    static_cast<long long>(epoch_ms / 1000), static_cast<long long>((epoch_ms + counter_phase_) % 1000),
                    pos, 240.0, speed_kmh, noise(), noise(), 1 + noise(), noise(), noise(), noise(), 3.9 + noise());
    }
    write(buf);
  }

  std::uint64_t bytes() const { return bytes_; }

 private:
  double noise() { return std::uniform_real_distribution<double>(-0.05, 0.05)(rng_); }
  void write(const std::string& s) {
    out_ << s;
    bytes_ += s.size();
  }

  const GeneratorOptions& o_;
  std::ostream& out_;
  std::mt19937 rng_;
  int counter_phase_;
  long gps_rows_ = 0;
  std::uint64_t bytes_ = 0;
};

std::vector<std::pair<std::int64_t, std::int64_t>> pick_dropouts(const GeneratorOptions& o, const Drive& d) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  std::mt19937 rng(o.seed * 31337u + 1);
  double from = d.driving_from_s() + 5, to = d.driving_to_s() - 6;
  for (int i = 0; i < o.dropouts && to > from; ++i) {
    double start = std::uniform_real_distribution<double>(from, to)(rng);
    double len = std::uniform_real_distribution<double>(1.0, 5.0)(rng);
    out.emplace_back(std::llround(start * 1000), std::llround((start + len) * 1000));
  }
  return out;
}
}  // namespace

std::vector<std::string> venue_names() {
  std::vector<std::string> names;
  for (const auto& v : venues()) names.emplace_back(v.key);
  return names;
}

double natural_lap_s(const GeneratorOptions& o) {
  const Venue& v = venue_of(o);
  Circuit c(v);
  return SpeedProfile(c, v).lap_s();
}

double circuit_length_m(const GeneratorOptions& o) { return Circuit(venue_of(o)).length_m(); }

Track generated_track(const GeneratorOptions& o) {
  const Venue& v = venue_of(o);
  Circuit c(v);
  P2 at = c.at(0), ahead = c.at(5);
  LatLonDeg p = to_degrees(v, o, at);
  double heading = std::atan2(ahead.x - at.x, ahead.y - at.y) * 180 / kPi;
  if (heading < 0) heading += 360;
  Track t;
  t.id = v.id;
  t.name = v.name;
  t.location = "Synthetic";
  t.start_line = StartLine{p.lat, p.lon, v.line_radius_m, heading};
  return t;
}

std::uint64_t generate_session(const GeneratorOptions& o, std::ostream& out, SessionTruth* truth) {
  const Venue& v = venue_of(o);
  Circuit circuit(v);
  SpeedProfile profile(circuit, v);
  Drive drive(o, v, circuit, profile);
  auto period_ms = static_cast<std::int64_t>(std::llround(1000 / o.rate_hz));
  if (period_ms <= 0) throw std::invalid_argument("rate_hz must be at most 1000");
  auto dropouts = pick_dropouts(o, drive);
  GpsError error(o.noise_m, o.seed);
  RowWriter rows(o, out);
  rows.header();
  SessionTruth t;
  t.crossings_ms = drive.crossings_ms();
  t.dropouts_ms = dropouts;
  int no_fix = o.no_fix_rows;
  auto end_ms = static_cast<std::int64_t>(drive.end_s() * 1000);
  P2 previous = drive.position(0);
  for (std::int64_t t_ms = 0; t_ms < end_ms; t_ms += period_ms) {
    double ts = static_cast<double>(t_ms) / 1000;
    P2 here = drive.position(ts);
    double speed_kmh = length(here - previous) / (static_cast<double>(period_ms) / 1000) * 3.6;
    previous = here;
    P2 measured = here + error.next(static_cast<double>(period_ms) / 1000);
    bool in_dropout = false, rows_missing = false;
    for (std::size_t i = 0; i < dropouts.size(); ++i) {
      if (t_ms >= dropouts[i].first && t_ms < dropouts[i].second) {
        in_dropout = true;
        rows_missing = i % 2 == 0;  // half the dropouts lose the rows, half log them without a fix
      }
    }
    bool fix = no_fix <= 0 && !in_dropout;
    rows.sample(t_ms, period_ms, to_degrees(v, o, measured), speed_kmh, fix, !rows_missing);
    if (fix) {
      if (t.fixes++ == 0) t.first_fix_ms = t_ms;
      t.last_fix_ms = t_ms;
    }
    if (no_fix > 0) --no_fix;
  }
  if (truth) *truth = t;
  return rows.bytes();
}

}  // namespace racesense::analysis
