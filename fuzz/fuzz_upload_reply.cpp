// The firmware's reading of the server's answer to an upload: any body (a proxy's HTML error page,
// a cut JSON) gives a reply without crashing. The same bytes, split at the first newline, stand for
// the Upload-Offset and Upload-Complete values of a resumable upload's HEAD answer (§2.2).
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "rscore/upload_heads.hpp"
#include "rscore/upload_reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rs::UploadReply r = rs::parse_upload_reply(std::string(reinterpret_cast<const char*>(data), size));
  FUZZ_CHECK(r.laps >= 0);
  if (!r.valid) FUZZ_CHECK(r.sha256.empty());

  std::string text(reinterpret_cast<const char*>(data), size);
  auto nl = text.find('\n');
  std::string offset = text.substr(0, nl), complete = nl == std::string::npos ? "" : text.substr(nl + 1);
  rs::UploadOffset o = rs::parse_upload_offset(204, offset, complete);
  if (o.status == 204) {
    FUZZ_CHECK(std::to_string(o.offset) == offset.substr(offset.find_first_not_of('0') == std::string::npos
                                                            ? offset.size() - 1
                                                            : offset.find_first_not_of('0')));
    FUZZ_CHECK(o.complete == (complete == "?1"));
  } else {
    FUZZ_CHECK(o.status == 0 && o.offset == 0);
  }
  FUZZ_CHECK(rs::parse_upload_offset(404, offset, complete).status == 404);
  return 0;
}
