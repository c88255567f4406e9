#pragma once

#include "rscore/ports.hpp"
#include "rscore/sync_service.hpp"

namespace rs::esp32 {

// The sync service on NimBLE: GATT table, advertising, and the link events the core needs. Every
// decision is the SyncService's; this only moves bytes between the stack and it.
class NimbleGatt : public GattServer {
 public:
  // Registers the service and starts the NimBLE host task (after nimble_port_init()).
  void start(SyncService& service);
  void notify_status(const std::string& value) override;
};

}  // namespace rs::esp32
