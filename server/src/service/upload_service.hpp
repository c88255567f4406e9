#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "racesense/analysis/analysis.hpp"
#include "storage/blob_store.hpp"
#include "storage/session_repository.hpp"
#include "storage/track_store.hpp"
#include "util/sha256.hpp"

namespace racesense::service {

struct UploadRequest {
  std::string filename;                       // as the client named it (display only)
  std::optional<std::string> expected_sha256;  // X-Content-SHA256, lower-case hex
  std::optional<std::uint64_t> content_length; // of the file bytes, when known up front
};

struct UploadResult {
  storage::SessionRow session;
  bool duplicate = false;
};

class UploadService;

// One upload in flight: bytes are hashed and written to a temp file as they arrive.
// Destroying it without commit() leaves nothing behind.
class Upload {
 public:
  Upload(UploadService& service, UploadRequest request, std::unique_ptr<storage::TempBlob> blob);
  void write(const char* data, std::size_t size);  // throws ApiError (413, 507, 500)
  // A name learned from the body (multipart filename=), used when the headers gave none.
  void suggest_filename(const std::string& raw);
  // Blocking (fsync, analysis, database): run it off the network threads.
  UploadResult commit();
  std::uint64_t bytes() const { return blob_->size(); }

 private:
  UploadService& service_;
  UploadRequest request_;
  std::unique_ptr<storage::TempBlob> blob_;
  util::Sha256 sha_;
};

class UploadService {
 public:
  UploadService(storage::SessionRepository& repo, storage::BlobStore& blobs,
                storage::TrackStore& tracks, std::uint64_t max_bytes, analysis::Options options);

  // Everything the headers alone can already refuse (size, disk, hash syntax): throws ApiError.
  void check(const UploadRequest& request) const;
  std::unique_ptr<Upload> begin(UploadRequest request);
  std::uint64_t max_bytes() const { return max_bytes_; }

 private:
  friend class Upload;
  UploadResult store(storage::TempBlob& blob, const UploadRequest& request,
                     const std::string& sha256);
  storage::SessionRow analyse(const storage::TempBlob& blob, const UploadRequest& request,
                              const std::string& sha256) const;

  storage::SessionRepository& repo_;
  storage::BlobStore& blobs_;
  storage::TrackStore& tracks_;
  std::uint64_t max_bytes_;
  analysis::Options options_;
  std::mutex commit_mutex_;  // one commit at a time: the duplicate check and insert must not race
};

std::string too_large_message(std::uint64_t max_bytes);

}  // namespace racesense::service
