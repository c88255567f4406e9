#include "model/session.hpp"

namespace racesense::model {

void Session::apply(const analysis::SessionAnalysis& a) {
  format = a.format;
  parse_error = a.parse_error;
  track_id = a.track_id;
  track_name = a.track_name;
  auto_track = a.auto_track;
  started_at_ms = a.started_at_ms;
  duration_ms = a.duration_ms;
  best_lap_ms = a.best_lap_ms;
  laps = a.laps;
  lap_count = static_cast<std::int64_t>(a.laps.size());
}

}  // namespace racesense::model
