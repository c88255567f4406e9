#include "rscore/sync_service.hpp"

#include <algorithm>
#include <cctype>

#include "rscore/protocol.hpp"

namespace rs {
namespace {
constexpr std::uint16_t kConfigureId = 0x5003, kFileListId = 0x5005;  // the seals' associated data
const AttReply kNotAuthenticated{protocol::kAttInsufficientAuthentication, ""};

bool is_csv(const std::string& name) {
  if (name.size() < 5 || name[0] == '.') return false;
  std::string ext = name.substr(name.size() - 4);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv";
}
}  // namespace

SyncService::SyncService(SyncServicePorts ports, OffloaderSettings settings)
    : ports_(ports), settings_(std::move(settings)) {
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
  if (worker_.joinable()) worker_.join();
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
    if (connected_ && subscribed_) payload = notification_payload(status_json(status_), status_.seq, mtu_);
  }
  if (!payload.empty()) ports_.gatt.notify_status(payload);
}

AttReply SyncService::read_status() {
  std::lock_guard<std::mutex> lock(mu_);
  status_.battery_v = ports_.battery.volts();
  return {0, status_json(status_)};
}

AttReply SyncService::att_read(Characteristic c) {
  std::size_t mtu;
  {
    std::lock_guard<std::mutex> lock(mu_);
    mtu = mtu_;
  }
  if (c == Characteristic::kStatus) return {0, status_read_.serve(mtu, [this] { return read_status().value; })};
  if (c == Characteristic::kPair) return {0, pair_read_.serve(mtu, [this] { return read_pair().value; })};
  if (!ports_.pairing.has_session()) return kNotAuthenticated;
  return {0, list_read_.serve(mtu, [this] { return read_file_list().value; })};
}

std::vector<ListedFile> SyncService::snapshot() {
  std::vector<ListedFile> out;
  auto files = ports_.offloader.files.list(settings_.sessions_dir);
  if (!files.ok()) return out;
  for (auto& f : files.value())
    if (is_csv(f.name)) out.push_back({f, ports_.active_files.is_open(f.name)});
  return out;
}

AttReply SyncService::read_file_list() {
  if (!ports_.pairing.has_session()) return kNotAuthenticated;
  std::string page;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!pager_loaded_) pager_.set_snapshot(snapshot());
    pager_loaded_ = false;  // a read without a preceding offset write starts over
    page = pager_.page(protocol::kSealMaxPlaintextLen);
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
  bool fresh = false;
  if (!pager_.select(value, &fresh)) return {protocol::kAttValueNotAllowed, ""};
  if (fresh) pager_.set_snapshot(snapshot());
  pager_loaded_ = true;
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
  start(cmd.config);
  return {};
}

void SyncService::reject_config(const std::string& message) {
  update([&](SyncStatus& s) {
    s.state = SyncState::kError;
    s.error_code = "BAD_CONFIG";
    s.error_message = message;
    s.http_status = 0;
  });
}

void SyncService::start(const SyncConfig& config) {
  wait_until_finished();  // the previous run has ended; reap its thread
  std::vector<ListedFile> files;
  {
    std::lock_guard<std::mutex> lock(mu_);
    running_ = true;
    files = snapshot();
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
  worker_ = std::thread([this, config, files] {
    Offloader offloader(ports_.offloader, settings_, [this](const std::function<void(SyncStatus&)>& c) { update(c); });
    offloader.run(config, files, cancel_);
    std::lock_guard<std::mutex> lock(mu_);
    running_ = false;
  });
}

void SyncService::on_connect(std::size_t mtu) {
  ports_.pairing.end_session();  // a new central starts without a session
  pair_read_.reset();
  std::lock_guard<std::mutex> lock(mu_);
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
  status_read_.reset();
  list_read_.reset();
  pair_read_.reset();
  std::lock_guard<std::mutex> lock(mu_);
  connected_ = subscribed_ = false;  // a running sync goes on
}

void SyncService::on_subscribe(bool enabled) {
  std::lock_guard<std::mutex> lock(mu_);
  subscribed_ = enabled;
}

}  // namespace rs
