#pragma once

#include "esp_adc/adc_cali.h"
#include "esp_adc/adc_oneshot.h"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// Battery voltage through a resistor divider on an ADC1 pin (Kconfig: channel and ratio).
class AdcBattery : public Battery {
 public:
  AdcBattery();
  double volts() override;

 private:
  adc_oneshot_unit_handle_t unit_ = nullptr;
  adc_cali_handle_t cali_ = nullptr;
};

}  // namespace rs::esp32
