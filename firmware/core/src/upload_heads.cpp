#include "rscore/upload_heads.hpp"

#include <cstdlib>

#include "racesense/protocol.hpp"
#include "rscore/sync_config.hpp"

namespace rs {

RequestHead upload_head(const UploadRequest& r) {
  RequestHead head;
  bool append = !r.sha256.empty() && r.offset > 0;
  head.method = append ? HttpMethod::kPatch : HttpMethod::kPost;
  head.url = append ? r.resume_url : r.url;
  head.content_length = r.content_length - (append ? r.offset : 0);
  head.headers = {{"Content-Type", append ? protocol::kPartialUploadType : "text/csv"},
                  {protocol::kFilenameHeader, percent_encode(r.filename)},
                  {"Expect", "100-continue"}};
  if (!r.sha256.empty()) {
    head.headers.push_back({protocol::kUploadCompleteHeader, "?1"});
    if (append) head.headers.push_back({protocol::kUploadOffsetHeader, std::to_string(r.offset)});
    else head.headers.push_back({protocol::kSha256Header, r.sha256});
  }
  if (!r.token.empty()) head.headers.push_back({"Authorization", "Bearer " + r.token});
  return head;
}

RequestHead offset_head(const UploadRequest& r) {
  RequestHead head;
  head.method = HttpMethod::kHead;
  head.url = r.resume_url;
  if (!r.token.empty()) head.headers.push_back({"Authorization", "Bearer " + r.token});
  return head;
}

UploadOffset parse_upload_offset(int status, const std::string& offset, const std::string& complete) {
  UploadOffset o;
  o.status = status;
  if (status != 204) return o;
  bool digits = !offset.empty() && offset.size() <= 18;  // below 10^18: no overflow
  for (char c : offset) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    o.status = 0;  // a 204 without a usable offset: not an answer this client understands
    return o;
  }
  o.offset = std::strtoull(offset.c_str(), nullptr, 10);
  o.complete = complete == "?1";
  return o;
}

}  // namespace rs
