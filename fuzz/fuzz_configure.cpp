// CONFIGURE writes (docs/protocol.md §1.2) on any bytes: a command or an ATT error, and an accepted
// start always obeys the field rules the doc gives.
#include <cctype>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "racesense/protocol.hpp"
#include "rscore/sync_config.hpp"

namespace protocol = rs::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view value(reinterpret_cast<const char*>(data), size);
  rs::ConfigureCommand c = rs::parse_configure(value);
  switch (c.kind) {
    case rs::ConfigureCommand::Kind::kInvalid:
      FUZZ_CHECK(c.att_error == protocol::kAttInvalidLength || c.att_error == protocol::kAttValueNotAllowed);
      FUZZ_CHECK(!c.message.empty());
      break;
    case rs::ConfigureCommand::Kind::kCancel:
      break;
    case rs::ConfigureCommand::Kind::kStart: {
      const rs::SyncConfig& s = c.config;
      FUZZ_CHECK(!s.ssid.empty() && s.ssid.size() <= protocol::kSsidMaxLen);
      FUZZ_CHECK(s.url.size() <= protocol::kUrlMaxLen);
      FUZZ_CHECK(s.url.rfind("http://", 0) == 0 || s.url.rfind("https://", 0) == 0);
      FUZZ_CHECK(s.token.size() <= protocol::kTokenMaxLen);
      std::string upload = rs::upload_url(s.url);
      FUZZ_CHECK(upload.size() >= std::string(protocol::kUploadPath).size());
      FUZZ_CHECK(upload.compare(upload.size() - 11, 11, protocol::kUploadPath) == 0);
      break;
    }
  }
  // X-Filename encoding of the same bytes: only unreserved characters and %XX escapes.
  std::string encoded = rs::percent_encode(value);
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(encoded[i]);
    FUZZ_CHECK(ch > 0x20 && ch < 0x7F);
    if (ch == '%') FUZZ_CHECK(i + 2 < encoded.size() && std::isxdigit(encoded[i + 1]) && std::isxdigit(encoded[i + 2]));
  }
  return 0;
}
