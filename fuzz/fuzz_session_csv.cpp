// Session CSV reading, track identification and lap detection (docs/protocol.md §3-4) on any bytes:
// never crashes, never throws, its answer keeps the lap rule's invariants, and the streaming
// analyzer gives the same answer however the bytes are split.
#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"
#include "racesense/analysis/analysis.hpp"

using namespace racesense::analysis;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<Track> tracks = {
      {"demo", "Demo Circuit", "Test", {45.0, 7.0, 15, 90}},
      {"north", "North Ring", "Test", {45.01, 7.0, 20, 270}},
  };
  const Options options{10000};
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  SessionAnalysis a = analyze_stream(in, tracks, options);

  if (a.parse_error) FUZZ_CHECK(a.laps.empty());
  FUZZ_CHECK(a.best_lap_ms.has_value() == !a.laps.empty());
  std::int64_t best = INT64_MAX, previous_start = INT64_MIN;
  for (std::size_t i = 0; i < a.laps.size(); ++i) {
    const Lap& lap = a.laps[i];
    FUZZ_CHECK(lap.number == static_cast<int>(i + 1));
    FUZZ_CHECK(lap.time_ms >= options.min_lap_ms - 1);  // shorter crossings are ignored (±1 ms rounding)
    FUZZ_CHECK(lap.start_ms >= previous_start);
    previous_start = lap.start_ms;
    best = std::min(best, lap.time_ms);
  }
  if (a.best_lap_ms) FUZZ_CHECK(*a.best_lap_ms == best);
  FUZZ_CHECK(a.duration_ms >= 0);

  // The upload path feeds the analyzer as bytes arrive: any split must give the same answer.
  StreamAnalyzer streamed(tracks, options);
  std::uint32_t x = static_cast<std::uint32_t>(size) * 2654435761u + 7;
  for (std::size_t at = 0; at < size;) {
    x = x * 1103515245u + 12345u;
    std::size_t n = std::min<std::size_t>(size - at, 1 + (x >> 16) % 300);
    streamed.feed(reinterpret_cast<const char*>(data) + at, n);
    at += n;
  }
  SessionAnalysis b = streamed.finish();
  FUZZ_CHECK(b.format == a.format && b.parse_error == a.parse_error && b.track_name == a.track_name);
  FUZZ_CHECK(b.laps.size() == a.laps.size() && b.best_lap_ms == a.best_lap_ms && b.duration_ms == a.duration_ms);
  for (std::size_t i = 0; i < a.laps.size(); ++i)
    FUZZ_CHECK(b.laps[i].time_ms == a.laps[i].time_ms && b.laps[i].start_ms == a.laps[i].start_ms);
  return 0;
}
