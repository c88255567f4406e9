// esp_http_client on the host, behaving as esp_http_client.c (v5.5.5) does against racesense-server:
// - open() connects (unless connected) and writes the request head; it reads nothing;
// - the server's answer sits in the socket until fetch_headers() (which times out with
//   -ESP_ERR_HTTP_EAGAIN and leaves the request writable);
// - write() returns the bytes written, 0 when the socket stalled past the timeout, -1 on a reset;
// - an early answer (401/413/507) is followed by the server draining a little, then a reset that
//   discards what was unread; a socket the server closed is only found out when it is used;
// - get_and_clear_last_tls_error() returns the ESP_ERR_ESP_TLS_* code and clears it;
// - request headers stay set across requests until deleted; response headers reach the application
//   only as HTTP_EVENT_ON_HEADER events during fetch_headers();
// - the server keeps resumable uploads (Upload-Complete, X-Content-SHA256, PATCH with Upload-Offset,
//   HEAD) as racesense-server does, a cut keeping the bytes that arrived.
#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <deque>

#include "esp_fake.hpp"
#include "esp_http_client.h"

namespace {
struct Message {
  int status = 0;
  std::string body;
  bool keep_alive = true;
  std::vector<std::pair<std::string, std::string>> headers;
};

const char* method_name(esp_http_client_method_t m) {
  switch (m) {
    case HTTP_METHOD_PATCH: return "PATCH";
    case HTTP_METHOD_HEAD: return "HEAD";
    case HTTP_METHOD_GET: return "GET";
    default: return "POST";
  }
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char d[32];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), d, &n, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < n; ++i) out += {hex[d[i] >> 4], hex[d[i] & 15]};
  return out;
}
}  // namespace

struct esp_http_client {
  std::string url;
  esp_http_client_method_t method = HTTP_METHOD_POST;
  http_event_handle_cb event_handler = nullptr;
  void* user_data = nullptr;
  std::string resumable_sha;  // the upload this request adds to ("" for a plain upload)
  std::map<std::string, std::string> headers;  // kept across requests, as the SDK does
  bool connected = false, head_sent = false;
  bool peer_closed = false, reset = false, early = false;
  std::size_t post_len = 0, drained = 0;
  int request = -1;  // index in server.requests (-1: the server never saw it)
  fake::HttpReply reply;
  std::deque<Message> inbox;  // bytes in the socket's receive buffer, as whole messages
  Message current;
  std::size_t read_pos = 0;
  fake::ConnectFailure last_error;
};

namespace {
esp_http_client* g_live = nullptr;

void server_answers(esp_http_client* c) {
  auto& server = fake::http();
  fake::HttpRequestSeen& seen = server.requests[static_cast<std::size_t>(c->request)];
  std::string whole = c->resumable_sha.empty() ? seen.body : server.partial[c->resumable_sha];
  if (!c->resumable_sha.empty() && c->reply.status == 200 && !c->early) {
    server.partial.erase(c->resumable_sha);
    server.completed[sha256_hex(whole)] = whole.size();
  }
  std::string body = c->reply.body.empty()
                         ? "{\"sha256\":\"" + sha256_hex(whole) + "\",\"laps\":" + std::to_string(c->reply.laps) + "}"
                         : c->reply.body;
  c->inbox.push_back({c->reply.status, body, c->reply.keep_alive, {}});
}

std::string header_of(const esp_http_client* c, const char* name) {
  auto it = c->headers.find(name);
  return it == c->headers.end() ? std::string() : it->second;
}

// HEAD /api/uploads/<sha>: answered from the headers alone.
Message offset_answer(const std::string& sha) {
  auto& server = fake::http();
  if (!server.resumable) return {404, "{\"error\":{\"code\":\"not_found\"}}", true, {}};
  if (auto it = server.partial.find(sha); it != server.partial.end())
    return {204, "", true, {{"Upload-Offset", std::to_string(it->second.size())}, {"Upload-Complete", "?0"}}};
  if (auto it = server.completed.find(sha); it != server.completed.end())
    return {204, "", true, {{"Upload-Offset", std::to_string(it->second)}, {"Upload-Complete", "?1"}}};
  return {404, "{\"error\":{\"code\":\"not_found\"}}", true, {}};
}

std::string sha_in_url(const std::string& url) { return url.substr(url.rfind('/') + 1); }

// Where a resumable request's bytes go, or why it is refused (409) before its body.
bool start_resumable(esp_http_client* c) {
  auto& server = fake::http();
  c->resumable_sha.clear();
  if (!server.resumable || header_of(c, "Upload-Complete").empty()) return true;
  if (c->method == HTTP_METHOD_POST) {
    c->resumable_sha = header_of(c, "X-Content-SHA256");
    server.partial[c->resumable_sha].clear();
    return true;
  }
  c->resumable_sha = sha_in_url(c->url);
  auto it = server.partial.find(c->resumable_sha);
  if (it != server.partial.end() && std::to_string(it->second.size()) == header_of(c, "Upload-Offset")) return true;
  c->resumable_sha.clear();
  return false;
}

void received(esp_http_client* c, fake::HttpRequestSeen& seen, const char* data, std::size_t n) {
  seen.body.append(data, n);
  if (!c->resumable_sha.empty()) fake::http().partial[c->resumable_sha].append(data, n);
}

void connection_reset(esp_http_client* c) {
  c->reset = true;
  c->inbox.clear();  // an RST discards what the application had not read
}
}  // namespace

namespace fake {
HttpServer& http() {
  static HttpServer server;
  return server;
}
void HttpServer::drop_idle_connection() {
  if (g_live && g_live->connected) g_live->peer_closed = true;
}
}  // namespace fake

esp_err_t esp_crt_bundle_attach(void*) { return ESP_OK; }

esp_http_client_handle_t esp_http_client_init(const esp_http_client_config_t* config) {
  auto* c = new esp_http_client;
  c->url = config->url ? config->url : "";
  c->event_handler = config->event_handler;
  c->user_data = config->user_data;
  g_live = c;
  return c;
}

esp_err_t esp_http_client_cleanup(esp_http_client_handle_t c) {
  if (g_live == c) g_live = nullptr;
  delete c;
  return ESP_OK;
}

esp_err_t esp_http_client_set_url(esp_http_client_handle_t c, const char* url) {
  c->url = url;
  return ESP_OK;
}
esp_err_t esp_http_client_set_method(esp_http_client_handle_t c, esp_http_client_method_t method) {
  c->method = method;
  return ESP_OK;
}
esp_err_t esp_http_client_delete_header(esp_http_client_handle_t c, const char* key) {
  c->headers.erase(key);
  return ESP_OK;
}
esp_err_t esp_http_client_set_header(esp_http_client_handle_t c, const char* key, const char* value) {
  c->headers[key] = value;
  return ESP_OK;
}
esp_err_t esp_http_client_set_timeout_ms(esp_http_client_handle_t, int) { return ESP_OK; }

esp_err_t esp_http_client_open(esp_http_client_handle_t c, int write_len) {
  auto& server = fake::http();
  if (server.on_open) server.on_open(server.requests.size());
  if (!c->connected) {
    ++server.connects;
    if (!server.connect_failures.empty()) {
      c->last_error = server.connect_failures.front();
      server.connect_failures.pop_front();
      return ESP_ERR_HTTP_CONNECT;
    }
    c->connected = true;
    c->peer_closed = c->reset = false;
  }
  c->head_sent = true;
  c->post_len = static_cast<std::size_t>(write_len);
  c->inbox.clear();
  c->current = {};
  c->early = false;
  c->drained = 0;
  c->request = -1;
  if (c->peer_closed) {  // the head goes into a socket the server has closed: the RST comes back
    connection_reset(c);
    return ESP_OK;
  }
  bool scripted = c->method != HTTP_METHOD_HEAD && !server.replies.empty();  // scripts are for uploads
  c->reply = scripted ? server.replies.front() : fake::HttpReply{};
  if (scripted) server.replies.pop_front();
  server.requests.push_back({method_name(c->method), c->url, c->headers, "", false});
  c->request = static_cast<int>(server.requests.size() - 1);
  auto expect = c->headers.find("Expect");
  if (c->method == HTTP_METHOD_HEAD) {
    c->inbox.push_back(offset_answer(sha_in_url(c->url)));
    c->reply = fake::HttpReply{};
    return ESP_OK;
  }
  if (!c->reply.early && !start_resumable(c)) {  // 409: the offset is not where the stored bytes end
    c->reply.status = 409;
    c->reply.body = "{\"error\":{\"code\":\"offset_mismatch\",\"message\":\"Upload-Offset\"}}";
    c->reply.early = true;
  }
  if (c->reply.early) {
    c->early = true;
    c->reply.keep_alive = false;
    server_answers(c);
  } else if (expect != c->headers.end() && expect->second == "100-continue" && server.honours_expect) {
    c->inbox.push_back({100, "", true});
  }
  return ESP_OK;
}

int esp_http_client_write(esp_http_client_handle_t c, const char* buffer, int len) {
  if (!c->head_sent) return ESP_FAIL;
  if (c->reset) return -1;
  auto n = static_cast<std::size_t>(len);
  if (c->early) {  // the server drains a little after its early answer, then resets
    c->drained += n;
    if (c->drained > fake::http().drain_limit) connection_reset(c);
    return c->reset ? -1 : len;
  }
  fake::HttpRequestSeen& seen = fake::http().requests[static_cast<std::size_t>(c->request)];
  if (c->reply.reset_after && seen.body.size() + n > c->reply.reset_after) {
    received(c, seen, buffer, c->reply.reset_after - seen.body.size());
    connection_reset(c);
    return -1;
  }
  if (c->reply.write_timeout_after && seen.body.size() + n > c->reply.write_timeout_after) {
    received(c, seen, buffer, c->reply.write_timeout_after - seen.body.size());
    c->reply.write_timeout_after = 0;  // a stall: later writes on this socket go through again
    return 0;  // esp_transport_write timed out: esp_http_client_write returns 0
  }
  received(c, seen, buffer, n);
  if (seen.body.size() == c->post_len) {
    seen.complete = true;
    server_answers(c);
  }
  return len;
}

int64_t esp_http_client_fetch_headers(esp_http_client_handle_t c) {
  if (!c->head_sent) return ESP_FAIL;
  if (c->inbox.empty()) return c->reset ? ESP_FAIL : -ESP_ERR_HTTP_EAGAIN;
  c->current = c->inbox.front();
  c->inbox.pop_front();
  c->read_pos = 0;
  for (auto& [key, value] : c->current.headers) {  // http_on_header_event(), one per header
    if (!c->event_handler) break;
    esp_http_client_event_t event{};
    event.event_id = HTTP_EVENT_ON_HEADER;
    event.client = c;
    event.user_data = c->user_data;
    event.header_key = key.data();
    event.header_value = value.data();
    c->event_handler(&event);
  }
  if (c->current.status != 100 && !c->current.keep_alive) c->peer_closed = true;  // closes after the answer
  return static_cast<int64_t>(c->current.body.size());
}

int esp_http_client_get_status_code(esp_http_client_handle_t c) { return c->current.status ? c->current.status : -1; }

int esp_http_client_read(esp_http_client_handle_t c, char* buffer, int len) {
  std::size_t n = std::min(static_cast<std::size_t>(len), c->current.body.size() - c->read_pos);
  std::memcpy(buffer, c->current.body.data() + c->read_pos, n);
  c->read_pos += n;
  return static_cast<int>(n);
}

int esp_http_client_read_response(esp_http_client_handle_t c, char* buffer, int len) {
  int got = 0;
  while (got < len) {
    int n = esp_http_client_read(c, buffer + got, len - got);
    if (n <= 0) break;
    got += n;
  }
  return got;
}

esp_err_t esp_http_client_flush_response(esp_http_client_handle_t c, int* len) {
  if (len) *len = static_cast<int>(c->current.body.size() - c->read_pos);
  c->read_pos = c->current.body.size();
  return ESP_OK;
}

bool esp_http_client_is_persistent_connection(esp_http_client_handle_t c) { return c->current.keep_alive; }

esp_err_t esp_http_client_close(esp_http_client_handle_t c) {
  c->connected = c->head_sent = false;
  c->peer_closed = c->reset = false;
  c->inbox.clear();
  return ESP_OK;
}

esp_err_t esp_http_client_get_and_clear_last_tls_error(esp_http_client_handle_t c, int* esp_tls_code, int* esp_tls_flags) {
  fake::ConnectFailure last = c->last_error;
  c->last_error = {};
  if (esp_tls_code) *esp_tls_code = last.mbedtls_error;
  if (esp_tls_flags) *esp_tls_flags = last.verify_flags;
  return last.esp_tls_error;
}
