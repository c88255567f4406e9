#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "rscore/ports.hpp"
#include <memory>

#include "rscore/gatt_dispatch.hpp"
#include "rscore/sync_service.hpp"

namespace rs::host {

// The simulator's stand-in for the radio: newline-delimited JSON over TCP on 127.0.0.1, one GATT
// operation per line (docs/protocol.md §5). One central at a time; a new one replaces the old.
class LinkServer : public GattServer {
 public:
  explicit LinkServer(int port);  // 0 = ephemeral
  ~LinkServer() override;
  int port() const { return port_; }
  // The link goes through the same GattDispatch as NimBLE on the logger.
  void attach(SyncService* service) {
    service_ = service;
    dispatch_ = std::make_unique<GattDispatch>(*service);
  }
  void set_name(std::string name) { name_ = std::move(name); }  // the advertised name
  void serve();  // accepts centrals until stop()
  void stop();
  void notify_status(const std::string& value) override;

 private:
  void serve_client(int fd);
  std::string handle_line(const std::string& line);
  void send_line(const std::string& line);

  int listen_fd_ = -1, port_ = 0, client_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::mutex write_mu_;
  SyncService* service_ = nullptr;
  std::unique_ptr<GattDispatch> dispatch_;
  std::string name_ = "RS-Core";
};

std::string base64_encode(const std::string& bytes);
bool base64_decode(const std::string& text, std::string& out);

}  // namespace rs::host
