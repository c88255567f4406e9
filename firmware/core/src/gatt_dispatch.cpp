#include "rscore/gatt_dispatch.hpp"

#include "racesense/protocol.hpp"

namespace rs {
namespace {
constexpr int kAttReadNotPermitted = 0x02, kAttWriteNotPermitted = 0x03, kAttInvalidOffset = 0x07;

std::size_t index(GattChar c) { return static_cast<std::size_t>(c); }
}  // namespace

std::optional<GattChar> gatt_char(std::string_view name) {
  if (name.size() > 4) name = name.substr(name.size() - 4);
  if (name == "5002") return GattChar::kStatus;
  if (name == "5003") return GattChar::kConfigure;
  if (name == "5005") return GattChar::kFileList;
  if (name == "5006") return GattChar::kPair;
  return std::nullopt;
}

AttReply GattDispatch::fresh(GattChar c) {
  switch (c) {
    case GattChar::kStatus: return service_.read_status();
    case GattChar::kFileList: return service_.read_file_list();
    case GattChar::kPair: return service_.read_pair();
    case GattChar::kConfigure: break;
  }
  return {kAttReadNotPermitted, ""};
}

AttReply GattDispatch::read(GattChar c, ReadPart part) {
  if (part == ReadPart::kLater) {
    std::lock_guard<std::mutex> lock(mu_);
    if (taken_[index(c)]) return {0, *taken_[index(c)]};
    // No first part on this connection: serve a fresh value, as a first read would.
  }
  AttReply r = fresh(c);
  std::lock_guard<std::mutex> lock(mu_);
  taken_[index(c)] = r.att_error == 0 ? std::optional<std::string>(r.value) : std::nullopt;
  return r;
}

AttReply GattDispatch::read_at(GattChar c, std::size_t offset) {
  AttReply r = read(c, offset == 0 ? ReadPart::kFirst : ReadPart::kLater);
  if (r.att_error != 0) return r;
  if (offset > r.value.size()) return {kAttInvalidOffset, ""};
  return {0, r.value.substr(offset)};
}

AttReply GattDispatch::write(GattChar c, std::string_view value) {
  if (value.size() > protocol::kMaxValueLen) return {protocol::kAttInvalidLength, ""};
  switch (c) {
    case GattChar::kConfigure: return service_.write_configure(value);
    case GattChar::kFileList: return service_.write_file_list(value);
    case GattChar::kPair: return service_.write_pair(value);
    case GattChar::kStatus: break;
  }
  return {kAttWriteNotPermitted, ""};
}

Advertise GattDispatch::connected(int status, std::size_t mtu) {
  if (status != 0) return Advertise::kYes;  // the central gave up: be visible again
  {
    std::lock_guard<std::mutex> lock(mu_);
    taken_ = {};
  }
  service_.on_connect(mtu);
  return Advertise::kNo;  // one central at a time
}

Advertise GattDispatch::disconnected() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    taken_ = {};
  }
  service_.on_disconnect();
  return Advertise::kYes;
}

Advertise GattDispatch::advertising_ended() { return Advertise::kYes; }

void GattDispatch::mtu_changed(std::size_t mtu) { service_.on_mtu(mtu); }

void GattDispatch::subscribed(GattChar c, bool notify) {
  if (c == GattChar::kStatus) service_.on_subscribe(notify);
}

}  // namespace rs
