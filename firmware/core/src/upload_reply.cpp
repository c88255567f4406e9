#include "rscore/upload_reply.hpp"

#include <memory>

#include "cJSON.h"

namespace rs {

UploadReply parse_upload_reply(const std::string& body) {
  UploadReply reply;
  std::unique_ptr<cJSON, decltype(&cJSON_Delete)> root(cJSON_ParseWithLength(body.data(), body.size()), cJSON_Delete);
  if (!root || !cJSON_IsObject(root.get())) return reply;
  const cJSON* sha = cJSON_GetObjectItemCaseSensitive(root.get(), "sha256");
  const cJSON* laps = cJSON_GetObjectItemCaseSensitive(root.get(), "laps");
  const cJSON* error = cJSON_GetObjectItemCaseSensitive(root.get(), "error");
  if (cJSON_IsString(sha) && sha->valuestring) {
    reply.valid = true;
    reply.sha256 = sha->valuestring;
  }
  if (cJSON_IsNumber(laps) && laps->valuedouble >= 0 && laps->valuedouble < 1e6) reply.laps = laps->valueint;
  const cJSON* message = cJSON_IsObject(error) ? cJSON_GetObjectItemCaseSensitive(error, "message") : nullptr;
  if (cJSON_IsString(message) && message->valuestring) reply.error_message = message->valuestring;
  return reply;
}

}  // namespace rs
