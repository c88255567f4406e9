#pragma once

#include <cmath>

namespace racesense::analysis {

struct LatLon {
  double lat = 0, lon = 0;
};

struct Vec2 {
  double x = 0, y = 0;  // metres east, north
  Vec2 operator-(Vec2 o) const { return {x - o.x, y - o.y}; }
  Vec2 operator+(Vec2 o) const { return {x + o.x, y + o.y}; }
  Vec2 operator*(double k) const { return {x * k, y * k}; }
  double dot(Vec2 o) const { return x * o.x + y * o.y; }
  double norm() const { return std::hypot(x, y); }
};

// Equirectangular projection around an origin: metre-accurate over a circuit.
class LocalProjection {
 public:
  explicit LocalProjection(LatLon origin)
      : origin_(origin), metres_per_deg_lon_(kMetresPerDegLat * std::cos(origin.lat * kPi / 180)) {}
  Vec2 to_xy(LatLon p) const { return to_xy(p.lat, p.lon); }
  Vec2 to_xy(double lat, double lon) const {
    return {(lon - origin_.lon) * metres_per_deg_lon_, (lat - origin_.lat) * kMetresPerDegLat};
  }
  LatLon to_latlon(Vec2 v) const {
    return {origin_.lat + v.y / kMetresPerDegLat, origin_.lon + v.x / metres_per_deg_lon_};
  }
  static constexpr double kMetresPerDegLat = 111320.0;
  static constexpr double kPi = 3.14159265358979323846;

 private:
  LatLon origin_;
  double metres_per_deg_lon_;
};

// Unit vector of a compass heading (degrees clockwise from north).
inline Vec2 heading_vector(double heading_deg) {
  double r = heading_deg * LocalProjection::kPi / 180;
  return {std::sin(r), std::cos(r)};
}

inline double heading_of(Vec2 v) {
  double deg = std::atan2(v.x, v.y) * 180 / LocalProjection::kPi;
  return deg < 0 ? deg + 360 : deg;
}

}  // namespace racesense::analysis
