// The sync service's GATT side, the same for every radio (NimBLE on the RS-Core, the TCP link of
// rs-core-sim): which characteristic an operation is for, reads and writes with the ATT rules, the
// MTU and subscriptions, and the link policy. The radio ports only translate their stack's calls.
//
// Reads: a long read is one Read (offset 0) and Read Blobs (offset > 0); every part must come from
// the same value, so a read at offset 0 takes a fresh value and the parts after it are cut from that
// one. (NimBLE does not tell the access callback the offset but asks for the whole value each time
// and cuts it itself; its port tells a first part from a later one, see nimble_gatt.cpp.)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "rscore/att.hpp"
#include "rscore/sync_service.hpp"

namespace rs {

enum class GattChar { kStatus, kConfigure, kFileList, kPair };
// "5002" (the last four hex digits of the UUID, as the link names them) or the full UUID.
std::optional<GattChar> gatt_char(std::string_view name);

enum class ReadPart { kFirst, kLater };  // offset 0 / offset > 0

// The link policy's answers to the radio: whether to advertise again.
enum class Advertise { kNo, kYes };

class GattDispatch {
 public:
  explicit GattDispatch(SyncService& service) : service_(service) {}

  // The whole value a read sees (the radio cuts it at the offset and the MTU).
  AttReply read(GattChar c, ReadPart part);
  // The part of a long read that starts at offset (links that cut values themselves).
  AttReply read_at(GattChar c, std::size_t offset);
  AttReply write(GattChar c, std::string_view value);

  Advertise connected(int status, std::size_t mtu);  // status != 0: the connection failed
  Advertise disconnected();                          // a running sync goes on
  Advertise advertising_ended();
  void mtu_changed(std::size_t mtu);
  void subscribed(GattChar c, bool notify);

 private:
  AttReply fresh(GattChar c);
  SyncService& service_;
  std::mutex mu_;
  std::array<std::optional<std::string>, 4> taken_;  // the value each long read is cut from
};

}  // namespace rs
