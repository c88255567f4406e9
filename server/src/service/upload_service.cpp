#include "service/upload_service.hpp"

#include "service/api_error.hpp"
#include "util/text.hpp"

namespace racesense::service {
namespace {
std::string generated_name() { return "upload-" + util::iso8601_utc(util::now_epoch_ms()) + ".csv"; }
}  // namespace

void throw_storage_full(const storage::StorageFullError& e) {
  throw ApiError(ErrorCode::InsufficientStorage,
                 std::string(e.what()) + ". Free space on the team laptop, then sync again; the "
                                         "file stays on the logger.");
}

std::string too_large_message(std::uint64_t max_bytes) {
  // Through a Cloudflare tunnel (free plan) nothing over 100 MB arrives at all: keep the limit under it.
  return "The file is larger than this server's limit of " + std::to_string(max_bytes >> 20) +
         " MB (--max-upload-mb; a Cloudflare tunnel refuses anything over 100 MB). It stays on the logger: "
         "copy it from the SD card and upload it on the laptop itself, with a higher --max-upload-mb.";
}

Upload::Upload(UploadService& service, UploadRequest request, std::unique_ptr<storage::TempBlob> blob,
               Venues::Snapshot tracks)
    : service_(service), request_(std::move(request)), blob_(std::move(blob)), tracks_version_(tracks.version),
      analyzer_(std::move(tracks.tracks), service.venues_.options()) {}

void Upload::admit(std::size_t size) {
  if (admitted_ + size > service_.max_bytes_)
    throw ApiError(ErrorCode::TooLarge, too_large_message(service_.max_bytes_));
  admitted_ += size;
}

void Upload::store(const char* data, std::size_t size) {
  write(data, size);
  hash(data, size);
}

void Upload::write(const char* data, std::size_t size) {
  try {
    blob_->write(data, size);
  } catch (const storage::StorageFullError& e) {
    throw_storage_full(e);
  }
}

void Upload::hash(const char* data, std::size_t size) { sha_.update(data, size); }

void Upload::analyse(const char* data, std::size_t size) { analyzer_.feed(data, size); }

void Upload::replay(const char* data, std::size_t size) {
  admitted_ += size;
  sha_.update(data, size);
  analyzer_.feed(data, size);
}

void Upload::suggest_filename(const std::string& raw) {
  if (request_.filename.empty()) request_.filename = util::display_filename(raw);
}

UploadResult Upload::commit() { return service_.commit(*this); }

UploadService::UploadService(storage::SessionRepository& repo, storage::BlobStore& blobs, Venues& venues,
                             std::uint64_t max_bytes)
    : repo_(repo), blobs_(blobs), venues_(venues), max_bytes_(max_bytes) {}

void UploadService::check(const UploadRequest& request) const {
  if (request.expected_sha256 && !util::is_sha256_hex(*request.expected_sha256))
    throw ApiError(ErrorCode::HashMismatch,
                   "X-Content-SHA256 must be 64 hexadecimal digits (the SHA-256 of the file).");
  if (request.content_length && *request.content_length > max_bytes_)
    throw ApiError(ErrorCode::TooLarge, too_large_message(max_bytes_));
  try {
    blobs_.ensure_room_for(request.content_length.value_or(0));
  } catch (const storage::StorageFullError& e) {
    throw_storage_full(e);
  }
}

std::unique_ptr<Upload> UploadService::begin(UploadRequest request) {
  check(request);
  try {
    return std::make_unique<Upload>(*this, std::move(request), blobs_.create_temp(), venues_.snapshot());
  } catch (const storage::StorageFullError& e) {
    throw_storage_full(e);
  }
}

model::Session UploadService::new_session(const Upload& upload, const std::string& sha256) const {
  model::Session s;
  s.filename = upload.request_.filename.empty() ? generated_name() : upload.request_.filename;
  s.sha256 = sha256;
  s.bytes = static_cast<std::int64_t>(upload.blob_->size());
  s.uploaded_at = util::iso8601_utc(util::now_epoch_ms());
  return s;
}

// The file is made durable and renamed into place first; the duplicate check and the insert are
// one transaction. A failure after the rename removes the file again, and a crash there leaves a
// file without a row that the next start adopts or removes (Recovery).
UploadResult UploadService::commit(Upload& upload) {
  std::string sha = upload.sha_.hex_digest();
  const auto& expected = upload.request_.expected_sha256;
  if (expected && *expected != sha)
    throw ApiError(ErrorCode::HashMismatch,
                   "The received bytes have SHA-256 " + sha + " but X-Content-SHA256 says " + *expected +
                       ". The file was damaged on the way and was not stored; send it again.");
  if (auto existing = repo_.find_by_sha(sha)) return {*existing, true};
  model::Session session = new_session(upload, sha);
  auto analysis = upload.analyzer_.finish();
  try {
    upload.blob_->sync();
    session.stored_name = blobs_.commit(*upload.blob_, sha);
  } catch (const storage::StorageFullError& e) {
    throw_storage_full(e);
  }
  auto bytes = static_cast<std::uint64_t>(session.bytes);
  try {
    if (auto existing = venues_.record(session, analysis, upload.tracks_version_)) {
      blobs_.remove(session.stored_name, bytes);
      return {*existing, true};
    }
  } catch (const storage::StorageFullError& e) {
    blobs_.remove(session.stored_name, bytes);
    throw_storage_full(e);
  } catch (...) {
    blobs_.remove(session.stored_name, bytes);
    throw;
  }
  return {session, false};
}

}  // namespace racesense::service
