#include "pairing_button.hpp"

#include "driver/gpio.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"

namespace rs::esp32 {
namespace {
struct Watch {
  gpio_num_t pin;
  std::function<void()> on_press;
};

void poll(void* arg) {
  auto* watch = static_cast<Watch*>(arg);
  int last = 1;
  for (;;) {
    int level = gpio_get_level(watch->pin);
    if (last == 1 && level == 0) watch->on_press();
    last = level;
    vTaskDelay(pdMS_TO_TICKS(50));
  }
}
}  // namespace

void watch_pairing_button(int gpio, std::function<void()> on_press) {
  gpio_config_t config = {};
  config.pin_bit_mask = 1ULL << gpio;
  config.mode = GPIO_MODE_INPUT;
  config.pull_up_en = GPIO_PULLUP_ENABLE;
  gpio_config(&config);
  static Watch watch{static_cast<gpio_num_t>(gpio), std::move(on_press)};
  xTaskCreate(poll, "rs_pair_btn", 2048, &watch, 1, nullptr);
}

}  // namespace rs::esp32
