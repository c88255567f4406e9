// The request heads of an upload, whatever the HTTP stack (UploadSession over esp_http_client,
// curl in rs-core-sim): a plain or resumable POST, a PATCH that appends, the HEAD that asks for the
// offset (docs/protocol.md §2, §2.2).
#pragma once

#include <string>
#include <vector>

#include "rscore/ports.hpp"

namespace rs {

struct RequestHead {
  HttpMethod method = HttpMethod::kPost;
  std::string url;
  std::vector<HttpHeader> headers;  // Expect: 100-continue included; the stack may drop it
  std::uint64_t content_length = 0;
};

RequestHead upload_head(const UploadRequest& request);  // POST, or PATCH from request.offset
RequestHead offset_head(const UploadRequest& request);  // HEAD request.resume_url
// The answer to the HEAD: its status and the Upload-Offset / Upload-Complete values.
UploadOffset parse_upload_offset(int status, const std::string& offset, const std::string& complete);

}  // namespace rs
