// The pairing code and salt in NVS (namespace "rs_pair": "code" string, "salt" blob). The code can be
// provisioned with the flash image (firmware/tools/provision_pairing.sh); the salt is made at first boot.
#pragma once

#include "rscore/pairing_code.hpp"

namespace rs::esp32 {

class NvsPairingStore : public PairingStore {
 public:
  Result<PairingSecret> load() override;
  Status save(const PairingSecret& secret) override;
};

}  // namespace rs::esp32
