#pragma once
#include "esp_err.h"
typedef int spi_host_device_t;
typedef int gpio_num_t;
typedef struct { int slot; } sdmmc_host_t;
typedef struct { spi_host_device_t host_id; gpio_num_t gpio_cs; } sdspi_device_config_t;
typedef struct { int mosi_io_num, miso_io_num, sclk_io_num, quadwp_io_num, quadhd_io_num, max_transfer_sz; } spi_bus_config_t;
#define SDSPI_HOST_DEFAULT() sdmmc_host_t{1}
#define SDSPI_DEVICE_CONFIG_DEFAULT() sdspi_device_config_t{1, 13}
#define SDSPI_DEFAULT_DMA 3
esp_err_t spi_bus_initialize(spi_host_device_t host, const spi_bus_config_t* config, int dma);
