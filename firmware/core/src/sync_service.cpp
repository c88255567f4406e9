#include "rscore/sync_service.hpp"

#include <algorithm>

#include "racesense/protocol.hpp"

namespace rs {
namespace {
constexpr std::uint16_t kConfigureId = 0x5003, kFileListId = 0x5005;  // the seals' associated data
const AttReply kNotAuthenticated{protocol::kAttInsufficientAuthentication, ""};
}  // namespace

SyncService::SyncService(SyncServicePorts ports, OffloaderSettings settings)
    : ports_(ports),
      settings_(std::move(settings)),
      folder_(ports_.offloader.files, settings_.sessions_dir, &ports_.active_files) {
  ports_.offloader.active = &ports_.active_files;
  status_.battery_v = ports_.battery.volts();
  status_.pair_failures = ports_.pairing.failures();
  status_.pairing_locked = ports_.pairing.locked();
  ports_.pairing.on_change([this] { show_pairing_state(); });
}

SyncService::~SyncService() {
  ports_.pairing.on_change(nullptr);
  cancel_.cancel();
  wait_until_finished();
}

void SyncService::wait_until_finished() {
  std::unique_lock<std::mutex> lock(mu_);
  finished_.wait(lock, [this] { return !running_; });
}

SyncStatus SyncService::status() {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

void SyncService::update(const std::function<void(SyncStatus&)>& change) {
  std::string payload;
  {
    std::lock_guard<std::mutex> lock(mu_);
    SyncStatus before = status_;
    change(status_);
    bool moved = status_.progress != before.progress || status_.state != before.state ||
                 status_.file_index != before.file_index || status_.files_done != before.files_done ||
                 status_.pair_failures != before.pair_failures || status_.pairing_locked != before.pairing_locked;
    if (!moved && status_.state == SyncState::kSyncing) return;  // keep chatter to real changes
    ++status_.seq;
    status_.battery_v = ports_.battery.volts();
    status_.list_gen = ports_.active_files.generation();
    if (connected_ && subscribed_) payload = notification_payload(status_json(status_), status_.seq, mtu_);
  }
  if (!payload.empty()) ports_.gatt.notify_status(payload);
}

AttReply SyncService::read_status() {
  std::lock_guard<std::mutex> lock(mu_);
  status_.battery_v = ports_.battery.volts();
  status_.list_gen = ports_.active_files.generation();
  return {0, status_json(status_)};
}

AttReply SyncService::read_file_list() {
  if (!ports_.pairing.has_session()) return kNotAuthenticated;
  std::string page;
  {
    std::lock_guard<std::mutex> lock(mu_);
    page = pager_.page(folder_, protocol::kFileListPageLen, ports_.active_files.generation());
  }
  auto sealed = ports_.pairing.seal(kFileListId, page);
  if (!sealed.ok()) return kNotAuthenticated;
  return {0, sealed.value()};
}

AttReply SyncService::read_pair() { return ports_.pairing.read_pair(); }

AttReply SyncService::write_pair(std::string_view value) { return ports_.pairing.write_pair(value); }

void SyncService::press_button() { ports_.pairing.reopen(); }

void SyncService::show_pairing_state() {
  int failures = ports_.pairing.failures();
  bool locked = ports_.pairing.locked();
  update([&](SyncStatus& s) {
    s.pair_failures = failures;
    s.pairing_locked = locked;
  });
}

AttReply SyncService::write_file_list(std::string_view sealed) {
  auto value = ports_.pairing.open(kFileListId, sealed);
  if (!value.ok()) return kNotAuthenticated;
  return select_file_page(value.value());
}

AttReply SyncService::select_file_page(std::string_view value) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!pager_.select(value)) return {protocol::kAttValueNotAllowed, ""};
  return {};
}

AttReply SyncService::write_configure(std::string_view sealed) {
  auto value = ports_.pairing.open(kConfigureId, sealed);
  if (!value.ok()) return kNotAuthenticated;
  return configure(value.value());
}

AttReply SyncService::configure(std::string_view value) {
  ConfigureCommand cmd = parse_configure(value);
  if (cmd.kind == ConfigureCommand::Kind::kCancel) {
    cancel_.cancel();
    return {};
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    bool finishing = status_.state == SyncState::kDone || status_.state == SyncState::kError;
    if (running_ && !finishing) return {protocol::kAttBusy, ""};
  }
  if (cmd.kind == ConfigureCommand::Kind::kInvalid) {
    reject_config(cmd.message);
    return {cmd.att_error, ""};
  }
  return start(cmd.config);
}

void SyncService::reject_config(const std::string& message) {
  update([&](SyncStatus& s) {
    s.state = SyncState::kError;
    s.error_code = sync_error_code(SyncError::kBadConfig);
    s.error_message = message;
    s.http_status = 0;
  });
}

// Called from the radio's callback: the run itself is handed to the sync task.
AttReply SyncService::start(const SyncConfig& config) {
  wait_until_finished();  // a finishing run (DONE/ERROR already published) is moments from its end
  {
    std::lock_guard<std::mutex> lock(mu_);
    running_ = true;
  }
  cancel_.reset();
  update([](SyncStatus& s) {
    SyncStatus fresh;
    fresh.run = s.run + 1;
    fresh.seq = s.seq;
    fresh.state = SyncState::kWifiConnecting;
    fresh.wifi = WifiStatus::kConnecting;
    fresh.pair_failures = s.pair_failures;
    fresh.pairing_locked = s.pairing_locked;
    s = fresh;
  });
  if (ports_.worker.post([this, config] { run(config); })) return {};
  update([](SyncStatus& s) {  // the sync task's queue is full: nothing was started
    s.state = SyncState::kError;
    s.wifi = WifiStatus::kOff;
    s.error_code = sync_error_code(SyncError::kBusy);
    s.error_message = "The logger is busy. Try again in a moment.";
  });
  std::lock_guard<std::mutex> lock(mu_);
  running_ = false;
  finished_.notify_all();
  return {protocol::kAttBusy, ""};
}

void SyncService::run(const SyncConfig& config) {
  Offloader offloader(ports_.offloader, settings_, [this](const std::function<void(SyncStatus&)>& c) { update(c); });
  offloader.run(config, cancel_);
  std::lock_guard<std::mutex> lock(mu_);
  running_ = false;
  finished_.notify_all();
}

void SyncService::on_connect(std::size_t mtu) {
  ports_.pairing.end_session();  // a new central starts without a session
  std::lock_guard<std::mutex> lock(mu_);
  pager_.rewind();  // a new central reads the list from its start
  connected_ = true;
  subscribed_ = false;
  mtu_ = std::max(mtu, protocol::kMinMtu);
}

void SyncService::on_mtu(std::size_t mtu) {
  std::lock_guard<std::mutex> lock(mu_);
  mtu_ = std::max(mtu, protocol::kMinMtu);
}

void SyncService::on_disconnect() {
  ports_.pairing.end_session();
  std::lock_guard<std::mutex> lock(mu_);
  connected_ = subscribed_ = false;  // a running sync goes on
}

void SyncService::on_subscribe(bool enabled) {
  std::lock_guard<std::mutex> lock(mu_);
  subscribed_ = enabled;
}

}  // namespace rs
