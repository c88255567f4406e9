#pragma once

#include <functional>

namespace rs::esp32 {

// Calls on_press each time the (active-low) button on that GPIO is pressed: it reopens pairing
// after the wrong-code limit. A small FreeRTOS task polls it every 50 ms.
void watch_pairing_button(int gpio, std::function<void()> on_press);

}  // namespace rs::esp32
