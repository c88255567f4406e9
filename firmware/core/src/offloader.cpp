#include "rscore/offloader.hpp"

#include <algorithm>

namespace rs {
namespace {
constexpr std::size_t kWindow = 8;  // files read from the folder per scan

// 409: a resumable upload's offset moved meanwhile; the next attempt asks for it again.
bool retryable(int http_status) {
  return http_status >= 500 || http_status == 408 || http_status == 409 || http_status == 429;
}

Offloader::Outcome wifi_failure(Error e, const std::string& ssid) {
  if (e == Error::kWifiAuthFailed)
    return {SyncError::kWifiAuthFailed, "The hotspot \"" + ssid + "\" rejected the password. Check the hotspot password.", 0, 0};
  if (e == Error::kWifiNotFound)
    return {SyncError::kWifiNotFound, "No hotspot named \"" + ssid + "\" in range. Turn the hotspot on and keep the phone close.", 0, 0};
  return {SyncError::kWifiFailed, "Joined \"" + ssid + "\" but got no connection. Try again.", 0, 0};
}
}  // namespace

Status Offloader::join(const SyncConfig& config) { return ports_.wifi.connect(config.ssid, config.password); }

void Offloader::run(const SyncConfig& config, CancelToken& cancel) {
  Status joined = join(config);
  if (!joined.ok()) return fail(wifi_failure(joined.error(), config.ssid));
  SessionFolder folder(ports_.files, settings_.sessions_dir, ports_.active);
  auto totals = folder.totals();
  if (!totals.ok()) return fail({SyncError::kStorage, "Could not list the sessions on the SD card.", 0, 0});
  std::size_t count = totals.value().ready;
  total_bytes_ = totals.value().ready_bytes;
  done_bytes_ = 0;
  update_([&](SyncStatus& s) {
    s.state = SyncState::kSyncing;
    s.wifi = WifiStatus::kConnected;
    s.file_count = static_cast<int>(count);
  });
  std::string cursor;
  std::size_t index = 0;
  while (index < count) {
    auto window = folder.window(cursor, kWindow);
    if (!window.ok()) return fail({SyncError::kStorage, "Could not list the sessions on the SD card.", 0, 0});
    if (window.value().empty()) break;
    for (const auto& f : window.value()) {
      cursor = f.info.name;
      if (f.busy || index == count) continue;
      ++index;
      update_([&](SyncStatus& s) {
        s.file = f.info.name;
        s.file_index = static_cast<int>(index);
      });
      Outcome o = upload_file(config, f.info, cancel);
      if (!o.ok()) return fail(o);
      done_bytes_ += f.info.size;
      if (o.growing && ports_.active) ports_.active->note_change();
      update_([&](SyncStatus& s) {
        s.files_done += o.growing ? 0 : 1;
        s.laps += o.laps;
      });
    }
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
    s.wifi = is_wifi_failure(o.failure) ? WifiStatus::kFailed : WifiStatus::kOff;
    s.error_code = sync_error_code(o.failure);
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

// The second half of the "is the logger done with it" rule (the first is ActiveFiles): a file whose
// size differs from the listed one before or after its upload is still growing, so it stays on the
// card for the next sync.
bool Offloader::size_unchanged(const FileInfo& file) {
  auto now = ports_.files.size(settings_.sessions_dir + "/" + file.name);
  return now.ok() && now.value() == file.size;
}

Offloader::Outcome Offloader::resume_point(UploadRequest& request, const FileInfo& file) {
  auto at = ports_.http.query_offset(request);
  if (!at.ok()) return transport_failure(at.error(), request, file);
  const UploadOffset& o = at.value();
  if (o.status == 204) {
    request.offset = o.complete ? file.size : std::min(o.offset, file.size);
  } else if (o.status == 404 || o.status == 405 || o.status == 0) {
    request.offset = 0;  // nothing kept (expired, discarded, or a server without resumable uploads)
  } else {
    return {SyncError::kHttp, "The server answered " + std::to_string(o.status), o.status, 0};
  }
  return {};
}

// Every file is sent as a resumable upload named by its SHA-256 (read from the card first). After
// a cut (link lost, timeout, 5xx) the next attempt asks the server how much it holds and sends
// only the rest. An attempt after which the server holds at least resume_min_progress more of the
// file (or all of it) does not count against max_attempts; one that made less progress does.
Offloader::Outcome Offloader::upload_file(const SyncConfig& config, const FileInfo& file, CancelToken& cancel) {
  Outcome last;
  auto sha = file_sha256(file, cancel);
  if (!sha.ok() && sha.error() == Error::kCancelled) return {SyncError::kCancelled, "Sync cancelled.", 0, 0};
  if (!sha.ok()) return {SyncError::kStorage, "Could not read " + file.name + " on the SD card.", 0, 0};
  UploadRequest request{upload_url(config.url), file.name, config.token, file.size,
                        sha.value(), upload_resource_url(config.url, sha.value()), 0};
  std::uint32_t backoff = settings_.backoff_ms;
  bool cut = false;
  std::uint64_t held = 0;  // the most the server has said it holds
  for (int attempt = 1; attempt <= settings_.max_attempts; ++attempt) {
    if (!size_unchanged(file)) {
      last = {};
      last.growing = true;
      return last;
    }
    if (!ports_.wifi.up()) {  // the hotspot dropped us (or the IP was lost): rejoin before trying again
      Status rejoined = join(config);
      if (!rejoined.ok()) return wifi_failure(rejoined.error(), config.ssid);
    }
    last = cut ? resume_point(request, file) : Outcome{};
    bool moved = request.offset >= held + settings_.resume_min_progress || request.offset == file.size;
    if (last.ok() && cut && request.offset > held && moved) {
      held = request.offset;
      --attempt;  // the last attempt moved the upload on
      backoff = settings_.backoff_ms;
    }
    if (last.ok()) last = attempt_upload(request, file, cancel);
    if (last.ok()) return finalize(config, file, last.laps);
    if (last.failure == SyncError::kStorage) break;
    bool again = last.failure != SyncError::kCancelled && (last.http_status == 0 || retryable(last.http_status));
    if (!again || attempt == settings_.max_attempts) break;
    cut = true;
    if (cancel.wait_for(backoff)) return {SyncError::kCancelled, "Sync cancelled.", 0, 0};
    backoff *= 2;
  }
  return last;
}

}  // namespace rs
