// The logger's pairing code and where it is kept (NVS on the RS-Core; docs/protocol.md §1.4).
#pragma once

#include <string>
#include <string_view>

#include "rscore/crypto.hpp"

namespace rs {

struct PairingSecret {
  std::string code;  // kPairingCodeDigits decimal digits; never logged
  Bytes salt;        // kPairingSaltLen bytes; public, names the logger
};

// Persistent storage of the secret: NVS on the RS-Core. The provisioning script may write the code
// alone; the salt is then made at first boot.
class PairingStore {
 public:
  virtual ~PairingStore() = default;
  // kNotFound when no code is stored; a stored code without a salt comes back with an empty salt.
  virtual Result<PairingSecret> load() = 0;
  [[nodiscard]] virtual Status save(const PairingSecret& secret) = 0;
};

// The digits of what a person typed or a QR code held ("1234 5678", "RSCORE1:12345678"), or ""
// when that is not exactly kPairingCodeDigits digits.
std::string normalize_pairing_code(std::string_view typed);
std::string format_pairing_code(const std::string& code);  // "1234 5678", as on the label

Result<std::string> generate_pairing_code(Crypto& crypto);  // uniform over all codes

struct ProvisionedSecret {
  PairingSecret secret;
  bool new_code = false;  // made just now: the caller shows it once (serial console at first boot)
};

// Loads the secret, making and storing what is missing (code and salt, or the salt alone).
Result<ProvisionedSecret> ensure_pairing_secret(PairingStore& store, Crypto& crypto);

}  // namespace rs
