// The RS-Core sync GATT service: what each characteristic answers, and the sync task behind it.
// Radio callbacks call in here and return at once; a run is handed to the Worker (the sync task).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "rscore/active_files.hpp"
#include "rscore/cancel_token.hpp"
#include "rscore/file_list.hpp"
#include "rscore/offloader.hpp"
#include "rscore/sync_status.hpp"

namespace rs {

enum class Characteristic { kStatus, kFileList };

// A long read arrives as one Read and several Read Blob requests, and NimBLE asks the application
// for the whole value each time; every part must come from the same value, so follow-ups are
// served from a snapshot.
class LongReadSnapshot {
 public:
  template <class Fresh>
  std::string serve(std::size_t mtu, Fresh fresh) {
    if (followups_ > 0) {
      --followups_;
      return value_;
    }
    value_ = fresh();
    std::size_t chunk = mtu - 1;  // bytes per Read / Read Blob response
    followups_ = value_.size() >= chunk ? value_.size() / chunk : 0;
    return value_;
  }
  void reset() { followups_ = 0; }

 private:
  std::string value_;
  std::size_t followups_ = 0;
};

struct AttReply {
  int att_error = 0;  // 0 = success
  std::string value;  // for reads
};

struct SyncServicePorts {
  OffloaderPorts offloader;
  GattServer& gatt;
  Battery& battery;
  ActiveFiles& active_files;
  Worker& worker;
};

class SyncService {
 public:
  SyncService(SyncServicePorts ports, OffloaderSettings settings);
  ~SyncService();
  SyncService(const SyncService&) = delete;
  SyncService& operator=(const SyncService&) = delete;

  // Whole values, as a central's readValue() sees them (the simulator's link).
  AttReply read_status();
  AttReply read_file_list();
  // One ATT Read or Read Blob on the radio: NimBLE slices the returned value by the offset.
  AttReply att_read(Characteristic c);
  AttReply write_configure(std::string_view value);
  AttReply write_file_list(std::string_view value);

  void on_connect(std::size_t mtu);
  void on_mtu(std::size_t mtu);
  void on_disconnect();
  void on_subscribe(bool enabled);

  SyncStatus status();
  void wait_until_finished();  // until a running sync has ended (tests, shutdown)

 private:
  AttReply start(const SyncConfig& config);
  void run(const SyncConfig& config);
  void update(const std::function<void(SyncStatus&)>& change);
  void reject_config(const std::string& message);

  SyncServicePorts ports_;
  OffloaderSettings settings_;
  std::mutex mu_;
  SyncStatus status_;
  SessionFolder folder_;
  FileListPager pager_;
  bool pager_loaded_ = false;
  std::condition_variable finished_;
  bool connected_ = false, subscribed_ = false, running_ = false;
  std::size_t mtu_ = 23;
  LongReadSnapshot status_read_, list_read_;
  CancelToken cancel_;
};

}  // namespace rs
