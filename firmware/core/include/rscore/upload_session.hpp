// The upload sequence over one kept HTTP connection (docs/protocol.md §2), whatever the HTTP stack:
// - the head carries `Expect: 100-continue`, so an early final answer (401 wrong token, 413 too big,
//   507 disk full) is read before any body byte is sent, instead of a write failing on the socket the
//   server has closed;
// - a kept connection the server has dropped meanwhile (idle timeout) costs one free reconnect, as
//   long as no body byte was consumed;
// - short writes are resumed, a write that times out (0) ends the attempt: bytes are never skipped;
// - the connection is kept after a response only when the server keeps it (HTTP/1.1 keep-alive);
// - a resumable upload (docs/protocol.md §2.2) asks for the offset with a HEAD and appends with a
//   PATCH on that same connection (one request = one exchange()).
#pragma once

#include <cstdint>
#include <vector>

#include "rscore/ports.hpp"

namespace rs {

struct UploadSessionSettings {
  std::uint32_t continue_wait_ms = 1500;   // wait for "100 Continue" before sending the body anyway
  std::uint32_t response_wait_ms = 30000;  // idle limit while waiting for the final answer
  std::size_t chunk = 4096;                // body bytes read from the card and written at a time
  std::size_t max_reply = 2048;            // response body bytes kept (the rest is drained)
};

class UploadSession : public HttpUploader {
 public:
  explicit UploadSession(HttpConnection& connection, UploadSessionSettings settings = {})
      : conn_(connection), settings_(settings) {}
  Result<UploadResponse> post(const UploadRequest& request, BodySource& body) override;
  Result<UploadOffset> query_offset(const UploadRequest& request) override;
  void close() override;

 private:
  Result<UploadResponse> exchange(const UploadRequest& request, BodySource& body, bool* body_started);
  Result<UploadOffset> ask_offset(const UploadRequest& request);
  Error open_failure();
  Error send_body(BodySource& body, std::vector<char>& buf);
  Result<UploadResponse> final_answer();
  Result<UploadResponse> read_response(bool keep_allowed);
  Error drop(Error e);

  HttpConnection& conn_;
  UploadSessionSettings settings_;
  bool connected_ = false;
};

}  // namespace rs
