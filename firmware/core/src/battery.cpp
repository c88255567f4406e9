#include "rscore/battery.hpp"

namespace rs {

double battery_volts(int tap_millivolts, int divider_x100) {
  if (tap_millivolts < 0 || divider_x100 < 100) return 0;
  return tap_millivolts / 1000.0 * divider_x100 / 100.0;
}

}  // namespace rs
