// The hardware the sync core needs, one small interface each. Implementations live in
// port/esp32 (the RS-Core) and port/host (rs-core-sim, tests); CMake picks one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rscore/result.hpp"

namespace rs {

struct FileInfo {
  std::string name;  // file name inside its folder
  std::uint64_t size = 0;
};

class FileReader {
 public:
  virtual ~FileReader() = default;
  virtual Result<std::size_t> read(char* buf, std::size_t len) = 0;  // 0 at end of file
};

// The SD card (FAT via VFS on the RS-Core, a folder on a PC). Paths are "<folder>/<name>".
class FileStore {
 public:
  virtual ~FileStore() = default;
  // Visits the regular files of folder in the card's own order until visit returns false. Nothing is
  // collected, so memory stays flat however many files the card holds. A missing folder is empty.
  virtual Status scan(const std::string& folder, const std::function<bool(const FileInfo&)>& visit) = 0;
  virtual Result<std::uint64_t> size(const std::string& path) = 0;
  virtual Result<std::unique_ptr<FileReader>> open(const std::string& path) = 0;
  virtual Status make_folder(const std::string& folder) = 0;
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  virtual Status remove(const std::string& path) = 0;
};

// Wi-Fi station mode, kept up beside BLE (the core's WifiSession over a WifiRadio on the chip).
class WifiStation {
 public:
  virtual ~WifiStation() = default;
  // Blocks until an IP is obtained or it fails: kWifiAuthFailed, kWifiNotFound, kWifiFailed.
  virtual Status connect(const std::string& ssid, const std::string& password) = 0;
  // Joined and holding an IP; false once the hotspot dropped us or the IP was lost.
  virtual bool up() = 0;
  virtual void disconnect() = 0;
};

// The station radio (esp_wifi): starts joins and reports what happened through WifiSession's
// on_* methods, from whatever task the SDK's events arrive on.
class WifiRadio {
 public:
  virtual ~WifiRadio() = default;
  virtual bool start() = 0;  // station mode on
  virtual bool join(const std::string& ssid, const std::string& password) = 0;
  virtual void leave() = 0;  // disconnect from the hotspot
  virtual void stop() = 0;   // radio off between syncs (BLE stays up)
};

// The sync task: one long-lived task created at boot, fed jobs through a queue (esp32: a FreeRTOS
// task with an explicit stack; host: a std::thread). Radio callbacks only hand work over.
class Worker {
 public:
  virtual ~Worker() = default;
  // Queues job; false when the queue is full.
  virtual bool post(std::function<void()> job) = 0;
};

// Where an upload's body comes from: the core streams the file through it chunk by chunk.
class BodySource {
 public:
  virtual ~BodySource() = default;
  // Fills up to len bytes; 0 at the end; kCancelled stops the upload.
  virtual Result<std::size_t> read(char* buf, std::size_t len) = 0;
};

struct UploadRequest {
  std::string url;       // full URL of the upload endpoint
  std::string filename;  // sent percent-encoded in X-Filename
  std::string token;     // bearer token; never logged
  std::uint64_t content_length = 0;  // the whole file's size
  // Resumable upload (docs/protocol.md §2.2), when the file's SHA-256 is known before sending:
  std::string sha256;        // lower-case hex; empty = a plain upload
  std::string resume_url;    // the upload resource, <base>/api/uploads/<sha256>
  std::uint64_t offset = 0;  // > 0: append from this byte (PATCH); the body source starts there
};

// What the server holds of a resumable upload (HEAD resume_url).
struct UploadOffset {
  int status = 0;            // 204: offset known; 404: nothing held (start again from byte 0)
  std::uint64_t offset = 0;  // bytes the server holds durably
  bool complete = false;     // the whole file is a session already (its 200 was lost)
};

struct UploadResponse {
  int status = 0;
  std::string body;  // at most a few KB are kept
};

// HTTP(S) POST of a raw body; keeps its connection open between calls (keep-alive).
class HttpUploader {
 public:
  virtual ~HttpUploader() = default;
  // Errors: kServerUnreachable, kTlsFailed, kTimeout, kConnectionLost, kCancelled. POST, or PATCH
  // (append) when request.offset > 0.
  virtual Result<UploadResponse> post(const UploadRequest& request, BodySource& body) = 0;
  // HEAD request.resume_url on the same kept connection. Errors as post().
  virtual Result<UploadOffset> query_offset(const UploadRequest& request) = 0;
  virtual void close() = 0;  // drop the kept connection (end of a sync)
};

// One HTTP/1.1 client connection, shaped like ESP-IDF's esp_http_client so that the chip's port is a
// call-for-call mapping (port/esp32/esp_http_connection.cpp). The upload sequence that drives it
// (early answers, kept connections, reconnects, short writes) is the core's UploadSession.
struct HttpHeader {
  const char* name;
  std::string value;
};

// esp_http_client_get_and_clear_last_tls_error(): the ESP_ERR_ESP_TLS_* code is its return value,
// the certificate verification flags come through tls_flags.
struct TlsFailure {
  int esp_tls_error = 0;
  int verify_flags = 0;
};

enum class FetchResult { kHeaders, kTimedOut, kFailed };
enum class HttpMethod { kPost, kPatch, kHead };

class HttpConnection {
 public:
  virtual ~HttpConnection() = default;
  // Connects unless a connection is open, then sends the request line and the headers (only these:
  // none of an earlier request's are kept).
  virtual bool open(HttpMethod method, const std::string& url, const std::vector<HttpHeader>& headers,
                    std::uint64_t content_length) = 0;
  // Bytes written (may be fewer than len), 0 when the write timed out, <0 on a socket error.
  virtual int write(const char* data, int len) = 0;
  // Reads the next response head, waiting at most wait_ms. Nothing is read before this call.
  virtual FetchResult fetch_headers(std::uint32_t wait_ms) = 0;
  virtual int status_code() = 0;
  // A header of the last response head ("" when absent); name as the protocol spells it.
  virtual std::string response_header(const char* name) = 0;
  // Response body bytes: 0 at its end, <0 on error.
  virtual int read(char* buf, int len) = 0;
  // Whether the last response lets the connection be reused (HTTP/1.1 keep-alive).
  virtual bool persistent() = 0;
  virtual void close() = 0;  // closes the socket; the next open() connects again
  virtual TlsFailure take_tls_failure() = 0;
};

class Sha256 {
 public:
  virtual ~Sha256() = default;
  virtual void reset() = 0;
  virtual void update(const char* data, std::size_t len) = 0;
  virtual std::string hex_digest() = 0;
};

class Battery {
 public:
  virtual ~Battery() = default;
  virtual double volts() = 0;
};

// The radio side of the GATT service: the core asks it to notify subscribed centrals.
class GattServer {
 public:
  virtual ~GattServer() = default;
  // value is at most MTU-3 bytes; the core guarantees it.
  virtual void notify_status(const std::string& value) = 0;
};

}  // namespace rs
