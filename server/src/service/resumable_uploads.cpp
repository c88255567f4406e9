#include "service/resumable_uploads.hpp"

#include <fstream>
#include <vector>

#include "util/sha256.hpp"

namespace racesense::service {
namespace {
constexpr std::size_t kReplayBlock = 128 * 1024;

std::string no_partial_message(const std::string& sha) {
  return "No partial upload of SHA-256 " + sha +
         " on this server (never started, expired, or discarded after a failed hash check). Send the whole "
         "file again with POST /api/upload.";
}

ApiError inconsistent_length(std::uint64_t said, std::uint64_t got) {
  return ApiError(ErrorCode::BadRequest, "Inconsistent upload length: the upload was announced with " +
                                             std::to_string(said) + " bytes but this request makes it " +
                                             std::to_string(got) + ". Start the upload again.");
}
}  // namespace

OffsetMismatchError::OffsetMismatchError(std::uint64_t expected, std::uint64_t provided)
    : ApiError(ErrorCode::OffsetMismatch, "Upload-Offset " + std::to_string(provided) + " does not match the " +
                                              std::to_string(expected) +
                                              " bytes stored; ask for the offset (HEAD) and continue from there."),
      expected_(expected) {}

bool ResumableUploads::try_acquire(const std::string& sha, std::function<void()> interrupt) {
  std::function<void()> to_interrupt;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, fresh] = leases_.try_emplace(sha);
    if (fresh) {
      it->second.interrupt = std::move(interrupt);
      return true;
    }
    if (!it->second.interrupted) {
      it->second.interrupted = true;
      to_interrupt = it->second.interrupt;
    }
  }
  if (to_interrupt) to_interrupt();
  return false;
}

void ResumableUploads::release(const std::string& sha) {
  std::lock_guard<std::mutex> lock(mu_);
  leases_.erase(sha);
}

UploadOffset ResumableUploads::offset(const std::string& sha) {
  if (auto p = partials_.find(sha)) return {p->offset, false, p->length, p->expires_in};
  if (auto s = repo_.find_by_sha(sha)) {
    auto bytes = static_cast<std::uint64_t>(s->bytes);
    return {bytes, true, bytes, std::chrono::seconds(0)};
  }
  throw ApiError(ErrorCode::NotFound, no_partial_message(sha));
}

ResumableStart ResumableUploads::begin(ResumableRequest request) {
  if (!util::is_sha256_hex(request.sha256))
    throw ApiError(ErrorCode::BadRequest, "The upload resource is named by the file's SHA-256: 64 hexadecimal digits.");
  request.upload.expected_sha256 = request.sha256;
  if (request.complete && !request.offset) {
    auto whole = request.upload.content_length.value_or(0);
    if (request.length && *request.length != whole) throw inconsistent_length(*request.length, whole);
    request.length = whole;
  }
  if (request.length && *request.length > uploads_.max_bytes())
    throw ApiError(ErrorCode::TooLarge, too_large_message(uploads_.max_bytes()));
  try {
    return request.offset ? append(request) : create(request);
  } catch (const storage::StorageFullError& e) {
    throw_storage_full(e);
  }
}

ResumableStart ResumableUploads::create(ResumableRequest& request) {
  uploads_.check(request.upload);
  ResumableStart start;
  auto blob = partials_.create(request.sha256, request.upload.filename, request.length);
  start.blob = blob.get();
  start.upload = std::make_unique<Upload>(uploads_, request.upload, std::move(blob), venues_.snapshot());
  return start;
}

ResumableStart ResumableUploads::append(ResumableRequest& request) {
  std::uint64_t offset = *request.offset, body = request.upload.content_length.value_or(0);
  auto partial = partials_.find(request.sha256);
  if (!partial) {
    auto session = repo_.find_by_sha(request.sha256);
    // The 200 of the request that completed the file was lost: the same answer again.
    if (session && static_cast<std::uint64_t>(session->bytes) == offset && body == 0 && request.complete)
      return {nullptr, nullptr, offset, UploadResult{*session, true}};
    throw ApiError(ErrorCode::NotFound, no_partial_message(request.sha256));
  }
  if (offset != partial->offset) throw OffsetMismatchError(partial->offset, offset);
  auto length = partial->length ? partial->length : request.length;
  if (request.length && partial->length && *request.length != *partial->length)
    throw inconsistent_length(*partial->length, *request.length);
  if (length && (offset + body > *length || (request.complete && offset + body != *length)))
    throw inconsistent_length(*length, offset + body);
  if (offset + body > uploads_.max_bytes()) throw ApiError(ErrorCode::TooLarge, too_large_message(uploads_.max_bytes()));
  if (request.upload.filename.empty()) request.upload.filename = partial->filename;
  uploads_.check(request.upload);
  auto blob = partials_.open_append(request.sha256);
  if (!blob) throw ApiError(ErrorCode::NotFound, no_partial_message(request.sha256));
  ResumableStart start;
  start.blob = blob.get();
  start.offset = offset;
  start.upload = std::make_unique<Upload>(uploads_, request.upload, std::move(blob), venues_.snapshot());
  return start;
}

void ResumableUploads::replay(Upload& upload, const std::string& sha, std::uint64_t bytes) {
  std::ifstream in(partials_.data_path(sha), std::ios::binary);
  std::vector<char> block(kReplayBlock);
  while (bytes > 0 && in) {
    in.read(block.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(block.size(), bytes)));
    auto got = static_cast<std::size_t>(in.gcount());
    upload.replay(block.data(), got);
    bytes -= got;
  }
  if (bytes > 0) throw std::runtime_error("the partial upload of " + sha + " is shorter than its offset");
}

void ResumableUploads::keep(storage::TempBlob& blob) {
  try {
    blob.sync();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "partial upload not made durable: %s\n", e.what());
  }
}

UploadResult ResumableUploads::complete(const ResumableRequest& request, Upload& upload) {
  struct DiscardAfter {
    storage::PartialStore& partials;
    const std::string& sha;
    ~DiscardAfter() { partials.discard(sha); }  // committed: only the metadata is left to remove
  } discard_after{partials_, request.sha256};
  auto partial = partials_.find(request.sha256);
  if (partial && partial->length && *partial->length != upload.bytes())
    throw inconsistent_length(*partial->length, upload.bytes());
  return upload.commit();
}

void ResumableUploads::cancel(const std::string& sha) {
  if (!partials_.find(sha)) throw ApiError(ErrorCode::NotFound, no_partial_message(sha));
  partials_.discard(sha);
}

std::size_t ResumableUploads::sweep() {
  std::size_t removed = 0;
  for (const auto& sha : partials_.expired()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!leases_.try_emplace(sha).second) continue;  // being uploaded right now: not idle
    }
    partials_.discard(sha);
    release(sha);
    ++removed;
  }
  return removed;
}

}  // namespace racesense::service
