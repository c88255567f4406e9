// The GPS fixes of a session file, in time order, for consumers that need the trace itself (the
// web app's map and lap comparison, exports). A narrow view over the session reader.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>

namespace racesense::analysis {

struct Fix {
  double t_ms = 0;  // the session's monotonic clock (the same clock lap start_ms is counted on)
  double lat = 0, lon = 0;
};

struct FixesInfo {
  std::optional<std::string> error;                // not a recognised session file
  std::optional<std::int64_t> epoch_ms_at_first;  // wall clock of the first fix, when known
  double first_t_ms = 0;                           // clock value of the first fix (lap start_ms is from here)
};

FixesInfo read_fixes(std::istream& in, const std::function<void(const Fix&)>& on_fix);

}  // namespace racesense::analysis
