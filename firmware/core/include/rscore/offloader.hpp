// The file offloader: joins the hotspot, uploads each ready session file, and archives or deletes
// it only after the server confirmed the same SHA-256 (docs/protocol.md §1.1, §2).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "rscore/sync_error.hpp"
#include "rscore/cancel_token.hpp"
#include "rscore/session_files.hpp"
#include "rscore/ports.hpp"
#include "rscore/sync_config.hpp"
#include "rscore/sync_status.hpp"

namespace rs {

struct OffloaderPorts {
  FileStore& files;
  WifiStation& wifi;
  HttpUploader& http;
  Sha256& sha;
  ActiveFiles* active = nullptr;  // files the logger is writing: never uploaded
};

struct OffloaderSettings {
  std::string sessions_dir = "/sessions";
  std::string archive_dir = "/archive";
  int max_attempts = 3;              // per file
  std::uint32_t backoff_ms = 1000;   // doubled after each failed attempt
  std::size_t chunk_size = 4096;     // bytes read from the card at a time
  std::uint64_t resume_min_progress = 16 * 1024;  // a cut attempt that moved the upload this far is not counted
};

// Applies a change to the shared status and publishes it.
using StatusUpdate = std::function<void(const std::function<void(SyncStatus&)>&)>;

class Offloader {
 public:
  struct Outcome {
    SyncError failure = SyncError::kNone;
    std::string message;
    int http_status = 0, laps = 0;
    bool growing = false;  // the logger is still writing it: left for the next sync
    bool ok() const { return failure == SyncError::kNone; }
  };
  Offloader(OffloaderPorts ports, OffloaderSettings settings, StatusUpdate update)
      : ports_(ports), settings_(std::move(settings)), update_(std::move(update)) {}

  // Runs one sync to its end (DONE or ERROR in the status). Blocking; call from the sync task.
  // The files are read from the card a window at a time (memory flat in their number).
  void run(const SyncConfig& config, CancelToken& cancel);

 private:
  Status join(const SyncConfig& config);
  Outcome upload_file(const SyncConfig& config, const FileInfo& file, CancelToken& cancel);
  Outcome attempt_upload(const UploadRequest& request, const FileInfo& file, CancelToken& cancel);
  Result<std::string> file_sha256(const FileInfo& file, CancelToken& cancel);  // one read of the card
  // Where the server stands with a cut upload: sets request.offset; kOk or why it could not ask.
  Outcome resume_point(UploadRequest& request, const FileInfo& file);
  Outcome transport_failure(Error e, const UploadRequest& request, const FileInfo& file);
  Outcome finalize(const SyncConfig& config, const FileInfo& file, int laps);
  bool size_unchanged(const FileInfo& file);
  void fail(const Outcome& outcome);
  void add_progress(std::uint64_t bytes);

  OffloaderPorts ports_;
  OffloaderSettings settings_;
  StatusUpdate update_;
  std::uint64_t total_bytes_ = 0, done_bytes_ = 0;
};

}  // namespace rs
