#include "phone_pairing.hpp"

#include <nlohmann/json.hpp>

#include "rscore/hex.hpp"
#include "rscore/pairing.hpp"
#include "racesense/protocol.hpp"
#include "rscore/spake2plus.hpp"

namespace rs::host {
namespace {
using nlohmann::json;

std::uint16_t short_id(const std::string& ch) { return static_cast<std::uint16_t>(std::stoul(ch, nullptr, 16)); }

std::optional<Bytes> hex_of(const json& j, const char* key) {
  Bytes out;
  if (!j.is_object() || !j.contains(key) || !j[key].is_string() || !from_hex(j[key].get<std::string>(), out))
    return std::nullopt;
  return out;
}
}  // namespace

const char* pair_outcome_name(PairOutcome o) {
  switch (o) {
    case PairOutcome::kPaired: return "paired";
    case PairOutcome::kWrongCode: return "wrong code";
    case PairOutcome::kWait: return "wait";
    case PairOutcome::kLocked: return "locked";
    case PairOutcome::kProtocolError: return "protocol error";
  }
  return "protocol error";
}

PhonePairing::PhonePairing(Crypto& crypto, P256& group, GattOps ops)
    : crypto_(crypto), group_(group), ops_(std::move(ops)) {}

PairOutcome PhonePairing::pair(const std::string& typed) {
  channel_.reset();
  std::string code = normalize_pairing_code(typed);
  AttReply hello = ops_.read("5006");
  json h = json::parse(hello.value, nullptr, false);
  auto salt = hex_of(h, "salt");
  if (hello.att_error != 0 || !salt || !h.contains("iter") || !h["iter"].is_number_integer())
    return PairOutcome::kProtocolError;
  if (code.empty()) return PairOutcome::kWrongCode;
  auto scalars = derive_password_scalars(crypto_, group_, code, *salt, h["iter"].get<int>());
  if (!scalars.ok()) return PairOutcome::kProtocolError;
  SpakeProver prover(crypto_, group_, pairing_identity(), scalars.value().w0, scalars.value().w1);
  auto share_p = prover.share();
  if (!share_p.ok()) return PairOutcome::kProtocolError;
  int att = ops_.write("5006", json{{"x", to_hex(share_p.value())}}.dump()).att_error;
  if (att == protocol::kAttPairingWait) return PairOutcome::kWait;
  if (att == protocol::kAttPairingLocked) return PairOutcome::kLocked;
  if (att != 0) return PairOutcome::kProtocolError;
  json answer = json::parse(ops_.read("5006").value, nullptr, false);
  auto share_v = hex_of(answer, "y"), confirm_v = hex_of(answer, "cv");
  if (!share_v || !confirm_v) return PairOutcome::kProtocolError;
  auto confirm_p = prover.finish(*share_v, *confirm_v);
  if (!confirm_p.ok()) return PairOutcome::kWrongCode;  // the logger's confirmV does not match our code
  att = ops_.write("5006", json{{"cp", to_hex(confirm_p.value())}}.dump()).att_error;
  if (att == protocol::kAttWrongPairingCode) return PairOutcome::kWrongCode;
  if (att != 0) return PairOutcome::kProtocolError;
  channel_.emplace(crypto_, prover.shared_key(), SealedChannel::Side::kPhone);
  return PairOutcome::kPaired;
}

AttReply PhonePairing::configure(const std::string& json_text) { return write_sealed("5003", json_text); }

AttReply PhonePairing::write_sealed(const std::string& ch, const std::string& plaintext) {
  if (!channel_) return {protocol::kAttInsufficientAuthentication, ""};
  auto sealed = channel_->seal(short_id(ch), Bytes(plaintext.begin(), plaintext.end()));
  if (!sealed.ok()) return {protocol::kAttInsufficientAuthentication, ""};
  last_sealed_.assign(sealed.value().begin(), sealed.value().end());
  return ops_.write(ch, last_sealed_);
}

std::optional<std::string> PhonePairing::read_sealed(const std::string& ch) {
  if (!channel_) return std::nullopt;
  AttReply r = ops_.read(ch);
  if (r.att_error != 0) return std::nullopt;
  auto plain = channel_->open(short_id(ch), Bytes(r.value.begin(), r.value.end()));
  if (!plain.ok()) return std::nullopt;
  return std::string(plain.value().begin(), plain.value().end());
}

}  // namespace rs::host
