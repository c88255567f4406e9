#pragma once

#include "esp_err.h"

namespace rs::esp32 {

// Mounts the SD card (SPI) as FAT at mount_point; the pins come from Kconfig.
esp_err_t mount_sd_card(const char* mount_point);

}  // namespace rs::esp32
