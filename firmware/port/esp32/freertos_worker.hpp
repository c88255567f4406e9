#pragma once

#include <cstdint>

#include "freertos/FreeRTOS.h"
#include "freertos/queue.h"
#include "freertos/task.h"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// The sync task: created once at boot with an explicit stack (TLS handshake + esp_http_client + FAT
// + cJSON), fed through a FreeRTOS queue. Its stack's high-water mark is logged after each job in
// debug builds (ESP_LOGD).
class FreeRtosWorker : public Worker {
 public:
  FreeRtosWorker(const char* name, std::uint32_t stack_bytes, UBaseType_t priority);
  bool post(std::function<void()> job) override;
  bool running() const { return task_ != nullptr; }

 private:
  static void loop(void* self);
  QueueHandle_t queue_ = nullptr;
  TaskHandle_t task_ = nullptr;
};

}  // namespace rs::esp32
