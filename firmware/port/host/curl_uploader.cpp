#include "curl_uploader.hpp"

#include "rscore/protocol.hpp"
#include "rscore/sync_config.hpp"

namespace rs::host {
namespace {
struct Transfer {
  BodySource* body = nullptr;
  Error body_error = Error::kOk;
  std::string response;
};

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

Result<UploadResponse> CurlUploader::post(const UploadRequest& request, BodySource& body) {
  CURL* c = handle();
  if (!c) return Error::kIo;
  curl_easy_reset(c);  // keeps the live connection, clears options
  Transfer t;
  t.body = &body;
  curl_slist* headers = nullptr;
  std::string name = std::string(protocol::kFilenameHeader) + ": " + percent_encode(request.filename);
  std::string auth = "Authorization: Bearer " + request.token;
  headers = curl_slist_append(headers, name.c_str());
  if (!request.token.empty()) headers = curl_slist_append(headers, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: text/csv");
  headers = curl_slist_append(headers, "Expect:");  // send the body straight away
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.content_length));
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
  curl_easy_setopt(c, CURLOPT_READDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_response);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);  // idle timeout, not a total deadline
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, timeout_s_);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (!ca_file_.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file_.c_str());
  curl_slist* resolve = nullptr;
  for (const auto& entry : resolve_) resolve = curl_slist_append(resolve, entry.c_str());
  if (resolve) curl_easy_setopt(c, CURLOPT_RESOLVE, resolve);
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

}  // namespace rs::host
