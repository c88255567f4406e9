#include "curl_uploader.hpp"

#include "racesense/protocol.hpp"
#include "rscore/sync_config.hpp"
#include "rscore/upload_heads.hpp"

#include <strings.h>

#include <cstring>

namespace rs::host {
namespace {
struct Transfer {
  BodySource* body = nullptr;
  Error body_error = Error::kOk;
  std::string response;
  std::string upload_offset, upload_complete;  // response headers of a resumable upload
};

std::string header_value(const char* line, std::size_t len, const char* name) {
  std::size_t n = std::strlen(name);
  if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':') return {};
  std::string v(line + n + 1, len - n - 1);
  auto b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
}

size_t read_header(char* line, size_t size, size_t nitems, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t len = size * nitems;
  if (auto v = header_value(line, len, protocol::kUploadOffsetHeader); !v.empty()) t->upload_offset = v;
  if (auto v = header_value(line, len, protocol::kUploadCompleteHeader); !v.empty()) t->upload_complete = v;
  return len;
}

// The head as the core builds it (rscore/upload_heads.hpp), except Expect: curl sends the body at once.
curl_slist* header_list(const RequestHead& head) {
  curl_slist* list = nullptr;
  for (const auto& h : head.headers) {
    if (std::strcmp(h.name, "Expect") == 0) continue;
    list = curl_slist_append(list, (std::string(h.name) + ": " + h.value).c_str());
  }
  return curl_slist_append(list, "Expect:");
}

size_t read_body(char* buf, size_t size, size_t nitems, void* user) {
  auto* t = static_cast<Transfer*>(user);
  auto n = t->body->read(buf, size * nitems);
  if (!n.ok()) {
    t->body_error = n.error();
    return CURL_READFUNC_ABORT;
  }
  return n.value();
}

size_t write_response(char* data, size_t size, size_t nmemb, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (t->response.size() < 8192) t->response.append(data, std::min<size_t>(size * nmemb, 8192 - t->response.size()));
  return size * nmemb;
}

Error map_error(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return Error::kTlsFailed;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return Error::kServerUnreachable;
    case CURLE_OPERATION_TIMEDOUT: return Error::kTimeout;
    default: return Error::kConnectionLost;
  }
}
}  // namespace

CurlUploader::CurlUploader(std::string ca_file, long timeout_s, std::vector<std::string> resolve)
    : ca_file_(std::move(ca_file)), timeout_s_(timeout_s), resolve_(std::move(resolve)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

CurlUploader::~CurlUploader() { close(); }

CURL* CurlUploader::handle() {
  if (!curl_) curl_ = curl_easy_init();
  return curl_;
}

void CurlUploader::close() {
  if (curl_) curl_easy_cleanup(curl_);
  curl_ = nullptr;
}

void CurlUploader::common_options(CURL* c, const std::string& url, curl_slist* headers, curl_slist* resolve) {
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);  // idle timeout, not a total deadline
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, timeout_s_);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (!ca_file_.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file_.c_str());
  if (resolve) curl_easy_setopt(c, CURLOPT_RESOLVE, resolve);
}

Result<UploadResponse> CurlUploader::post(const UploadRequest& request, BodySource& body) {
  CURL* c = handle();
  if (!c) return Error::kIo;
  curl_easy_reset(c);  // keeps the live connection, clears options
  Transfer t;
  t.body = &body;
  RequestHead head = upload_head(request);
  curl_slist* headers = header_list(head);
  curl_slist* resolve = nullptr;
  for (const auto& entry : resolve_) resolve = curl_slist_append(resolve, entry.c_str());
  common_options(c, head.url, headers, resolve);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  if (head.method == HttpMethod::kPatch) curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PATCH");
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(head.content_length));
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
  curl_easy_setopt(c, CURLOPT_READDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_response);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  curl_slist_free_all(resolve);
  if (t.body_error != Error::kOk) {
    close();
    return t.body_error;
  }
  if (rc != CURLE_OK) {
    close();  // do not reuse a broken connection
    return map_error(rc);
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  return UploadResponse{static_cast<int>(status), t.response};
}

Result<UploadOffset> CurlUploader::query_offset(const UploadRequest& request) {
  CURL* c = handle();
  if (!c) return Error::kIo;
  curl_easy_reset(c);
  Transfer t;
  RequestHead head = offset_head(request);
  curl_slist* headers = header_list(head);
  curl_slist* resolve = nullptr;
  for (const auto& entry : resolve_) resolve = curl_slist_append(resolve, entry.c_str());
  common_options(c, head.url, headers, resolve);
  curl_easy_setopt(c, CURLOPT_NOBODY, 1L);  // HEAD
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  curl_slist_free_all(resolve);
  if (rc != CURLE_OK) {
    close();
    return map_error(rc);
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  return parse_upload_offset(static_cast<int>(status), t.upload_offset, t.upload_complete);
}

}  // namespace rs::host
