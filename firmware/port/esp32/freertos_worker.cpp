#include "freertos_worker.hpp"

#include <new>

#include "esp_log.h"

namespace rs::esp32 {
namespace {
const char* kTag = "rs_sync";
using Job = std::function<void()>;
}  // namespace

FreeRtosWorker::FreeRtosWorker(const char* name, std::uint32_t stack_bytes, UBaseType_t priority)
    : queue_(xQueueCreate(2, sizeof(Job*))) {
  if (queue_ && xTaskCreate(&FreeRtosWorker::loop, name, stack_bytes, this, priority, &task_) != pdPASS) task_ = nullptr;
  if (!task_) ESP_LOGE(kTag, "sync task not created (stack %u bytes)", static_cast<unsigned>(stack_bytes));
}

bool FreeRtosWorker::post(Job job) {
  auto* boxed = new (std::nothrow) Job(std::move(job));
  if (!boxed) return false;
  if (task_ && xQueueSend(queue_, &boxed, 0) == pdTRUE) return true;
  delete boxed;
  return false;
}

void FreeRtosWorker::loop(void* self) {
  QueueHandle_t queue = static_cast<FreeRtosWorker*>(self)->queue_;
  Job* job = nullptr;
  while (xQueueReceive(queue, &job, portMAX_DELAY) == pdTRUE) {
    (*job)();
    delete job;
    ESP_LOGD(kTag, "sync task stack high-water mark: %u bytes free", static_cast<unsigned>(uxTaskGetStackHighWaterMark(nullptr)));
  }
  vTaskDelete(nullptr);
}

}  // namespace rs::esp32
