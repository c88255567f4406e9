#pragma once

#include "rscore/gatt_dispatch.hpp"
#include "rscore/ports.hpp"

namespace rs::esp32 {

// The sync service on NimBLE: the GATT table, advertising under "RS-Core-XXXX" (the last two bytes
// of the Bluetooth address), the bond store, and the stack's callbacks translated for the core's
// GattDispatch, which makes every decision.
class NimbleGatt : public GattServer {
 public:
  // Registers the service and starts the NimBLE host task (after nimble_port_init()).
  void start(GattDispatch& dispatch);
  void notify_status(const std::string& value) override;
};

}  // namespace rs::esp32
