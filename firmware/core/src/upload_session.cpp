#include "rscore/upload_session.hpp"

#include <algorithm>

#include "rscore/failure_reasons.hpp"
#include "racesense/protocol.hpp"
#include "rscore/sync_config.hpp"
#include "rscore/upload_heads.hpp"

namespace rs {

void UploadSession::close() {
  conn_.close();
  connected_ = false;
}

Error UploadSession::drop(Error e) {
  close();
  return e;
}

Result<UploadResponse> UploadSession::post(const UploadRequest& request, BodySource& body) {
  bool reused = connected_;
  bool body_started = false;
  auto first = exchange(request, body, &body_started);
  bool stale = !first.ok() && reused && !body_started && first.error() != Error::kCancelled;
  if (!stale) return first;
  return exchange(request, body, &body_started);  // the free reconnect: the server dropped the kept one
}

Error UploadSession::open_failure() {
  TlsFailure tls = conn_.take_tls_failure();
  return drop(connected_ ? Error::kConnectionLost : http_connect_failure(tls.esp_tls_error, tls.verify_flags));
}

Result<UploadResponse> UploadSession::exchange(const UploadRequest& request, BodySource& body, bool* body_started) {
  RequestHead head = upload_head(request);
  if (!conn_.open(head.method, head.url, head.headers, head.content_length)) return open_failure();
  connected_ = true;
  switch (conn_.fetch_headers(settings_.continue_wait_ms)) {
    case FetchResult::kFailed: return drop(Error::kConnectionLost);
    case FetchResult::kHeaders:
      if (conn_.status_code() != 100) return read_response(false);  // early answer: the body was never sent
      break;
    case FetchResult::kTimedOut: break;  // no interim answer (a server or proxy without 100-continue)
  }
  *body_started = true;
  std::vector<char> buf(settings_.chunk);
  Error sent = send_body(body, buf);
  if (sent != Error::kOk) return sent;
  return final_answer();
}

Result<UploadOffset> UploadSession::query_offset(const UploadRequest& request) {
  bool reused = connected_;
  auto first = ask_offset(request);
  if (first.ok() || !reused) return first;
  return ask_offset(request);  // the free reconnect: the server dropped the kept one
}

Result<UploadOffset> UploadSession::ask_offset(const UploadRequest& request) {
  RequestHead head = offset_head(request);
  if (!conn_.open(head.method, head.url, head.headers, 0)) return open_failure();
  connected_ = true;
  switch (conn_.fetch_headers(settings_.response_wait_ms)) {
    case FetchResult::kFailed: return drop(Error::kConnectionLost);
    case FetchResult::kTimedOut: return drop(Error::kTimeout);
    case FetchResult::kHeaders: break;
  }
  UploadOffset at = parse_upload_offset(conn_.status_code(), conn_.response_header(protocol::kUploadOffsetHeader),
                                        conn_.response_header(protocol::kUploadCompleteHeader));
  auto rest = read_response(true);  // an error's JSON body, if any; keeps the connection when the server does
  if (!rest.ok()) return rest.error();
  return at;
}

Error UploadSession::send_body(BodySource& body, std::vector<char>& buf) {
  for (;;) {
    auto n = body.read(buf.data(), buf.size());
    if (!n.ok()) return drop(n.error());
    if (n.value() == 0) return Error::kOk;
    for (std::size_t done = 0; done < n.value();) {
      int w = conn_.write(buf.data() + done, static_cast<int>(n.value() - done));
      if (w == 0) return drop(Error::kTimeout);  // esp_http_client_write: 0 = timed out, bytes may be lost
      if (w < 0) return drop(Error::kConnectionLost);
      done += static_cast<std::size_t>(w);
    }
  }
}

Result<UploadResponse> UploadSession::final_answer() {
  for (;;) {
    switch (conn_.fetch_headers(settings_.response_wait_ms)) {
      case FetchResult::kFailed: return drop(Error::kConnectionLost);
      case FetchResult::kTimedOut: return drop(Error::kTimeout);
      case FetchResult::kHeaders:
        if (conn_.status_code() != 100) return read_response(true);
        break;  // a late "100 Continue" after the body: the final answer follows
    }
  }
}

Result<UploadResponse> UploadSession::read_response(bool keep_allowed) {
  UploadResponse response;
  response.status = conn_.status_code();
  char buf[256];
  for (;;) {
    int n = conn_.read(buf, sizeof buf);
    if (n < 0) return drop(Error::kConnectionLost);
    if (n == 0) break;
    std::size_t keep = std::min<std::size_t>(static_cast<std::size_t>(n), settings_.max_reply - response.body.size());
    response.body.append(buf, keep);
  }
  if (!keep_allowed || !conn_.persistent()) close();
  return response;
}

}  // namespace rs
