#include <gtest/gtest.h>

#include "rscore/advertising.hpp"
#include "racesense/protocol.hpp"

namespace rs {
namespace {

TEST(Advertising, ServiceUuidFitsTheLegacyPacket) {
  auto adv = advertising_data(protocol::kServiceUuid);
  EXPECT_LE(adv.size(), kAdvMaxLen);
  ASSERT_EQ(adv.size(), 21u);
  EXPECT_EQ(adv[3], 17);
  EXPECT_EQ(adv[4], 0x07);
  EXPECT_EQ(adv[5], 0x78);   // little-endian: last byte of ...567812345678 first
  EXPECT_EQ(adv[20], 0x12);
}

TEST(Advertising, NameGoesInTheScanResponse) {
  auto rsp = scan_response_data(protocol::kDeviceName);
  EXPECT_EQ(std::string(rsp.begin() + 2, rsp.end()), "RS-Core");
  EXPECT_EQ(rsp[1], 0x09);
  auto long_rsp = scan_response_data(std::string(40, 'n'));
  EXPECT_LE(long_rsp.size(), kAdvMaxLen);
  EXPECT_EQ(long_rsp[1], 0x08);  // shortened name
}

TEST(Advertising, TheNameCarriesTheLastTwoBytesOfTheAddress) {
  const std::uint8_t address_le[6] = {0x2b, 0x1a, 0x33, 0x22, 0x11, 0xa4};  // A4:11:22:33:1A:2B
  EXPECT_EQ(advertised_name("RS-Core", address_le), "RS-Core-1A2B");
  const std::uint8_t other[6] = {0x0f, 0xe0, 0, 0, 0, 0};
  EXPECT_EQ(advertised_name("RS-Core", other), "RS-Core-E00F");
  auto rsp = scan_response_data(advertised_name("RS-Core", address_le));
  EXPECT_LE(rsp.size(), kAdvMaxLen);
  EXPECT_EQ(rsp[1], 0x09);  // still the complete name
}

}  // namespace
}  // namespace rs
