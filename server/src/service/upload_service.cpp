#include "service/upload_service.hpp"

#include "service/api_error.hpp"
#include "util/text.hpp"

namespace racesense::service {
namespace {
[[noreturn]] void storage_full(const storage::StorageFullError& e) {
  throw ApiError(ErrorCode::InsufficientStorage,
                 std::string(e.what()) + ". Free space on the team laptop, then sync again; the "
                                         "file stays on the logger.");
}

std::string generated_name() { return "upload-" + util::iso8601_utc(util::now_epoch_ms()) + ".csv"; }
}  // namespace

std::string too_large_message(std::uint64_t max_bytes) {
  // Through a Cloudflare tunnel (free plan) nothing over 100 MB arrives at all: keep the limit under it.
  return "The file is larger than this server's limit of " + std::to_string(max_bytes >> 20) +
         " MB (--max-upload-mb; a Cloudflare tunnel refuses anything over 100 MB). It stays on the logger: "
         "copy it from the SD card and upload it on the laptop itself, with a higher --max-upload-mb.";
}

Upload::Upload(UploadService& service, UploadRequest request,
               std::unique_ptr<storage::TempBlob> blob)
    : service_(service), request_(std::move(request)), blob_(std::move(blob)) {}

void Upload::write(const char* data, std::size_t size) {
  if (blob_->size() + size > service_.max_bytes_)
    throw ApiError(ErrorCode::TooLarge, too_large_message(service_.max_bytes_));
  try {
    blob_->write(data, size);
  } catch (const storage::StorageFullError& e) {
    storage_full(e);
  }
  sha_.update(data, size);
}

void Upload::suggest_filename(const std::string& raw) {
  if (request_.filename.empty()) request_.filename = util::display_filename(raw);
}

UploadResult Upload::commit() {
  std::string sha = sha_.hex_digest();
  if (request_.expected_sha256 && *request_.expected_sha256 != sha)
    throw ApiError(ErrorCode::HashMismatch,
                   "The received bytes have SHA-256 " + sha + " but X-Content-SHA256 says " +
                       *request_.expected_sha256 +
                       ". The file was damaged on the way and was not stored; send it again.");
  try {
    blob_->sync();
    return service_.store(*blob_, request_, sha);
  } catch (const storage::StorageFullError& e) {
    storage_full(e);
  }
}

UploadService::UploadService(storage::SessionRepository& repo, storage::BlobStore& blobs,
                             storage::TrackStore& tracks, std::uint64_t max_bytes,
                             analysis::Options options)
    : repo_(repo), blobs_(blobs), tracks_(tracks), max_bytes_(max_bytes), options_(options) {}

void UploadService::check(const UploadRequest& request) const {
  if (request.expected_sha256 && !util::is_sha256_hex(*request.expected_sha256))
    throw ApiError(ErrorCode::HashMismatch,
                   "X-Content-SHA256 must be 64 hexadecimal digits (the SHA-256 of the file).");
  if (request.content_length && *request.content_length > max_bytes_)
    throw ApiError(ErrorCode::TooLarge, too_large_message(max_bytes_));
  try {
    blobs_.ensure_room_for(request.content_length.value_or(0));
  } catch (const storage::StorageFullError& e) {
    storage_full(e);
  }
}

std::unique_ptr<Upload> UploadService::begin(UploadRequest request) {
  check(request);
  try {
    return std::make_unique<Upload>(*this, std::move(request), blobs_.create_temp());
  } catch (const storage::StorageFullError& e) {
    storage_full(e);
  }
}

UploadResult UploadService::store(storage::TempBlob& blob, const UploadRequest& request,
                                  const std::string& sha256) {
  std::lock_guard<std::mutex> lock(commit_mutex_);
  if (auto existing = repo_.find_by_sha(sha256)) {
    blobs_.discard(blob);
    return {*existing, true};
  }
  storage::SessionRow row = analyse(blob, request, sha256);
  row.stored_name = blobs_.commit(blob, sha256);
  row.id = repo_.insert(row);
  return {row, false};
}

storage::SessionRow UploadService::analyse(const storage::TempBlob& blob,
                                           const UploadRequest& request,
                                           const std::string& sha256) const {
  auto result = analysis::analyze_file(blob.path().string(), tracks_.all(), options_);
  storage::SessionRow row;
  row.filename = request.filename.empty() ? generated_name() : request.filename;
  row.sha256 = sha256;
  row.bytes = static_cast<std::int64_t>(blob.size());
  row.uploaded_at = util::iso8601_utc(util::now_epoch_ms());
  row.format = result.format;
  row.parse_error = result.parse_error;
  row.track_id = result.track_id;
  row.track_name = result.track_name;
  row.auto_track = result.auto_track;
  row.started_at_ms = result.started_at_ms;
  row.duration_ms = result.duration_ms;
  row.best_lap_ms = result.best_lap_ms;
  row.lap_count = static_cast<std::int64_t>(result.laps.size());
  for (const auto& lap : result.laps) row.laps.push_back({lap.number, lap.time_ms, lap.start_ms});
  return row;
}

}  // namespace racesense::service
