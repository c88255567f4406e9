#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

#include "rscore/ports.hpp"

namespace rs::host {

// HTTP(S) uploads with libcurl; one easy handle, so the connection is reused across files.
class CurlUploader : public HttpUploader {
 public:
  // resolve: "HOST:PORT:ADDRESS" entries (curl --resolve), the names the hotspot's DNS would answer.
  explicit CurlUploader(std::string ca_file = "", long timeout_s = 30, std::vector<std::string> resolve = {});
  ~CurlUploader() override;
  Result<UploadResponse> post(const UploadRequest& request, BodySource& body) override;
  Result<UploadOffset> query_offset(const UploadRequest& request) override;
  void close() override;

 private:
  CURL* handle();
  void common_options(CURL* c, const std::string& url, curl_slist* headers, curl_slist* resolve);
  CURL* curl_ = nullptr;
  std::string ca_file_;
  long timeout_s_;
  std::vector<std::string> resolve_;
};

}  // namespace rs::host
