// The firmware's reading of the server's answer to an upload: any body (a proxy's HTML error page,
// a cut JSON) gives a reply without crashing.
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "rscore/upload_reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rs::UploadReply r = rs::parse_upload_reply(std::string(reinterpret_cast<const char*>(data), size));
  FUZZ_CHECK(r.laps >= 0);
  if (!r.valid) FUZZ_CHECK(r.sha256.empty());
  return 0;
}
