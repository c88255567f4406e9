#include <gtest/gtest.h>

#include "rscore/advertising.hpp"
#include "rscore/protocol.hpp"

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

}  // namespace
}  // namespace rs
