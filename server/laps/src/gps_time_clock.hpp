#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

namespace racesense::analysis {

// Rebuilds a monotonic clock from RS-Core `gps_time` values: the integer part is the GPS second,
// the fraction a free-running millisecond counter that wraps independently of it (…612.913 →
// …612.013 → …613.713). Between two samples the counter gives the step exactly modulo one second;
// the whole seconds come from the integer part. The GPS second ticks at a fixed offset φ from the
// rebuilt clock (second = floor((t + φ) / 1000)); every sample narrows the interval φ can lie in,
// and a step of "counter step + k seconds" is taken for the k that agrees with that interval. Where
// two k agree (before the interval has narrowed), the one nearer the usual sample period wins.
class GpsTimeClock {
 public:
  // Returns monotonic ms since the first sample, or nullopt for an unparsable value.
  std::optional<double> next(std::string_view gps_time);
  // The same for a value already split into its GPS second and counter (0-999): true and the time
  // in t_ms, or false when the second is not plausible. Inline for the usual case, where the
  // counter's step alone is the one the GPS second allows (each longer candidate's window lies a
  // further second away): then there is nothing to weigh.
  bool next(std::int64_t second, int counter, double& t_ms) {
    if (!started_ || second < last_second_ || second - last_second_ > 86400) return weigh_next(second, counter, t_ms);
    double second_ms = 1000.0 * static_cast<double>(second - first_second_);
    double base = (counter - last_counter_ + 1000) % 1000;
    double score = overlap(base, second_ms);
    if (score <= 0 || overlap(base + 1000, second_ms) > 0) return weigh_next(second, counter, t_ms);
    take_step(base, score, second_ms, second, counter);
    t_ms = t_ms_;
    return true;
  }
  // Splits "1700000612.913" into 1700000612 and 913; false when it is not such a value.
  static bool split(std::string_view gps_time, std::int64_t& second, int& counter);
  // The sample period the session usually has (from a look at its first samples): where the GPS
  // second allows two steps, the one near it wins.
  void expect_step(double ms) { usual_step_ = ms; }
  // Unix ms of the first sample: its GPS second plus the best estimate of where in that second it fell.
  std::optional<std::int64_t> epoch_ms_at_first() const;

 private:
  // How well a step agrees with the GPS second: the length of φ values that both the interval so
  // far and the new sample allow (≤ 0: impossible).
  double overlap(double step, double second_ms) const {
    double window_lo = second_ms - (t_ms_ + step);
    return std::min(phi_hi_, window_lo + 1000) - std::max(phi_lo_, window_lo);
  }
  double score(double step, double second_ms) const;
  // next() where the GPS second allows more than one step, or on the first or an odd sample.
  bool weigh_next(std::int64_t second, int counter, double& t_ms);
  void take_step(double step, double score, double second_ms, std::int64_t second, int counter) {
    t_ms_ += step;
    double window_lo = second_ms - t_ms_;
    if (score > 0) {
      phi_lo_ = std::max(phi_lo_, window_lo);
      phi_hi_ = std::min(phi_hi_, window_lo + 1000);
    } else {  // the integer second disagrees with everything before: start the interval afresh
      phi_lo_ = window_lo;
      phi_hi_ = window_lo + 1000;
    }
    if (step > 0 && (usual_step_ == 0 || step < 3 * usual_step_))
      usual_step_ = usual_step_ == 0 ? step : 0.8 * usual_step_ + 0.2 * step;
    last_second_ = second;
    last_counter_ = counter;
  }

  bool started_ = false;
  std::int64_t first_second_ = 0, last_second_ = 0;
  int last_counter_ = 0;
  double t_ms_ = 0;
  double phi_lo_ = 0, phi_hi_ = 1000;  // φ ∈ [lo, hi), ms after the first sample's GPS second
  double usual_step_ = 0;              // typical sample period, 0 until known
};

}  // namespace racesense::analysis
