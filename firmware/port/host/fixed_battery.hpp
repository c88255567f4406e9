// A battery that always reads the same voltage: rs-core-sim's (--battery-v) and the tests'.
#pragma once

#include "rscore/ports.hpp"

namespace rs::host {

class FixedBattery : public Battery {
 public:
  explicit FixedBattery(double volts = 3.9) : volts_(volts) {}
  double volts() override { return volts_; }

 private:
  double volts_;
};

}  // namespace rs::host
