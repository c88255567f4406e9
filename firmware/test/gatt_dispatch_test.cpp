// The GATT side both radios share (NimBLE on the logger, the simulator's link).
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "rscore/gatt_dispatch.hpp"
#include "racesense/protocol.hpp"
#include "test_pairing.hpp"
#include "thread_worker.hpp"

namespace rs {
namespace {
using nlohmann::json;

class VaryingBattery : public Battery {
 public:
  std::atomic<double> v{3.90};
  double volts() override { return v; }
};

class SilentGatt : public GattServer {
 public:
  std::atomic<int> sent{0};
  void notify_status(const std::string&) override { ++sent; }
};

class GattDispatchTest : public ::testing::Test {
 protected:
  GattDispatchTest()
      : service({{files, wifi, http, sha}, gatt, battery, active, pairing.gate, worker}, OffloaderSettings()), dispatch(service) {}
  double battery_in(const std::string& status) { return json::parse(status)["battery_v"].get<double>(); }

  test::FakeFileStore files;
  test::FakeWifi wifi;
  test::FakeUploader http;
  host::OpensslSha256 sha;
  SilentGatt gatt;
  VaryingBattery battery;
  ActiveFiles active;
  test::TestPairing pairing;
  host::ThreadWorker worker;
  SyncService service;
  GattDispatch dispatch;
};

TEST_F(GattDispatchTest, TheLaterPartsOfALongReadComeFromTheValueItsFirstPartTook) {
  dispatch.connected(0, 23);
  auto first = dispatch.read(GattChar::kStatus, ReadPart::kFirst);
  battery.v = 4.05;
  auto later = dispatch.read(GattChar::kStatus, ReadPart::kLater);
  EXPECT_EQ(later.value, first.value);
  EXPECT_DOUBLE_EQ(battery_in(dispatch.read(GattChar::kStatus, ReadPart::kFirst).value), 4.05);
}

TEST_F(GattDispatchTest, AReadAbandonedAfterItsFirstPartDoesNotMakeTheNextReadStale) {
  dispatch.connected(0, 23);
  dispatch.read(GattChar::kStatus, ReadPart::kFirst);  // the central read 22 bytes and gave up
  battery.v = 4.10;
  EXPECT_DOUBLE_EQ(battery_in(dispatch.read(GattChar::kStatus, ReadPart::kFirst).value), 4.10);
}

TEST_F(GattDispatchTest, OffsetsCutTheTakenValueAndOneBeyondItsEndIsAnError) {
  dispatch.connected(0, 23);
  auto whole = dispatch.read_at(GattChar::kStatus, 0);
  ASSERT_EQ(whole.att_error, 0);
  battery.v = 3.50;
  EXPECT_EQ(dispatch.read_at(GattChar::kStatus, 22).value, whole.value.substr(22));
  EXPECT_EQ(dispatch.read_at(GattChar::kStatus, whole.value.size()).value, "");
  EXPECT_EQ(dispatch.read_at(GattChar::kStatus, whole.value.size() + 1).att_error, 0x07);  // invalid offset
}

TEST_F(GattDispatchTest, ALaterPartWithoutAFirstOneGetsAFreshValue) {
  dispatch.connected(0, 23);
  battery.v = 3.70;
  EXPECT_DOUBLE_EQ(battery_in(dispatch.read(GattChar::kStatus, ReadPart::kLater).value), 3.70);
  dispatch.read(GattChar::kStatus, ReadPart::kFirst);
  dispatch.disconnected();  // what a connection took ends with it
  battery.v = 3.60;
  dispatch.connected(0, 23);
  EXPECT_DOUBLE_EQ(battery_in(dispatch.read(GattChar::kStatus, ReadPart::kLater).value), 3.60);
}

TEST_F(GattDispatchTest, WritesFollowTheAttRules) {
  dispatch.connected(0, 185);
  EXPECT_EQ(dispatch.write(GattChar::kConfigure, std::string(513, 'x')).att_error, protocol::kAttInvalidLength);
  EXPECT_EQ(dispatch.write(GattChar::kStatus, "{}").att_error, 0x03);  // write not permitted
  EXPECT_EQ(dispatch.read(GattChar::kConfigure, ReadPart::kFirst).att_error, 0x02);  // read not permitted
  EXPECT_EQ(dispatch.write(GattChar::kConfigure, "{}").att_error, protocol::kAttInsufficientAuthentication);  // no session
  EXPECT_EQ(dispatch.write(GattChar::kFileList, "{}").att_error, protocol::kAttInsufficientAuthentication);
  EXPECT_EQ(dispatch.read(GattChar::kPair, ReadPart::kFirst).att_error, 0);
  EXPECT_EQ(dispatch.write(GattChar::kPair, "not json").att_error, protocol::kAttValueNotAllowed);
}

TEST_F(GattDispatchTest, TheLinkPolicyAdvertisesWheneverNoCentralIsConnected) {
  EXPECT_EQ(dispatch.connected(0x13, 0), Advertise::kYes);  // the connection failed
  EXPECT_EQ(dispatch.connected(0, 185), Advertise::kNo);
  dispatch.subscribed(GattChar::kStatus, true);
  int before = gatt.sent;
  dispatch.mtu_changed(247);
  EXPECT_EQ(dispatch.write(GattChar::kConfigure, "{}").att_error, protocol::kAttInsufficientAuthentication);
  EXPECT_EQ(dispatch.advertising_ended(), Advertise::kYes);
  EXPECT_EQ(dispatch.disconnected(), Advertise::kYes);
  EXPECT_EQ(gatt.sent, before);  // a refused write changes nothing, so nothing is notified
}

TEST(GattChar, ShortIdsAndUuidsName) {
  EXPECT_EQ(gatt_char("5002"), GattChar::kStatus);
  EXPECT_EQ(gatt_char(protocol::kConfigureUuid), GattChar::kConfigure);
  EXPECT_EQ(gatt_char("5005"), GattChar::kFileList);
  EXPECT_EQ(gatt_char(protocol::kPairUuid), GattChar::kPair);
  EXPECT_FALSE(gatt_char("5004").has_value());
  EXPECT_FALSE(gatt_char("").has_value());
}

}  // namespace
}  // namespace rs
