#include "racesense/analysis/generator.hpp"

#include <cmath>
#include <cstdio>
#include <random>

#include "geometry.hpp"

namespace racesense::analysis {
namespace {
constexpr double kPi = LocalProjection::kPi;

// Position on a stadium circuit at distance s from the start/finish line (middle of the bottom
// straight), driven anticlockwise: east along the bottom straight first.
Vec2 circuit_point(const GeneratorOptions& o, double s) {
  double half = o.straight_m / 2, r = o.radius_m, arc = kPi * r;
  double length = 2 * o.straight_m + 2 * arc;
  s = std::fmod(std::fmod(s, length) + length, length);
  if (s < half) return {s, -r};
  s -= half;
  if (s < arc) return {half + r * std::sin(s / r), -r * std::cos(s / r)};
  s -= arc;
  if (s < o.straight_m) return {half - s, r};
  s -= o.straight_m;
  if (s < arc) return {-half - r * std::sin(s / r), r * std::cos(s / r)};
  s -= arc;
  return {-half + s, -r};
}

double circuit_length(const GeneratorOptions& o) { return 2 * o.straight_m + 2 * kPi * o.radius_m; }

// Fraction of the lap covered after fraction u of its time: uneven speed, so the line is crossed
// between samples at varying points and interpolation matters.
double covered(double u) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 50; ++i) {  // invert g(x) = x - 0.6 sin(2πx)/(2π) by bisection
    double mid = (lo + hi) / 2;
    double g = mid - 0.6 * std::sin(2 * kPi * mid) / (2 * kPi);
    (g < u ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

struct Phase {
  double t0, duration, s0, s1;  // distance goes from s0 to s1 over the phase
  bool uneven;
};

std::vector<Phase> phases(const GeneratorOptions& o) {
  double length = circuit_length(o);
  std::vector<Phase> out;
  // Out-lap and in-lap keep the speed the timed laps have at the line (2.5 × L/T, see covered()),
  // so the car does not jump in speed where it crosses it.
  double out_lap = o.lap_times_s.empty() ? 20 : 0.4 * o.lap_times_s.front() / 2.5;
  out.push_back({0, out_lap, 0.6 * length, length, false});
  double t = out_lap;
  for (double lap : o.lap_times_s) {
    out.push_back({t, lap, 0, length, true});
    t += lap;
  }
  double in_lap = 0.5 * (o.lap_times_s.empty() ? 60 : o.lap_times_s.back()) / 2.5;
  out.push_back({t, in_lap, 0, 0.5 * length, false});
  return out;
}

std::string row(const GeneratorOptions& o, double t, LatLon p, double speed_kmh, std::mt19937& rng, bool fix) {
  std::uniform_real_distribution<double> noise(-0.05, 0.05);
  char pos[64] = ",";
  if (fix) std::snprintf(pos, sizeof pos, "%.7f,%.7f", p.lat, p.lon);
  char buf[256];
  double epoch = o.start_epoch_s + t;
  if (o.format == "timestamp") {
    std::snprintf(buf, sizeof buf, "%.3f,%s,%.1f,%d,%.2f\n", epoch, pos, speed_kmh, fix ? 9 : 0, 3.9 + noise(rng));
  } else {  // gps_time: whole GPS second + free-running millisecond counter (phase 913 ms)
    double second = std::floor(epoch);
    long counter = std::lround(std::fmod(epoch * 1000 + 913, 1000.0)) % 1000;
    std::snprintf(buf, sizeof buf, "%.0f.%03ld,%s,%.1f,%.1f,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,%.2f\n", second, counter,
                  pos, 240.0, speed_kmh, noise(rng), noise(rng), 1 + noise(rng), noise(rng), noise(rng), noise(rng),
                  3.9 + noise(rng));
  }
  return buf;
}

std::string tick_rows(double t, LatLon p, double speed_kmh, std::mt19937& rng, bool fix, long& counter) {
  std::uniform_real_distribution<double> noise(-0.05, 0.05);
  std::string out;
  long tick = std::lround(t * 1000);
  char buf[256];
  for (int k = 0; k < 10; ++k) {  // IMU at 100 Hz between GPS rows
    std::snprintf(buf, sizeof buf, "%ld,I,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,,,,,,\n", tick + k * 10, noise(rng),
                  noise(rng), 1 + noise(rng), noise(rng), noise(rng), noise(rng));
    out += buf;
  }
  char pos[64] = ",";
  if (fix) std::snprintf(pos, sizeof pos, "%.7f,%.7f", p.lat, p.lon);
  std::snprintf(buf, sizeof buf, "%ld,G,,,,,,,%s,240.0,%.1f,%d,3.90\n", tick, pos, speed_kmh, fix ? 9 : 0);
  out += buf;
  if (++counter % 37 == 0) out += buf;                                    // duplicate rows occur
  if (counter % 500 == 0) out += std::to_string(tick) + ",M,,,,,,,,,,,,\n";  // marker row
  return out;
}
}  // namespace

Track generated_track(const GeneratorOptions& o) {
  LocalProjection proj({o.centre_lat, o.centre_lon});
  LatLon line = proj.to_latlon(circuit_point(o, 0));
  return {"generated", "Generated Circuit", "Synthetic", {line.lat, line.lon, 15, 90}};
}

std::uint64_t generate_session(const GeneratorOptions& o, std::ostream& out) {
  static const char* headers[] = {
      "gps_time,lat,lon,alt,speed,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,vbat\n",
      "tick_ms,row_type,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,lat,lon,alt,speed,sats,vbat\n",
      "timestamp,latitude,longitude,speed,satellites,vbat\n"};
  std::string header = o.format == "tick_ms" ? headers[1] : o.format == "timestamp" ? headers[2] : headers[0];
  out << header;
  std::uint64_t bytes = header.size();
  std::mt19937 rng(o.seed);
  LocalProjection proj({o.centre_lat, o.centre_lon});
  double length = circuit_length(o);
  long counter = 0;
  int no_fix = o.no_fix_rows;
  auto all = phases(o);
  double end = all.back().t0 + all.back().duration;
  std::size_t i = 0;
  for (long k = 0;; ++k) {  // samples on a fixed grid, so the line falls between samples
    double t = static_cast<double>(k) / o.rate_hz;
    if (t >= end) break;
    while (t >= all[i].t0 + all[i].duration) ++i;
    const Phase& ph = all[i];
    double u = (t - ph.t0) / ph.duration;
    double s = ph.s0 + (ph.s1 - ph.s0) * (ph.uneven ? covered(u) : u);
    double speed = (ph.s1 - ph.s0) / ph.duration * 3.6;
    LatLon p = proj.to_latlon(circuit_point(o, std::fmod(s, length)));
    bool fix = no_fix <= 0;
    std::string text = o.format == "tick_ms" ? tick_rows(t, p, speed, rng, fix, counter) : row(o, t, p, speed, rng, fix);
    out << text;
    bytes += text.size();
    if (!fix) --no_fix;
  }
  return bytes;
}

}  // namespace racesense::analysis
