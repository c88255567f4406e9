#pragma once
#include "freertos/FreeRTOS.h"
typedef struct tskTaskControlBlock* TaskHandle_t;
typedef void (*TaskFunction_t)(void*);
BaseType_t xTaskCreate(TaskFunction_t code, const char* name, uint32_t stack_depth, void* params, UBaseType_t priority,
                       TaskHandle_t* created);
void vTaskDelete(TaskHandle_t task);
UBaseType_t uxTaskGetStackHighWaterMark(TaskHandle_t task);
void vTaskDelay(TickType_t ticks);
