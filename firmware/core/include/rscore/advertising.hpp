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
std::vector<std::uint8_t> scan_response_data(const std::string& name);

}  // namespace rs
