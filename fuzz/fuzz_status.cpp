// The STATUS encoder (docs/protocol.md §1.1) with any field values (file names from the card and
// error messages from the server are outside input): always one JSON object with a state, within
// the 512-byte attribute, and notifications within MTU-3.
#include <fuzzer/FuzzedDataProvider.h>

#include <memory>
#include <string>

#include "cJSON.h"
#include "fuzz_check.hpp"
#include "racesense/protocol.hpp"
#include "rscore/sync_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  rs::SyncStatus s;
  s.state = static_cast<rs::SyncState>(in.ConsumeIntegralInRange<int>(0, 4));
  s.wifi = static_cast<rs::WifiStatus>(in.ConsumeIntegralInRange<int>(0, 3));
  s.run = in.ConsumeIntegral<std::uint32_t>();
  s.seq = in.ConsumeIntegral<std::uint32_t>();
  s.progress = in.ConsumeIntegral<int>();
  s.file_index = in.ConsumeIntegral<int>();
  s.file_count = in.ConsumeIntegral<int>();
  s.files_done = in.ConsumeIntegral<int>();
  s.laps = in.ConsumeIntegral<int>();
  s.http_status = in.ConsumeIntegral<int>();
  s.battery_v = in.ConsumeFloatingPoint<double>();
  std::size_t mtu = in.ConsumeIntegralInRange<std::size_t>(0, 600);
  s.error_code = in.ConsumeRandomLengthString(64);
  s.file = in.ConsumeRandomLengthString(600);
  s.error_message = in.ConsumeRemainingBytesAsString();

  std::string json = rs::status_json(s);
  FUZZ_CHECK(json.size() <= rs::protocol::kMaxValueLen);
  std::unique_ptr<cJSON, decltype(&cJSON_Delete)> root(cJSON_ParseWithLength(json.data(), json.size()), cJSON_Delete);
  FUZZ_CHECK(root && cJSON_IsObject(root.get()));
  const cJSON* state = cJSON_GetObjectItemCaseSensitive(root.get(), "state");
  FUZZ_CHECK(cJSON_IsString(state) && std::string(state->valuestring) == rs::state_name(s.state));

  std::string note = rs::notification_payload(json, s.seq, mtu);
  std::size_t room = std::max(mtu, rs::protocol::kMinMtu) - rs::protocol::kNotifyOverhead;
  FUZZ_CHECK(note.size() <= room);
  return 0;
}
