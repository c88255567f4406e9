#pragma once

#include <functional>
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
  std::optional<std::int64_t> epoch_ms_at_first;  // wall clock of the first fix, when known
  std::size_t fixes = 0, skipped_rows = 0;
  double first_t_ms = 0, last_t_ms = 0;
};

// Detects the format from the header and hands each GPS fix, in time order, to on_fix
// (docs/protocol.md §3). Nothing is kept: memory does not grow with the file.
SessionData read_session(std::istream& in, const std::function<void(const GpsSample&)>& on_fix);

}  // namespace racesense::analysis
