#include "rscore/pairing.hpp"

#include <memory>

#include "cJSON.h"
#include "rscore/hex.hpp"
#include "racesense/protocol.hpp"

namespace rs {
namespace {
constexpr std::size_t kPointLen = 65, kMacLen = 32;

using Json = std::unique_ptr<cJSON, decltype(&cJSON_Delete)>;

// The hex string field `name` of a JSON object, decoded to exactly `len` bytes.
std::optional<Bytes> hex_field(const cJSON* root, const char* name, std::size_t len) {
  const cJSON* f = cJSON_GetObjectItemCaseSensitive(root, name);
  Bytes out;
  if (!cJSON_IsString(f) || !from_hex(f->valuestring, out) || out.size() != len) return std::nullopt;
  return out;
}

std::string print(const Json& root) {
  std::unique_ptr<char, decltype(&cJSON_free)> text(cJSON_PrintUnformatted(root.get()), cJSON_free);
  return text ? std::string(text.get()) : std::string();
}
}  // namespace

SpakeIdentity pairing_identity() { return {protocol::kSpakeContext, "", ""}; }

PairingGate::PairingGate(Crypto& crypto, P256& group, MonotonicClock& clock)
    : crypto_(crypto), group_(group), clock_(clock) {}

Status PairingGate::set_secret(const PairingSecret& secret) {
  auto scalars = derive_password_scalars(crypto_, group_, secret.code, secret.salt, protocol::kPairingPbkdf2Iterations);
  if (!scalars.ok()) return scalars.error();
  auto L = group_.mul_generator(scalars.value().w1);
  if (!L.ok()) return L.error();
  std::lock_guard<std::mutex> lock(mu_);
  salt_ = secret.salt;
  w0_ = scalars.value().w0;
  L_ = L.value();
  return {};
}

std::uint64_t PairingGate::wait_ms_locked() {
  if (failures_ == 0 || failures_ >= protocol::kPairingMaxFailures) return 0;
  std::uint64_t delay = static_cast<std::uint64_t>(protocol::kPairingFirstDelayMs) << (failures_ - 1);
  std::uint64_t now = clock_.now_ms();
  return now >= last_attempt_ms_ + delay ? 0 : last_attempt_ms_ + delay - now;
}

AttReply PairingGate::read_pair() {
  std::lock_guard<std::mutex> lock(mu_);
  Json root(cJSON_CreateObject(), cJSON_Delete);
  cJSON_AddNumberToObject(root.get(), "v", 1);
  cJSON_AddStringToObject(root.get(), "salt", to_hex(salt_).c_str());
  cJSON_AddNumberToObject(root.get(), "iter", protocol::kPairingPbkdf2Iterations);
  cJSON_AddNumberToObject(root.get(), "failures", failures_);
  cJSON_AddNumberToObject(root.get(), "wait_ms", static_cast<double>(wait_ms_locked()));
  cJSON_AddBoolToObject(root.get(), "locked", failures_ >= protocol::kPairingMaxFailures || w0_.empty());
  if (handshake_) {
    cJSON_AddStringToObject(root.get(), "y", to_hex(handshake_answer_.share_v).c_str());
    cJSON_AddStringToObject(root.get(), "cv", to_hex(handshake_answer_.confirm_v).c_str());
  }
  return {0, print(root)};
}

AttReply PairingGate::write_pair(std::string_view value) {
  Json root(cJSON_ParseWithLength(value.data(), value.size()), cJSON_Delete);
  if (!cJSON_IsObject(root.get())) return {protocol::kAttValueNotAllowed, ""};
  AttReply reply{protocol::kAttValueNotAllowed, ""};
  if (auto share_p = hex_field(root.get(), "x", kPointLen)) reply = take_share(*share_p);
  else if (auto confirm_p = hex_field(root.get(), "cp", kMacLen)) reply = take_confirm(*confirm_p);
  changed();
  return reply;
}

AttReply PairingGate::take_share(const Bytes& share_p) {
  std::lock_guard<std::mutex> lock(mu_);
  if (w0_.empty() || failures_ >= protocol::kPairingMaxFailures) return {protocol::kAttPairingLocked, ""};
  if (wait_ms_locked() > 0) return {protocol::kAttPairingWait, ""};
  session_.reset();
  handshake_.reset();
  auto verifier = std::make_unique<SpakeVerifier>(crypto_, group_, pairing_identity(), w0_, L_);
  auto answer = verifier->respond(share_p);
  if (!answer.ok()) return {protocol::kAttValueNotAllowed, ""};  // not a point: no guess was made
  ++failures_;  // counted until a matching cp arrives, so an abandoned attempt costs too
  last_attempt_ms_ = clock_.now_ms();
  handshake_answer_ = answer.value();
  handshake_ = std::move(verifier);
  return {};
}

AttReply PairingGate::take_confirm(const Bytes& confirm_p) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!handshake_) return {protocol::kAttValueNotAllowed, ""};
  std::unique_ptr<SpakeVerifier> handshake = std::move(handshake_);  // one cp per shareP
  if (!handshake->confirm(confirm_p)) return {protocol::kAttWrongPairingCode, ""};
  session_.emplace(crypto_, handshake->shared_key(), SealedChannel::Side::kLogger);
  failures_ = 0;
  return {};
}

void PairingGate::end_session() {
  std::lock_guard<std::mutex> lock(mu_);
  handshake_.reset();
  session_.reset();
}

void PairingGate::reopen() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    failures_ = 0;
  }
  changed();
}

bool PairingGate::has_session() {
  std::lock_guard<std::mutex> lock(mu_);
  return session_.has_value();
}

Result<std::string> PairingGate::open(std::uint16_t char_id, std::string_view sealed) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!session_) return Error::kInvalidArgument;
  auto plain = session_->open(char_id, Bytes(sealed.begin(), sealed.end()));
  if (!plain.ok()) return plain.error();
  return std::string(plain.value().begin(), plain.value().end());
}

Result<std::string> PairingGate::seal(std::uint16_t char_id, const std::string& plaintext) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!session_) return Error::kInvalidArgument;
  auto sealed = session_->seal(char_id, Bytes(plaintext.begin(), plaintext.end()));
  if (!sealed.ok()) return sealed.error();
  return std::string(sealed.value().begin(), sealed.value().end());
}

int PairingGate::failures() {
  std::lock_guard<std::mutex> lock(mu_);
  return failures_;
}

bool PairingGate::locked() {
  std::lock_guard<std::mutex> lock(mu_);
  return failures_ >= protocol::kPairingMaxFailures || w0_.empty();
}

void PairingGate::changed() {
  if (on_change_) on_change_();
}

}  // namespace rs
