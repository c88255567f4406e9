#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // gps_time fixes are held back until kWarmup of them show the usual sample period: then
  // released() is set and release() hands them over.
  std::optional<GpsSample> line(std::string_view line, bool overlong);
  bool released() const { return !released_.empty(); }
  std::vector<GpsSample> release() { return std::move(released_); }
  // Completes the summary (the first fix's wall clock needs the whole gps_time clock); fixes
  // still held back are released.
  const SessionData& finish();

  static constexpr std::size_t kWarmup = 16;
  const SessionData& data() const { return data_; }

 private:
  void header(std::string_view line, bool overlong);
  std::optional<GpsSample> row(std::string_view line);
  bool fast_gps_time_row(std::string_view line, std::optional<GpsSample>& out);
  std::optional<GpsSample> accept(double t, double lat, double lon);
  std::optional<GpsSample> gps_time_fix(std::int64_t second, int counter, double lat, double lon);
  void end_warmup();
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
  struct Raw {
    std::int64_t second;
    int counter;
    double lat, lon;
  };
  std::vector<Raw> warmup_;  // gps_time fixes held back, until kWarmup
  bool warming_up_ = true;
  std::vector<GpsSample> released_;
  std::optional<std::int64_t> first_epoch_ms_;  // timestamp format
};

}  // namespace racesense::analysis
