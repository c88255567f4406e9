#include "rscore/sealed_channel.hpp"

#include "racesense/protocol.hpp"

namespace rs {
namespace {
Bytes nonce_for(std::uint32_t counter) {
  Bytes nonce(12, 0);
  for (int i = 0; i < 4; ++i) nonce[8 + i] = static_cast<std::uint8_t>(counter >> (24 - 8 * i));
  return nonce;
}

Bytes aad_for(std::uint16_t char_id) {
  return {static_cast<std::uint8_t>(char_id >> 8), static_cast<std::uint8_t>(char_id & 0xFF)};
}
}  // namespace

SealedChannel::SealedChannel(Crypto& crypto, const Bytes& k_shared, Side side) : crypto_(crypto) {
  Bytes keys = crypto.hkdf_sha256({}, k_shared, protocol::kSessionKeysInfo, 32);
  Bytes phone_to_logger(keys.begin(), keys.begin() + 16), logger_to_phone(keys.begin() + 16, keys.end());
  send_key_ = side == Side::kLogger ? logger_to_phone : phone_to_logger;
  receive_key_ = side == Side::kLogger ? phone_to_logger : logger_to_phone;
}

Result<Bytes> SealedChannel::seal(std::uint16_t char_id, const Bytes& plaintext) {
  std::uint32_t counter = sent_ + 1;
  Bytes nonce = nonce_for(counter);
  auto body = crypto_.aes_gcm_seal(send_key_, nonce, aad_for(char_id), plaintext);
  if (!body.ok()) return body.error();
  sent_ = counter;
  Bytes out(nonce.begin() + 8, nonce.end());  // the counter, big-endian
  out.insert(out.end(), body.value().begin(), body.value().end());
  return out;
}

Result<Bytes> SealedChannel::open(std::uint16_t char_id, const Bytes& sealed) {
  if (sealed.size() < protocol::kSealOverhead) return Error::kInvalidArgument;
  std::uint32_t counter = 0;
  for (std::size_t i = 0; i < protocol::kSealCounterLen; ++i) counter = counter << 8 | sealed[i];
  if (counter <= received_) return Error::kInvalidArgument;
  auto plain = crypto_.aes_gcm_open(receive_key_, nonce_for(counter), aad_for(char_id),
                                    Bytes(sealed.begin() + protocol::kSealCounterLen, sealed.end()));
  if (!plain.ok()) return Error::kInvalidArgument;
  received_ = counter;
  return plain;
}

}  // namespace rs
