// Device-side faults for rs-core-sim (--fault), fired at a chosen moment of a sync: the hotspot
// drops (for a while or for good), the server goes away, the SD card fills up. They sit around the
// real ports (curl, the card folder) so the core under test is the one the logger runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "posix_file_store.hpp"
#include "rscore/ports.hpp"
#include "scripted_wifi.hpp"

namespace rs::host {

struct FaultSpec {
  enum class Kind { kWifiDrop, kServerLost, kCardFull };
  Kind kind = Kind::kWifiDrop;
  int file = 1;               // 1-based, in upload order (STATUS file_index)
  std::uint64_t at_byte = 0;  // bytes of that file sent when it fires
  int down_ms = -1;           // kWifiDrop: how long the hotspot stays away; -1 = for the rest of the run
};

// "wifi-drop@2:5000", "wifi-drop@2:5000+1500" (back after 1.5 s), "server-lost@1:0", "card-full@3:0"
std::optional<FaultSpec> parse_fault(const std::string& spec, std::string& error);

// The card folder, which can be made full: on FAT a rename into archive/ or a new folder may need
// a free cluster, so both fail with kNoSpace; reading and deleting still work.
class FillableCard : public FileStore {
 public:
  explicit FillableCard(posix::PosixFileStore& inner) : inner_(inner) {}
  void fill() { full_ = true; }
  Status scan(const std::string& folder, const std::function<bool(const FileInfo&)>& visit) override {
    return inner_.scan(folder, visit);
  }
  Result<std::uint64_t> size(const std::string& path) override { return inner_.size(path); }
  Result<std::unique_ptr<FileReader>> open(const std::string& path) override { return inner_.open(path); }
  Status make_folder(const std::string& folder) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status remove(const std::string& path) override { return inner_.remove(path); }

 private:
  posix::PosixFileStore& inner_;
  bool full_ = false;
};

// The uploader with the planned faults: counts each file's body bytes and fires a fault when its
// moment comes. A dropped hotspot (the radio reports the disconnect, joins fail until it is back)
// and a lost server break the transfer; after a lost server, connections are refused.
class FaultyUploader : public HttpUploader {
 public:
  FaultyUploader(HttpUploader& inner, ScriptedRadio& wifi, FillableCard& card, std::vector<FaultSpec> faults)
      : inner_(inner), wifi_(wifi), card_(card), faults_(std::move(faults)) {}
  Result<UploadResponse> post(const UploadRequest& request, BodySource& body) override;
  Result<UploadOffset> query_offset(const UploadRequest& request) override;
  void close() override { inner_.close(); }

  // Called by the counting body: true when the transfer must fail now.
  bool on_sent(std::uint64_t sent);

 private:
  HttpUploader& inner_;
  ScriptedRadio& wifi_;
  FillableCard& card_;
  std::vector<FaultSpec> faults_;
  std::string current_file_;
  int file_index_ = 0;
  bool server_lost_ = false;
};

}  // namespace rs::host
