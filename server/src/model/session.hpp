#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "racesense/analysis/analysis.hpp"

namespace racesense::model {

// One stored session: the bytes received and what the lap analysis found in them. The server's
// only session type: storage reads and writes it, the service maps it to JSON once.
struct Session {
  std::int64_t id = 0;
  std::string filename, sha256, stored_name, uploaded_at;
  std::int64_t bytes = 0;

  std::string format, track_name;
  std::optional<std::string> parse_error, track_id;
  bool auto_track = false;
  std::optional<std::int64_t> started_at_ms, best_lap_ms;
  std::int64_t duration_ms = 0, lap_count = 0;
  std::vector<analysis::Lap> laps;  // loaded for one session's detail, not for lists

  // Replaces every analysed field with what the analysis found.
  void apply(const analysis::SessionAnalysis& a);
};

}  // namespace racesense::model
