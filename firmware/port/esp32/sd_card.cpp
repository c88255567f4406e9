#include "sd_card.hpp"

#include "driver/sdspi_host.h"
#include "esp_vfs_fat.h"
#include "sdkconfig.h"
#include "sdmmc_cmd.h"

namespace rs::esp32 {

esp_err_t mount_sd_card(const char* mount_point) {
  esp_vfs_fat_mount_config_t mount = {};
  mount.format_if_mount_failed = false;  // never wipe a racer's card
  mount.max_files = 4;
  mount.allocation_unit_size = 16 * 1024;
  sdmmc_host_t host = SDSPI_HOST_DEFAULT();
  spi_bus_config_t bus = {};
  bus.mosi_io_num = CONFIG_RS_SD_PIN_MOSI;
  bus.miso_io_num = CONFIG_RS_SD_PIN_MISO;
  bus.sclk_io_num = CONFIG_RS_SD_PIN_CLK;
  bus.quadwp_io_num = -1;
  bus.quadhd_io_num = -1;
  bus.max_transfer_sz = 4096;
  esp_err_t err = spi_bus_initialize(static_cast<spi_host_device_t>(host.slot), &bus, SDSPI_DEFAULT_DMA);
  if (err != ESP_OK) return err;
  sdspi_device_config_t slot = SDSPI_DEVICE_CONFIG_DEFAULT();
  slot.gpio_cs = static_cast<gpio_num_t>(CONFIG_RS_SD_PIN_CS);
  slot.host_id = static_cast<spi_host_device_t>(host.slot);
  sdmmc_card_t* card = nullptr;
  return esp_vfs_fat_sdspi_mount(mount_point, &host, &slot, &mount, &card);
}

}  // namespace rs::esp32
