#pragma once
#include <cstddef>
#include <cstdint>
uint32_t esp_random(void);
void esp_fill_random(void* buf, size_t len);
