#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "model/session.hpp"
#include "service/session_analyzer.hpp"
#include "service/venues.hpp"
#include "storage/blob_store.hpp"
#include "storage/session_repository.hpp"
#include "util/sha256.hpp"

namespace racesense::service {

struct UploadRequest {
  std::string filename;                       // as the client named it (display only)
  std::optional<std::string> expected_sha256;  // X-Content-SHA256, lower-case hex
  std::optional<std::uint64_t> content_length; // of the file bytes, when known up front
};

struct UploadResult {
  model::Session session;
  bool duplicate = false;
};

class UploadService;

// One upload in flight. The body's chunks go, in order, first through admit() (on the thread that
// receives them), then through store() (or write() and hash()) and analyse(): each of those is
// called by one thread at a time, and they may run in parallel with each other on the same chunk. Destroying the
// upload without commit() leaves nothing behind.
class Upload {
 public:
  Upload(UploadService& service, UploadRequest request, std::unique_ptr<storage::TempBlob> blob,
         Venues::Snapshot tracks);
  void admit(std::size_t size);                      // throws ApiError 413
  void store(const char* data, std::size_t size);    // write and hash; throws ApiError (507, 500)
  void write(const char* data, std::size_t size);    // store() in two parts that may run in parallel
  // Chunks of whole blocks from memory aligned to this go to the disk without a copy.
  static constexpr std::size_t kWriteAlign = storage::TempBlob::kDirectAlign;
  void hash(const char* data, std::size_t size);
  void analyse(const char* data, std::size_t size);  // lap analysis of the same bytes
  // Bytes an earlier request of a resumed upload already stored: hashed and analysed, not written.
  void replay(const char* data, std::size_t size);
  // A name learned from the body (multipart filename=), used when the headers gave none.
  void suggest_filename(const std::string& raw);
  // Blocking (fsync, database): run it off the network threads, after every store()/analyse().
  UploadResult commit();
  std::uint64_t bytes() const { return admitted_; }

 private:
  friend class UploadService;
  UploadService& service_;
  UploadRequest request_;
  std::unique_ptr<storage::TempBlob> blob_;
  util::Sha256 sha_;
  std::uint64_t tracks_version_;
  SessionAnalyzer analyzer_;
  std::uint64_t admitted_ = 0;
};

class UploadService {
 public:
  UploadService(storage::SessionRepository& repo, storage::BlobStore& blobs, Venues& venues,
                std::uint64_t max_bytes);

  // Everything the headers alone can already refuse (size, disk, hash syntax): throws ApiError.
  void check(const UploadRequest& request) const;
  std::unique_ptr<Upload> begin(UploadRequest request);
  std::uint64_t max_bytes() const { return max_bytes_; }

 private:
  friend class Upload;
  UploadResult commit(Upload& upload);
  model::Session new_session(const Upload& upload, const std::string& sha256) const;

  storage::SessionRepository& repo_;
  storage::BlobStore& blobs_;
  Venues& venues_;
  std::uint64_t max_bytes_;
};

std::string too_large_message(std::uint64_t max_bytes);
// Maps a full disk or quota to 507 with advice.
[[noreturn]] void throw_storage_full(const storage::StorageFullError& e);

}  // namespace racesense::service
