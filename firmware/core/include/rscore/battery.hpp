// The battery voltage from the ADC: the calibrated millivolts at the resistor divider's tap times
// the divider ratio (Kconfig RS_VBAT_DIVIDER_X100, e.g. 200 for two equal resistors).
#pragma once

namespace rs {

// 0 for a reading the ADC could not give (negative) or a ratio below 1.
double battery_volts(int tap_millivolts, int divider_x100);

}  // namespace rs
