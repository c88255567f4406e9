#include "rscore/offloader.hpp"

#include <algorithm>
#include <memory>
#include <vector>


namespace rs {
namespace {

bool retryable(int http_status) { return http_status >= 500 || http_status == 408 || http_status == 429; }
}  // namespace

// The second half of the "is the logger done with it" rule (the first is ActiveFiles, which
// marks listed files busy): a file whose size changed while the hotspot was being joined is still
// growing, so it waits for the next sync. The join takes seconds, a free stability window.
std::vector<FileInfo> Offloader::size_stable(const std::vector<ListedFile>& listed) {
  std::vector<FileInfo> out;
  auto now = ports_.files.list(settings_.sessions_dir);
  if (!now.ok()) return out;
  for (const auto& f : listed) {
    if (f.busy) continue;
    auto same = std::find_if(now.value().begin(), now.value().end(), [&](const FileInfo& n) { return n.name == f.info.name; });
    if (same != now.value().end() && same->size == f.info.size) out.push_back(f.info);
  }
  return out;
}

void Offloader::run(const SyncConfig& config, const std::vector<ListedFile>& listed, CancelToken& cancel) {
  Status joined = ports_.wifi.connect(config.ssid, config.password);
  if (!joined.ok()) {
    Outcome o;
    o.error = joined.error();
    o.code = joined.error() == Error::kWifiAuthFailed  ? "WIFI_AUTH_FAILED"
             : joined.error() == Error::kWifiNotFound ? "WIFI_NOT_FOUND"
                                                       : "WIFI_FAILED";
    o.message = joined.error() == Error::kWifiAuthFailed
                    ? "The hotspot \"" + config.ssid + "\" rejected the password. Check the hotspot password."
                : joined.error() == Error::kWifiNotFound
                    ? "No hotspot named \"" + config.ssid + "\" in range. Turn the hotspot on and keep the phone close."
                    : "Joined \"" + config.ssid + "\" but got no connection. Try again.";
    return fail(o);
  }
  std::vector<FileInfo> files = size_stable(listed);
  total_bytes_ = done_bytes_ = 0;
  for (const auto& f : files) total_bytes_ += f.size;
  update_([&](SyncStatus& s) {
    s.state = SyncState::kSyncing;
    s.wifi = WifiStatus::kConnected;
    s.file_count = static_cast<int>(files.size());
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    update_([&](SyncStatus& s) {
      s.file = files[i].name;
      s.file_index = static_cast<int>(i + 1);
    });
    Outcome o = upload_file(config, files[i], cancel);
    if (o.error != Error::kOk) return fail(o);
    done_bytes_ += files[i].size;
    update_([&](SyncStatus& s) {
      s.files_done += 1;
      s.laps += o.laps;
    });
  }
  ports_.http.close();
  ports_.wifi.disconnect();
  update_([&](SyncStatus& s) {
    s.state = SyncState::kDone;
    s.wifi = WifiStatus::kOff;
    s.progress = 100;
    s.file.clear();
  });
}

void Offloader::fail(const Outcome& o) {
  ports_.http.close();
  ports_.wifi.disconnect();
  update_([&](SyncStatus& s) {
    s.state = SyncState::kError;
    s.wifi = o.code.rfind("WIFI_", 0) == 0 ? WifiStatus::kFailed : WifiStatus::kOff;
    s.error_code = o.code;
    s.error_message = o.message;
    s.http_status = o.http_status;
  });
}

void Offloader::add_progress(std::uint64_t bytes_into_file) {
  if (total_bytes_ == 0) return;
  int pct = static_cast<int>((done_bytes_ + bytes_into_file) * 100 / total_bytes_);
  pct = std::min(pct, 99);  // 100 only once the server confirmed the last file
  update_([&](SyncStatus& s) { s.progress = std::max(s.progress, pct); });
}

// First pass: the hash of exactly the listed size (the bytes that will be sent as Content-Length).
Result<std::string> Offloader::hash_file(const FileInfo& file, CancelToken& cancel) {
  auto reader = ports_.files.open(settings_.sessions_dir + "/" + file.name);
  if (!reader.ok()) return reader.error();
  ports_.sha.reset();
  std::vector<char> buf(settings_.chunk_size);
  for (std::uint64_t left = file.size; left > 0;) {
    if (cancel.cancelled()) return Error::kCancelled;
    auto n = reader.value()->read(buf.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), left)));
    if (!n.ok()) return n.error();
    if (n.value() == 0) return Error::kIo;  // shorter than listed: the file changed under us
    ports_.sha.update(buf.data(), n.value());
    left -= n.value();
  }
  return ports_.sha.hex_digest();
}

Offloader::Outcome Offloader::upload_file(const SyncConfig& config, const FileInfo& file, CancelToken& cancel) {
  Outcome last;
  auto sha = hash_file(file, cancel);
  if (!sha.ok()) {
    last.error = sha.error();
    last.code = sha.error() == Error::kCancelled ? "CANCELLED" : "STORAGE_ERROR";
    last.message = sha.error() == Error::kCancelled ? "Sync cancelled." : "Could not read " + file.name + " on the SD card.";
    return last;
  }
  UploadRequest request{upload_url(config.url), file.name, sha.value(), config.token, file.size};
  std::uint32_t backoff = settings_.backoff_ms;
  for (int attempt = 1; attempt <= settings_.max_attempts; ++attempt) {
    last = attempt_upload(request, file, cancel);
    if (last.error == Error::kOk) return finalize(config, file, last.laps);
    if (last.code == "STORAGE_ERROR") break;
    bool again = last.code != "CANCELLED" && (last.http_status == 0 || retryable(last.http_status));
    if (!again || attempt == settings_.max_attempts) break;
    if (cancel.wait_for(backoff)) return {Error::kCancelled, "CANCELLED", "Sync cancelled.", 0, 0};
    backoff *= 2;
  }
  return last;
}

}  // namespace rs
