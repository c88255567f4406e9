#include "rscore/pairing_code.hpp"

#include "racesense/protocol.hpp"

namespace rs {

std::string normalize_pairing_code(std::string_view typed) {
  std::string_view prefix = protocol::kPairingQrPrefix;
  if (typed.substr(0, prefix.size()) == prefix) typed.remove_prefix(prefix.size());
  std::string digits;
  for (char c : typed) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    else if (c != ' ' && c != '-') return "";
  }
  return digits.size() == protocol::kPairingCodeDigits ? digits : "";
}

std::string format_pairing_code(const std::string& code) {
  std::size_t half = code.size() / 2;
  return code.substr(0, half) + " " + code.substr(half);
}

Result<std::string> generate_pairing_code(Crypto& crypto) {
  std::string code;
  while (code.size() < protocol::kPairingCodeDigits) {
    std::uint8_t b = 0;
    if (!crypto.random(&b, 1).ok()) return Error::kIo;
    if (b < 250) code.push_back(static_cast<char>('0' + b % 10));  // 250 = 25·10: no bias
  }
  return code;
}

Result<ProvisionedSecret> ensure_pairing_secret(PairingStore& store, Crypto& crypto) {
  ProvisionedSecret out;
  auto loaded = store.load();
  if (!loaded.ok() && loaded.error() != Error::kNotFound) return loaded.error();
  if (loaded.ok()) out.secret = loaded.value();
  bool save = false;
  if (normalize_pairing_code(out.secret.code).empty()) {
    auto code = generate_pairing_code(crypto);
    if (!code.ok()) return code.error();
    out.secret.code = code.value();
    out.secret.salt.clear();  // a new code makes a new logger identity
    out.new_code = save = true;
  } else {
    out.secret.code = normalize_pairing_code(out.secret.code);
  }
  if (out.secret.salt.size() != protocol::kPairingSaltLen) {
    out.secret.salt.assign(protocol::kPairingSaltLen, 0);
    if (!crypto.random(out.secret.salt.data(), out.secret.salt.size()).ok()) return Error::kIo;
    save = true;
  }
  if (save) {
    Status saved = store.save(out.secret);
    if (!saved.ok()) return saved.error();
  }
  return out;
}

}  // namespace rs
