// Host fake of FreeRTOS (ESP-IDF flavour: stack sizes in bytes). Tasks are std::threads.
#pragma once
#include <cstdint>
typedef int BaseType_t;
typedef unsigned UBaseType_t;
typedef uint32_t TickType_t;
#define pdTRUE 1
#define pdFALSE 0
#define pdPASS 1
#define portMAX_DELAY ((TickType_t)0xffffffffUL)
#define pdMS_TO_TICKS(ms) ((TickType_t)(ms))
