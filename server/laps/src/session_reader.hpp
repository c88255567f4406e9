#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "geometry.hpp"

namespace racesense::analysis {

struct GpsSample {
  double t_ms = 0;  // monotonic milliseconds
  LatLon pos;
};

struct SessionData {
  std::string format;
  std::optional<std::string> error;
  std::optional<std::int64_t> epoch_ms_at_first;  // wall clock of samples[0], when known
  std::vector<GpsSample> samples;                 // GPS fixes in time order
  std::size_t skipped_rows = 0;
};

// Detects the format from the header and reads the GPS fixes (docs/protocol.md §3).
SessionData read_session(std::istream& in);

}  // namespace racesense::analysis
