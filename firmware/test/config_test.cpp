#include <gtest/gtest.h>

#include "racesense/protocol.hpp"
#include "rscore/sync_config.hpp"

namespace rs {
namespace {
using Kind = ConfigureCommand::Kind;

TEST(Configure, AcceptsTheSpecJsonPlusTokenAndAfter) {
  auto c = parse_configure(R"({"ssid":"Racesense-Pit","pass":"hunter22","url":"https://abc.trycloudflare.com/","token":"t0k","after":"delete"})");
  ASSERT_EQ(c.kind, Kind::kStart) << c.message;
  EXPECT_EQ(c.config.ssid, "Racesense-Pit");
  EXPECT_EQ(c.config.token, "t0k");
  EXPECT_EQ(c.config.after, AfterUpload::kDelete);
  EXPECT_EQ(upload_url(c.config.url), "https://abc.trycloudflare.com/api/upload");
}

TEST(Configure, OpenHotspotAndDefaultArchive) {
  auto c = parse_configure(R"({"ssid":"x","pass":"","url":"http://192.168.43.2:8080"})");
  ASSERT_EQ(c.kind, Kind::kStart);
  EXPECT_EQ(c.config.after, AfterUpload::kArchive);
}

TEST(Configure, CancelCommand) { EXPECT_EQ(parse_configure(R"({"cmd":"cancel"})").kind, Kind::kCancel); }

TEST(Configure, EachBadInputIsRejectedWithTheFieldNamed) {
  struct Case {
    std::string json, mentions;
    int att;
  } cases[] = {
      {"", "512", protocol::kAttInvalidLength},
      {std::string(513, ' '), "512", protocol::kAttInvalidLength},
      {"not json", "JSON", protocol::kAttValueNotAllowed},
      {"[1,2]", "JSON object", protocol::kAttValueNotAllowed},
      {R"({"pass":"12345678","url":"http://a"})", "ssid", protocol::kAttValueNotAllowed},
      {R"({"ssid":"","pass":"12345678","url":"http://a"})", "ssid", protocol::kAttValueNotAllowed},
      {R"({"ssid":")" + std::string(33, 'a') + R"(","pass":"12345678","url":"http://a"})", "ssid", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":"short","url":"http://a"})", "pass", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":")" + std::string(64, 'p') + R"(","url":"http://a"})", "pass", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","url":"http://a"})", "pass", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":"12345678","url":"ftp://a"})", "url", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":"12345678","url":"https://"})", "url", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":"12345678","url":"http://)" + std::string(260, 'h') + R"("})", "url", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":"12345678"})", "url", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":"12345678","url":"http://a","after":"shred"})", "after", protocol::kAttValueNotAllowed},
      {R"({"ssid":1,"pass":"12345678","url":"http://a"})", "ssid", protocol::kAttValueNotAllowed},
      {R"({"ssid":"a","pass":"12345678","url":"http://a","token":")" + std::string(129, 't') + R"("})", "token", protocol::kAttValueNotAllowed},
      {R"({"cmd":"reboot"})", "cmd", protocol::kAttValueNotAllowed},
  };
  for (const auto& c : cases) {
    auto r = parse_configure(c.json);
    EXPECT_EQ(r.kind, Kind::kInvalid) << c.json;
    EXPECT_EQ(r.att_error, c.att) << c.json;
    EXPECT_NE(r.message.find(c.mentions), std::string::npos) << c.json << " → " << r.message;
  }
}

TEST(Configure, PercentEncodingOfFilenames) {
  EXPECT_EQ(percent_encode("Sess Monza 1.csv"), "Sess%20Monza%201.csv");
  EXPECT_EQ(percent_encode("é/x"), "%C3%A9%2Fx");
}

}  // namespace
}  // namespace rs
