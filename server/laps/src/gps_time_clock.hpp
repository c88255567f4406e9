#pragma once

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
  // in t_ms, or false when the second is not plausible.
  bool next(std::int64_t second, int counter, double& t_ms);
  // Splits "1700000612.913" into 1700000612 and 913; false when it is not such a value.
  static bool split(std::string_view gps_time, std::int64_t& second, int& counter);
  // The sample period the session usually has (from a look at its first samples): where the GPS
  // second allows two steps, the one near it wins.
  void expect_step(double ms) { usual_step_ = ms; }
  // Unix ms of the first sample: its GPS second plus the best estimate of where in that second it fell.
  std::optional<std::int64_t> epoch_ms_at_first() const;

 private:
  double overlap(double step, double second_ms) const;
  double score(double step, double second_ms) const;

  bool started_ = false;
  std::int64_t first_second_ = 0, last_second_ = 0;
  int last_counter_ = 0;
  double t_ms_ = 0;
  double phi_lo_ = 0, phi_hi_ = 1000;  // φ ∈ [lo, hi), ms after the first sample's GPS second
  double usual_step_ = 0;              // typical sample period, 0 until known
};

}  // namespace racesense::analysis
