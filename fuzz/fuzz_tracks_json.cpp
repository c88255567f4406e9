// tracks.json (docs/protocol.md §4) and POST /api/tracks bodies: any bytes give tracks or an error.
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "racesense/analysis/analysis.hpp"

using namespace racesense::analysis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto tracks = parse_tracks_json(text, error);
  if (!tracks) {
    FUZZ_CHECK(!error.empty());
    return 0;
  }
  for (const Track& t : *tracks) {
    // What was accepted survives a round trip through its JSON form.
    std::string again;
    auto back = track_from_json(track_to_json(t), again);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(back->id == t.id && back->name == t.name);
  }
  return 0;
}
