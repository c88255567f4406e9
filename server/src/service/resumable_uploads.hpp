#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "service/api_error.hpp"
#include "service/upload_service.hpp"
#include "storage/partial_store.hpp"

namespace racesense::service {

// Where a resumable upload stands (the answer to HEAD /api/uploads/{sha256}).
struct UploadOffset {
  std::uint64_t offset = 0;
  bool complete = false;  // the file is a session already
  std::optional<std::uint64_t> length;
  std::chrono::seconds expires_in{0};
};

// 409: the request's Upload-Offset is not where the stored bytes end.
class OffsetMismatchError : public ApiError {
 public:
  OffsetMismatchError(std::uint64_t expected, std::uint64_t provided);
  std::uint64_t expected() const { return expected_; }

 private:
  std::uint64_t expected_;
};

struct ResumableRequest {
  UploadRequest upload;                  // filename and this request's body length
  std::string sha256;                    // names the upload resource
  std::optional<std::uint64_t> offset;   // PATCH (append): Upload-Offset; none for creation (POST)
  std::optional<std::uint64_t> length;   // Upload-Length: the whole file's size, when given
  bool complete = true;                  // Upload-Complete: this request carries the file's last byte
};

struct ResumableStart {
  std::unique_ptr<Upload> upload;    // null when the file is a session already (`done`)
  storage::TempBlob* blob = nullptr;  // the partial file `upload` writes, while it lives
  std::uint64_t offset = 0;          // bytes already stored: replayed into `upload` before the body
  std::optional<UploadResult> done;
};

// Resumable uploads (docs/protocol.md §2.2, draft-ietf-httpbis-resumable-upload): a partial upload
// addressed by the file's SHA-256, appended to request by request, committed as an ordinary upload
// (same hash check, duplicate check, lap analysis over the whole byte sequence) when complete.
// One request at a time holds a SHA-256's lease; a newer one interrupts the holder and waits.
class ResumableUploads {
 public:
  ResumableUploads(UploadService& uploads, storage::PartialStore& partials, storage::SessionRepository& repo,
                   Venues& venues)
      : uploads_(uploads), partials_(partials), repo_(repo), venues_(venues) {}

  // False while another request holds sha256: that one's interrupt is called (once) and the
  // caller asks again until it has let go.
  bool try_acquire(const std::string& sha256, std::function<void()> interrupt);
  void release(const std::string& sha256);

  UploadOffset offset(const std::string& sha256);  // throws ApiError 404
  ResumableStart begin(ResumableRequest request);   // throws ApiError 400, 404, 409, 413, 507
  void replay(Upload& upload, const std::string& sha256, std::uint64_t bytes);  // blocking: reads the disk
  void keep(storage::TempBlob& blob);  // blocking: the bytes stored so far become durable (fsync)
  // Blocking. Commits the whole file as a session; the partial is gone afterwards, whatever happens.
  UploadResult complete(const ResumableRequest& request, Upload& upload);
  void cancel(const std::string& sha256);  // DELETE: throws 404 when there is none
  std::size_t sweep();                     // removes expired partials no request is using
  std::chrono::seconds expiry() const { return partials_.expiry(); }
  std::uint64_t max_bytes() const { return uploads_.max_bytes(); }

 private:
  ResumableStart create(ResumableRequest& request);
  ResumableStart append(ResumableRequest& request);

  struct Lease {
    std::function<void()> interrupt;
    bool interrupted = false;
  };
  UploadService& uploads_;
  storage::PartialStore& partials_;
  storage::SessionRepository& repo_;
  Venues& venues_;
  std::mutex mu_;
  std::map<std::string, Lease> leases_;
};

}  // namespace racesense::service
