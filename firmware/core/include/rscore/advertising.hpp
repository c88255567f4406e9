// Advertising payloads within the 31-byte legacy limit: the 128-bit service UUID in the
// advertisement (so a Web Bluetooth chooser filtered on the service finds the logger), the name in
// the scan response.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rs {

constexpr std::size_t kAdvMaxLen = 31;

// Parses "12345678-1234-5678-1234-567812345678" into the 16 little-endian bytes BLE sends.
bool uuid128_le(const std::string& text, std::uint8_t out[16]);

std::vector<std::uint8_t> advertising_data(const std::string& service_uuid);
// "RS-Core-1A2B": the base name and the last two bytes of the Bluetooth address (given
// little-endian, as BLE stacks hold it: the address A4:11:22:33:1A:2B is {2B,1A,33,22,11,A4}).
std::string advertised_name(const std::string& base, const std::uint8_t address_le[6]);
std::vector<std::uint8_t> scan_response_data(const std::string& name);

}  // namespace rs
