// Host fake of ESP-IDF v5.5.5 esp_err.h: the values the port uses, as the SDK defines them.
#pragma once
#include <cstdio>
#include <cstdlib>
typedef int esp_err_t;
#define ESP_OK 0
#define ESP_FAIL -1
#define ESP_ERR_NO_MEM 0x101
#define ESP_ERR_INVALID_ARG 0x102
#define ESP_ERR_INVALID_STATE 0x103
#define ESP_ERROR_CHECK(x)                                                          \
  do {                                                                              \
    esp_err_t err_rc_ = (x);                                                        \
    if (err_rc_ != ESP_OK) {                                                        \
      std::fprintf(stderr, "ESP_ERROR_CHECK failed: 0x%x at %s\n", err_rc_, #x);    \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)
