#include "rscore/advertising.hpp"

namespace rs {
namespace {
int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
constexpr std::uint8_t kFlags = 0x01, kComplete128 = 0x07, kShortName = 0x08, kCompleteName = 0x09;
}  // namespace

bool uuid128_le(const std::string& text, std::uint8_t out[16]) {
  std::uint8_t be[16];
  int n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-') continue;
    if (n >= 32 || i + 1 >= text.size()) return false;
    int hi = hex(text[i]), lo = hex(text[++i]);
    if (hi < 0 || lo < 0) return false;
    be[n / 2] = static_cast<std::uint8_t>(hi * 16 + lo);
    n += 2;
  }
  if (n != 32) return false;
  for (int i = 0; i < 16; ++i) out[i] = be[15 - i];
  return true;
}

std::vector<std::uint8_t> advertising_data(const std::string& service_uuid) {
  std::vector<std::uint8_t> adv = {2, kFlags, 0x06};  // LE General Discoverable, BR/EDR not supported
  std::uint8_t uuid[16];
  if (!uuid128_le(service_uuid, uuid)) return adv;
  adv.push_back(17);
  adv.push_back(kComplete128);
  for (std::uint8_t b : uuid) adv.push_back(b);
  return adv;
}

std::string advertised_name(const std::string& base, const std::uint8_t address_le[6]) {
  static const char* hex = "0123456789ABCDEF";
  std::string name = base + "-";
  for (int i : {1, 0}) {
    name += hex[address_le[i] >> 4];
    name += hex[address_le[i] & 15];
  }
  return name;
}

std::vector<std::uint8_t> scan_response_data(const std::string& name) {
  std::size_t room = kAdvMaxLen - 2;
  bool fits = name.size() <= room;
  std::string shown = fits ? name : name.substr(0, room);
  std::vector<std::uint8_t> rsp;
  rsp.reserve(kAdvMaxLen);
  rsp.push_back(static_cast<std::uint8_t>(shown.size() + 1));
  rsp.push_back(fits ? kCompleteName : kShortName);
  for (char c : shown) rsp.push_back(static_cast<std::uint8_t>(c));
  return rsp;
}

}  // namespace rs
