#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "geometry.hpp"
#include "gps_time_clock.hpp"

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

enum class Format { unknown, gps_time, tick_ms, timestamp };

// Turns the lines of a session file into GPS fixes in time order (docs/protocol.md §3): the first
// line picks the format, each later line is one row. Nothing is kept but the clock's state.
class SessionParser {
 public:
  // Returns the fix a row holds, if any; rows that hold none are ignored or counted as skipped.
  std::optional<GpsSample> line(std::string_view line, bool overlong);
  // Completes the summary (the first fix's wall clock needs the whole gps_time clock).
  const SessionData& finish();
  const SessionData& data() const { return data_; }

 private:
  void header(std::string_view line, bool overlong);
  std::optional<GpsSample> row(std::string_view line);
  std::optional<double> time_of(std::string_view cell);
  std::nullopt_t skip() {
    ++data_.skipped_rows;
    return std::nullopt;
  }

  bool seen_header_ = false;
  Format format_ = Format::unknown;
  int lat_col_ = 1, lon_col_ = 2;
  SessionData data_;
  GpsTimeClock clock_;
  std::optional<std::int64_t> first_epoch_ms_;  // timestamp format
};

}  // namespace racesense::analysis
