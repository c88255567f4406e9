#pragma once

#include <string>

namespace rs {

// What the device needs from the server's answer to POST /api/upload.
struct UploadReply {
  bool valid = false;   // a JSON object with a sha256
  std::string sha256;
  int laps = 0;
  std::string error_message;  // from {"error":{"message"}} on failures
};

UploadReply parse_upload_reply(const std::string& body);

}  // namespace rs
