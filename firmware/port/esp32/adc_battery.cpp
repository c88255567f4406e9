#include "adc_battery.hpp"

#include "esp_adc/adc_cali_scheme.h"
#include "sdkconfig.h"

namespace rs::esp32 {

AdcBattery::AdcBattery() {
  adc_oneshot_unit_init_cfg_t unit_cfg = {};
  unit_cfg.unit_id = ADC_UNIT_1;
  if (adc_oneshot_new_unit(&unit_cfg, &unit_) != ESP_OK) return;
  adc_oneshot_chan_cfg_t chan = {};
  chan.atten = ADC_ATTEN_DB_12;
  chan.bitwidth = ADC_BITWIDTH_DEFAULT;
  adc_oneshot_config_channel(unit_, static_cast<adc_channel_t>(CONFIG_RS_VBAT_ADC_CHANNEL), &chan);
  adc_cali_curve_fitting_config_t cali = {};
  cali.unit_id = ADC_UNIT_1;
  cali.chan = static_cast<adc_channel_t>(CONFIG_RS_VBAT_ADC_CHANNEL);
  cali.atten = ADC_ATTEN_DB_12;
  cali.bitwidth = ADC_BITWIDTH_DEFAULT;
  adc_cali_create_scheme_curve_fitting(&cali, &cali_);
}

double AdcBattery::volts() {
  int raw = 0, mv = 0;
  if (!unit_ || adc_oneshot_read(unit_, static_cast<adc_channel_t>(CONFIG_RS_VBAT_ADC_CHANNEL), &raw) != ESP_OK) return 0;
  if (!cali_ || adc_cali_raw_to_voltage(cali_, raw, &mv) != ESP_OK) return 0;
  return mv / 1000.0 * CONFIG_RS_VBAT_DIVIDER_X100 / 100.0;
}

}  // namespace rs::esp32
