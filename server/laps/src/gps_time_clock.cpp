#include "gps_time_clock.hpp"

#include <algorithm>
#include <cmath>

namespace racesense::analysis {
bool GpsTimeClock::split(std::string_view s, std::int64_t& second, int& counter) {
  auto dot = s.find('.');
  auto int_part = s.substr(0, dot);
  if (int_part.empty() || int_part.size() > 12) return false;
  second = 0;
  for (char c : int_part) {
    if (c < '0' || c > '9') return false;
    second = second * 10 + (c - '0');
  }
  counter = 0;
  auto frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  int digits = 0;
  for (char c : frac) {
    if (c < '0' || c > '9') return false;
    if (digits < 3) counter = counter * 10 + (c - '0');
    ++digits;
  }
  for (; digits < 3; ++digits) counter *= 10;
  return true;
}

namespace {
constexpr double kUnlikelyStep = 0.001;  // prior weight of a step far from the usual sample period
}  // namespace

// The overlap weighted by how usual a step of that length is.
double GpsTimeClock::score(double step, double second_ms) const {
  double overlap = this->overlap(step, second_ms);
  if (overlap <= 0) return overlap;
  bool usual = usual_step_ > 0 ? std::fabs(step - usual_step_) <= std::max(0.5 * usual_step_, 50.0) : step < 1000;
  return overlap * (usual ? 1.0 : kUnlikelyStep);
}

std::optional<double> GpsTimeClock::next(std::string_view gps_time) {
  std::int64_t second;
  int counter;
  double t;
  if (!split(gps_time, second, counter) || !next(second, counter, t)) return std::nullopt;
  return t;
}

bool GpsTimeClock::weigh_next(std::int64_t second, int counter, double& t_ms) {
  if (!started_) {
    started_ = true;
    first_second_ = last_second_ = second;
    last_counter_ = counter;
    t_ms = 0.0;
    return true;
  }
  if (second < last_second_ || second - last_second_ > 86400) return false;
  double second_ms = 1000.0 * static_cast<double>(second - first_second_);
  double base = (counter - last_counter_ + 1000) % 1000;
  std::int64_t d = second - last_second_;
  double best_step = base, best_score = -1e18;
  for (std::int64_t m = std::max<std::int64_t>(0, d - 2); m <= d + 1; ++m) {
    double step = base + 1000.0 * static_cast<double>(m);
    double s = score(step, second_ms);
    if (s > best_score) {
      best_score = s;
      best_step = step;
    }
  }
  take_step(best_step, best_score, second_ms, second, counter);
  t_ms = t_ms_;
  return true;
}

std::optional<std::int64_t> GpsTimeClock::epoch_ms_at_first() const {
  if (!started_) return std::nullopt;
  return first_second_ * 1000 + std::llround((phi_lo_ + phi_hi_) / 2);
}

}  // namespace racesense::analysis
