// The hardware the sync core needs, one small interface each. Implementations live in
// port/esp32 (the RS-Core) and port/host (rs-core-sim, tests); CMake picks one.
#pragma once

#include <cstddef>
#include <cstdint>
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
  virtual Result<std::vector<FileInfo>> list(const std::string& folder) = 0;
  virtual Result<std::unique_ptr<FileReader>> open(const std::string& path) = 0;
  virtual Status make_folder(const std::string& folder) = 0;
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  virtual Status remove(const std::string& path) = 0;
};

// Wi-Fi station mode, kept up beside BLE.
class WifiStation {
 public:
  virtual ~WifiStation() = default;
  // Blocks until an IP is obtained or it fails: kWifiAuthFailed, kWifiNotFound, kWifiFailed.
  virtual Status connect(const std::string& ssid, const std::string& password) = 0;
  virtual void disconnect() = 0;
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
  std::string sha256;    // hex, sent as X-Content-SHA256
  std::string token;     // bearer token; never logged
  std::uint64_t content_length = 0;
};

struct UploadResponse {
  int status = 0;
  std::string body;  // at most a few KB are kept
};

// HTTP(S) POST of a raw body; keeps its connection open between calls (keep-alive).
class HttpUploader {
 public:
  virtual ~HttpUploader() = default;
  // Errors: kServerUnreachable, kTlsFailed, kTimeout, kConnectionLost, kCancelled.
  virtual Result<UploadResponse> post(const UploadRequest& request, BodySource& body) = 0;
  virtual void close() = 0;  // drop the kept connection (end of a sync)
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
