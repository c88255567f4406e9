#pragma once

#include <string>

namespace rs {

// What a GATT read or write answers.
struct AttReply {
  int att_error = 0;  // 0 = success
  std::string value;  // for reads
};

}  // namespace rs
