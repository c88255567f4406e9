// The RS-Core sync GATT service: what each characteristic answers, and the sync task behind it.
// Radio callbacks call in here and return at once; the sync runs on its own thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "rscore/active_files.hpp"
#include "rscore/cancel_token.hpp"
#include "rscore/file_list.hpp"
#include "rscore/offloader.hpp"
#include "rscore/sync_status.hpp"

namespace rs {

struct AttReply {
  int att_error = 0;  // 0 = success
  std::string value;  // for reads
};

struct SyncServicePorts {
  OffloaderPorts offloader;
  GattServer& gatt;
  Battery& battery;
  ActiveFiles& active_files;
};

class SyncService {
 public:
  SyncService(SyncServicePorts ports, OffloaderSettings settings);
  ~SyncService();
  SyncService(const SyncService&) = delete;
  SyncService& operator=(const SyncService&) = delete;

  AttReply read_status();
  AttReply read_file_list();
  AttReply write_configure(std::string_view value);
  AttReply write_file_list(std::string_view value);

  void on_connect(std::size_t mtu);
  void on_mtu(std::size_t mtu);
  void on_disconnect();
  void on_subscribe(bool enabled);

  SyncStatus status();
  void wait_until_finished();  // joins a running sync (tests, shutdown)

 private:
  void start(const SyncConfig& config);
  void update(const std::function<void(SyncStatus&)>& change);
  void reject_config(const std::string& message);
  std::vector<ListedFile> snapshot();

  SyncServicePorts ports_;
  OffloaderSettings settings_;
  std::mutex mu_;
  SyncStatus status_;
  FileListPager pager_;
  bool pager_loaded_ = false;
  bool connected_ = false, subscribed_ = false, running_ = false;
  std::size_t mtu_ = 23;
  CancelToken cancel_;
  std::thread worker_;
};

}  // namespace rs
