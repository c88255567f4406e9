#include "gps_time_clock.hpp"

#include <cmath>
#include <cstdlib>

namespace racesense::analysis {
namespace {
bool split(std::string_view s, std::int64_t& second, int& counter) {
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
}  // namespace

std::optional<double> GpsTimeClock::next(std::string_view gps_time) {
  std::int64_t second;
  int counter;
  if (!split(gps_time, second, counter)) return std::nullopt;
  if (!started_) {
    started_ = true;
    first_second_ = last_second_ = second;
    last_counter_ = counter;
    first_epoch_ms_ = second * 1000;
    return 0.0;
  }
  if (second < last_second_ || second - last_second_ > 86400) return std::nullopt;
  double base = (counter - last_counter_ + 1000) % 1000;
  std::int64_t d = second - last_second_;
  double best = base;  // up to one second between samples: the counter alone is right
  double best_err = 1e18;
  double target_phase = phase_ / static_cast<double>(phase_samples_);
  for (std::int64_t m = d - 2; d >= 2 && m <= d + 1; ++m) {
    double t = t_ms_ + base + 1000.0 * static_cast<double>(m);
    double err = std::fabs(t - 1000.0 * static_cast<double>(second - first_second_) - target_phase);
    if (err < best_err) {
      best_err = err;
      best = base + 1000.0 * static_cast<double>(m);
    }
  }
  t_ms_ += best;
  double phase_now = t_ms_ - 1000.0 * static_cast<double>(second - first_second_);
  phase_ += phase_now;
  ++phase_samples_;
  last_second_ = second;
  last_counter_ = counter;
  return t_ms_;
}

}  // namespace racesense::analysis
