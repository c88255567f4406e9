#pragma once

#include "rscore/pairing_code.hpp"

namespace rs::host {

// rs-core-sim keeps its pairing secret in memory: a restart is a new logger to the phone.
class MemoryPairingStore : public PairingStore {
 public:
  explicit MemoryPairingStore(std::string code = "") { secret_.code = std::move(code); }
  Result<PairingSecret> load() override {
    if (secret_.code.empty()) return Error::kNotFound;
    return secret_;
  }
  Status save(const PairingSecret& secret) override {
    secret_ = secret;
    return {};
  }

 private:
  PairingSecret secret_;
};

}  // namespace rs::host
