#include "nvs_pairing_store.hpp"

#include "nvs.h"

namespace rs::esp32 {
namespace {
constexpr const char* kNamespace = "rs_pair";

struct Handle {
  nvs_handle_t h = 0;
  esp_err_t err;
  explicit Handle(nvs_open_mode_t mode) : err(nvs_open(kNamespace, mode, &h)) {}
  ~Handle() {
    if (err == ESP_OK) nvs_close(h);
  }
};
}  // namespace

Result<PairingSecret> NvsPairingStore::load() {
  Handle nvs(NVS_READONLY);
  if (nvs.err == ESP_ERR_NVS_NOT_FOUND) return Error::kNotFound;  // namespace never written
  if (nvs.err != ESP_OK) return Error::kIo;
  PairingSecret secret;
  char code[16] = {};
  size_t len = sizeof code;
  esp_err_t err = nvs_get_str(nvs.h, "code", code, &len);
  if (err == ESP_ERR_NVS_NOT_FOUND || err == ESP_ERR_NVS_INVALID_LENGTH) return Error::kNotFound;
  if (err != ESP_OK) return Error::kIo;
  secret.code = code;
  size_t salt_len = 0;
  if (nvs_get_blob(nvs.h, "salt", nullptr, &salt_len) == ESP_OK && salt_len > 0 && salt_len <= 64) {
    secret.salt.resize(salt_len);
    if (nvs_get_blob(nvs.h, "salt", secret.salt.data(), &salt_len) != ESP_OK) secret.salt.clear();
  }
  return secret;
}

Status NvsPairingStore::save(const PairingSecret& secret) {
  Handle nvs(NVS_READWRITE);
  if (nvs.err != ESP_OK) return Error::kIo;
  if (nvs_set_str(nvs.h, "code", secret.code.c_str()) != ESP_OK ||
      nvs_set_blob(nvs.h, "salt", secret.salt.data(), secret.salt.size()) != ESP_OK || nvs_commit(nvs.h) != ESP_OK)
    return Error::kIo;
  return {};
}

}  // namespace rs::esp32
