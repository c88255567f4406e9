// Host fake of esp_log.h: every level is compiled in and recorded (fake::logs()).
#pragma once
void esp_fake_log(char level, const char* tag, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
#define ESP_LOGE(tag, ...) esp_fake_log('E', tag, __VA_ARGS__)
#define ESP_LOGW(tag, ...) esp_fake_log('W', tag, __VA_ARGS__)
#define ESP_LOGI(tag, ...) esp_fake_log('I', tag, __VA_ARGS__)
#define ESP_LOGD(tag, ...) esp_fake_log('D', tag, __VA_ARGS__)
