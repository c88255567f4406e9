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
  // True when the line holds a fix, then put in `fix`; rows that hold none are ignored or counted
  // as skipped. gps_time fixes are held back until kWarmup of them show the usual sample period:
  // then released() is set and release() hands them over. (A bool and an out-parameter, not an
  // optional: returned through memory a byte at a time, an optional costs a stalled load per row.)
  bool line(std::string_view line, bool overlong, GpsSample& fix);
  bool released() const { return !released_.empty(); }
  std::vector<GpsSample> release() { return std::move(released_); }
  // Completes the summary (the first fix's wall clock needs the whole gps_time clock); fixes
  // still held back are released.
  const SessionData& finish();

  static constexpr std::size_t kWarmup = 16;
  const SessionData& data() const { return data_; }

 private:
  void header(std::string_view line, bool overlong);
  bool row(std::string_view line, GpsSample& fix);
  bool accept(double t, double lat, double lon, GpsSample& fix);
  bool gps_time_fix(std::int64_t second, int counter, double lat, double lon, GpsSample& fix);
  void end_warmup();
  bool time_of(std::string_view cell, double& t);
  bool skip() {
    ++data_.skipped_rows;
    return false;
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
