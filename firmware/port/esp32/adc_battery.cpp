#include "adc_battery.hpp"

#include "esp_adc/adc_cali_scheme.h"
#include "rscore/battery.hpp"
#include "sdkconfig.h"

namespace rs::esp32 {
namespace {
const auto kChannel = static_cast<adc_channel_t>(CONFIG_RS_VBAT_ADC_CHANNEL);
}  // namespace

AdcBattery::AdcBattery() {
  adc_oneshot_unit_init_cfg_t unit_cfg = {};
  unit_cfg.unit_id = ADC_UNIT_1;
  if (adc_oneshot_new_unit(&unit_cfg, &unit_) != ESP_OK) return;
  adc_oneshot_chan_cfg_t chan = {};
  chan.atten = ADC_ATTEN_DB_12;
  chan.bitwidth = ADC_BITWIDTH_DEFAULT;
  adc_oneshot_config_channel(unit_, kChannel, &chan);
  adc_cali_curve_fitting_config_t cali = {};
  cali.unit_id = ADC_UNIT_1;
  cali.chan = kChannel;
  cali.atten = ADC_ATTEN_DB_12;
  cali.bitwidth = ADC_BITWIDTH_DEFAULT;
  adc_cali_create_scheme_curve_fitting(&cali, &cali_);
}

double AdcBattery::volts() {
  int raw = 0, mv = -1;
  if (!unit_ || !cali_ || adc_oneshot_read(unit_, kChannel, &raw) != ESP_OK) return 0;
  if (adc_cali_raw_to_voltage(cali_, raw, &mv) != ESP_OK) return 0;
  return battery_volts(mv, CONFIG_RS_VBAT_DIVIDER_X100);
}

}  // namespace rs::esp32
