// One upload attempt and what follows a confirmed upload.
#include <algorithm>
#include <cctype>
#include <vector>

#include "rscore/offloader.hpp"
#include "rscore/upload_reply.hpp"

namespace rs {
namespace {

// The file from `offset` on as the request body (the bytes before it are read past: the card's
// reader does not seek). Exactly the listed size, even if the file has grown since.
class FileBody : public BodySource {
 public:
  FileBody(std::unique_ptr<FileReader> reader, std::uint64_t size, std::uint64_t offset, CancelToken& cancel,
           std::function<void(std::uint64_t)> on_progress)
      : reader_(std::move(reader)), size_(size), skip_(offset), sent_(offset), cancel_(cancel),
        on_progress_(std::move(on_progress)) {}
  Result<std::size_t> read(char* buf, std::size_t len) override {
    if (cancel_.cancelled()) return Error::kCancelled;
    while (skip_ > 0) {
      auto n = reader_->read(buf, static_cast<std::size_t>(std::min<std::uint64_t>(len, skip_)));
      if (!n.ok()) return n;
      if (n.value() == 0) return Error::kIo;
      skip_ -= n.value();
    }
    if (sent_ == size_) return std::size_t{0};
    auto n = reader_->read(buf, static_cast<std::size_t>(std::min<std::uint64_t>(len, size_ - sent_)));
    if (!n.ok()) return n;
    if (n.value() == 0) return Error::kIo;  // shorter than listed: the file changed under us
    on_progress_(sent_ += n.value());
    return n;
  }
  bool complete() const { return sent_ == size_; }

 private:
  std::unique_ptr<FileReader> reader_;
  std::uint64_t size_, skip_, sent_;
  CancelToken& cancel_;
  std::function<void(std::uint64_t)> on_progress_;
};

std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  return url.substr(start, url.find_first_of("/?#", start) - start);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

Result<std::string> Offloader::file_sha256(const FileInfo& file, CancelToken& cancel) {
  auto reader = ports_.files.open(settings_.sessions_dir + "/" + file.name);
  if (!reader.ok()) return reader.error();
  ports_.sha.reset();
  std::vector<char> buf(settings_.chunk_size);
  for (std::uint64_t left = file.size; left > 0;) {
    if (cancel.cancelled()) return Error::kCancelled;
    auto n = reader.value()->read(buf.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), left)));
    if (!n.ok()) return n.error();
    if (n.value() == 0) return Error::kIo;
    ports_.sha.update(buf.data(), n.value());
    left -= n.value();
  }
  return ports_.sha.hex_digest();
}

Offloader::Outcome Offloader::transport_failure(Error e, const UploadRequest& request, const FileInfo& file) {
  switch (e) {
    case Error::kCancelled: return {SyncError::kCancelled, "Sync cancelled.", 0, 0};
    case Error::kTlsFailed:
      return {SyncError::kTlsFailed, "The secure connection to " + host_of(request.url) + " failed. Check the server URL.", 0, 0};
    case Error::kIo: return {SyncError::kStorage, "Could not read " + file.name + " on the SD card.", 0, 0};
    default:
      return {SyncError::kServerUnreachable,
              "Cannot reach the server at " + host_of(request.url) + ". Check that the laptop and its tunnel are running.", 0, 0};
  }
}

Offloader::Outcome Offloader::attempt_upload(const UploadRequest& request, const FileInfo& file, CancelToken& cancel) {
  Outcome o;
  auto reader = ports_.files.open(settings_.sessions_dir + "/" + file.name);
  if (!reader.ok()) return {SyncError::kStorage, "Could not read " + file.name + " on the SD card.", 0, 0};
  FileBody body(std::move(reader.value()), file.size, request.offset, cancel,
                [this](std::uint64_t sent) { add_progress(sent); });
  auto response = ports_.http.post(request, body);
  if (!response.ok()) return transport_failure(response.error(), request, file);
  const UploadResponse& r = response.value();
  UploadReply reply = parse_upload_reply(r.body);
  if (r.status != 200) {
    std::string detail = reply.error_message.empty() ? "" : ": " + reply.error_message;
    return {SyncError::kHttp, "The server answered " + std::to_string(r.status) + detail, r.status, 0};
  }
  if (!reply.valid || !body.complete() || lower(reply.sha256) != request.sha256)
    return {SyncError::kHashMismatch, "The server did not confirm the same bytes for " + file.name + ". Sync again.", 0, 0};
  o.laps = reply.laps;
  return o;
}

Offloader::Outcome Offloader::finalize(const SyncConfig& config, const FileInfo& file, int laps) {
  Outcome o;
  o.laps = laps;
  if (!size_unchanged(file)) {  // grew during its upload: the server holds a prefix, the card keeps all
    o.growing = true;
    return o;
  }
  std::string from = settings_.sessions_dir + "/" + file.name;
  Status done;
  if (config.after == AfterUpload::kDelete) {
    done = ports_.files.remove(from);
  } else {
    static_cast<void>(ports_.files.make_folder(settings_.archive_dir));  // a failure shows in the rename below
    done = ports_.files.rename(from, settings_.archive_dir + "/" + file.name);
    for (int n = 1; !done.ok() && n <= 20; ++n)  // a file of that name was archived before
      done = ports_.files.rename(from, settings_.archive_dir + "/" + std::to_string(n) + "-" + file.name);
  }
  if (!done.ok()) return {SyncError::kStorage, "Uploaded " + file.name + " but could not move it on the SD card.", 0, laps};
  return o;
}

}  // namespace rs
