// The RS-Core sync GATT service: what each characteristic answers, and the sync task behind it.
// Radio callbacks call in here and return at once; a run is handed to the Worker (the sync task).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "rscore/active_files.hpp"
#include "rscore/att.hpp"
#include "rscore/cancel_token.hpp"
#include "rscore/file_list.hpp"
#include "rscore/offloader.hpp"
#include "rscore/pairing.hpp"
#include "rscore/sync_status.hpp"

namespace rs {

struct SyncServicePorts {
  OffloaderPorts offloader;
  GattServer& gatt;
  Battery& battery;
  ActiveFiles& active_files;
  PairingGate& pairing;  // CONFIGURE and FILE_LIST only work inside its session
  Worker& worker;
};

class SyncService {
 public:
  SyncService(SyncServicePorts ports, OffloaderSettings settings);
  ~SyncService();
  SyncService(const SyncService&) = delete;
  SyncService& operator=(const SyncService&) = delete;

  // Fresh whole values (GattDispatch serves the parts of a long read from one of them).
  AttReply read_status();
  AttReply read_file_list();  // sealed; ATT 0x05 outside a session
  AttReply read_pair();
  // CONFIGURE and FILE_LIST writes are sealed values: outside a session, or when the seal does not
  // open (a stranger, a replay), ATT 0x05 and nothing changes.
  AttReply write_configure(std::string_view sealed);
  AttReply write_file_list(std::string_view sealed);
  AttReply write_pair(std::string_view value);
  void press_button();  // the logger's button: reopens pairing after the failures limit

  void on_connect(std::size_t mtu);
  void on_mtu(std::size_t mtu);
  void on_disconnect();
  void on_subscribe(bool enabled);

  SyncStatus status();
  void wait_until_finished();  // until a running sync has ended (tests, shutdown)

 private:
  AttReply configure(std::string_view value);
  AttReply select_file_page(std::string_view value);
  AttReply start(const SyncConfig& config);
  void run(const SyncConfig& config);
  void show_pairing_state();
  void update(const std::function<void(SyncStatus&)>& change);
  void reject_config(const std::string& message);

  SyncServicePorts ports_;
  OffloaderSettings settings_;
  std::mutex mu_;
  SyncStatus status_;
  SessionFolder folder_;
  FileListPager pager_;
  std::condition_variable finished_;
  bool connected_ = false, subscribed_ = false, running_ = false;
  std::size_t mtu_ = 23;
  CancelToken cancel_;
};

}  // namespace rs
