#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace racesense::analysis {

// Rebuilds a monotonic clock from RS-Core `gps_time` values: the integer part is the GPS second,
// the fraction a free-running millisecond counter that wraps independently of it (…612.913 →
// …612.013 → …613.713). Steps come from the counter (mod 1000); whole seconds are added only where
// the integer part says time jumped further, choosing the candidate that keeps the counter's phase
// relative to the GPS second stable.
class GpsTimeClock {
 public:
  // Returns monotonic ms since the first sample, or nullopt for an unparsable value.
  std::optional<double> next(std::string_view gps_time);
  std::optional<std::int64_t> epoch_ms_at_first() const { return first_epoch_ms_; }

 private:
  bool started_ = false;
  std::int64_t first_second_ = 0, last_second_ = 0;
  int last_counter_ = 0;
  // phase: t_ms - 1000 * (second - first_second), summed over samples to average it
  double t_ms_ = 0, phase_ = 0;
  std::int64_t phase_samples_ = 1;
  std::optional<std::int64_t> first_epoch_ms_;
};

}  // namespace racesense::analysis
