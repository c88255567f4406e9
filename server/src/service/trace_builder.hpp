// A session's GPS trace for the web app's map and lap comparison (docs/protocol.md §2, trace):
// time, distance travelled, position and speed per sample, split into out-lap, timed laps, in-lap,
// and thinned to what a phone screen can show.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace racesense::service {

struct TracePoint {
  double t_ms = 0;  // from the first fix (the clock lap start_ms is counted on)
  double d_m = 0;   // distance travelled since the first fix
  double lat = 0, lon = 0;
  double speed_kmh = 0;  // from the positions, over about one second
  bool interpolated = false;  // placed on a lap boundary, not a logged fix
};

struct FullTrace {
  std::vector<TracePoint> points;  // every fix
  std::optional<std::int64_t> epoch_ms_at_first;
  std::optional<std::string> error;
  double top_speed_kmh = 0;
};

struct LapSpan {
  int lap = 0;
  std::int64_t start_ms = 0, time_ms = 0;
};

struct TraceRequest {
  double step_m = 4;  // keep a sample every step_m metres (and at least every 2 s); 0 keeps every fix
};

FullTrace read_full_trace(std::istream& in);

// Points of `full` with a point inserted at every lap boundary, thinned by the request. Each lap's
// [i0, i1] slice starts and ends exactly on its boundary points.
struct SlicedTrace {
  std::vector<TracePoint> points;
  struct Segment {
    int lap = 0;
    std::string kind;  // "out", "lap", "in"
    std::size_t i0 = 0, i1 = 0;
    std::optional<std::int64_t> start_ms, time_ms;
  };
  std::vector<Segment> segments;
};
SlicedTrace slice_trace(const FullTrace& full, const std::vector<LapSpan>& laps, const TraceRequest& req);

// {"count","t","d","lat","lon","v","interpolated","laps"} in the compact integer encoding.
nlohmann::json sliced_trace_json(const SlicedTrace& trace);

}  // namespace racesense::service
