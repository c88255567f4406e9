#include "session_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

#include "csv_reader.hpp"
#include "gps_time_row.hpp"

namespace racesense::analysis {
namespace {
const char* format_name(Format f) {
  switch (f) {
    case Format::gps_time: return "gps_time";
    case Format::tick_ms: return "tick_ms";
    case Format::timestamp: return "timestamp";
    default: return "";
  }
}

bool looks_binary(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u == 0 || (u < 0x20 && c != '\t');
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

void SessionParser::header(std::string_view line, bool overlong) {
  seen_header_ = true;
  if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  if (!overlong && !looks_binary(line)) {
    std::vector<std::string_view> cells;
    split_cells(line, cells);
    std::vector<std::string> names;
    for (auto c : cells) names.push_back(lower(c));
    auto at = [&](std::size_t i, const char* name) { return i < names.size() && names[i] == name; };
    auto index_of = [&](const char* name) {
      auto it = std::find(names.begin(), names.end(), name);
      return it == names.end() ? -1 : static_cast<int>(it - names.begin());
    };
    if (at(0, "gps_time") && at(1, "lat") && at(2, "lon")) {
      format_ = Format::gps_time;
    } else if (at(0, "tick_ms") && at(1, "row_type") && index_of("lat") > 1 && index_of("lon") > 1) {
      format_ = Format::tick_ms;
      lat_col_ = index_of("lat");
      lon_col_ = index_of("lon");
    } else if (at(0, "timestamp") && at(1, "latitude") && at(2, "longitude")) {
      format_ = Format::timestamp;
    }
  }
  data_.format = format_name(format_);
  if (format_ == Format::unknown)
    data_.error = "Not a RaceSense CSV: the first line does not match a known header (expected "
                  "gps_time,lat,lon,… or tick_ms,row_type,… or timestamp,latitude,longitude,…).";
}

bool SessionParser::line(std::string_view text, bool overlong, GpsSample& fix) {
  // The bulk of a gps_time file: rows of the logger's own shape, read and timed right here.
  GpsTimeRow r;
  if (format_ == Format::gps_time && !overlong && !warming_up_ && row_detail::read_fixed_gps_time_row(text, r)) {
    double t;
    if (!clock_.next(r.second, r.counter, t)) return skip();
    return accept(t, r.lat, r.lon, fix);
  }
  if (!seen_header_) {
    header(text, overlong);
    return false;
  }
  if (format_ == Format::unknown) return false;
  if (overlong) return skip();
  return row(text, fix);
}

bool SessionParser::gps_time_fix(std::int64_t second, int counter, double lat, double lon, GpsSample& fix) {
  if (warming_up_) {
    warmup_.push_back({second, counter, lat, lon});
    if (warmup_.size() == kWarmup) end_warmup();
    return false;
  }
  double t;
  if (!clock_.next(second, counter, t)) return skip();
  return accept(t, lat, lon, fix);
}

// The first samples tell the usual sample period: at 1 Hz or slower each step advances the GPS
// second (period ≈ the median of those advances), faster logging mostly stays within one second
// (period = the counter's usual step). Medians, so a dropout among them does not count.
void SessionParser::end_warmup() {
  warming_up_ = false;
  std::vector<double> advances, counter_steps;
  for (std::size_t i = 1; i < warmup_.size(); ++i) {
    advances.push_back(static_cast<double>(warmup_[i].second - warmup_[i - 1].second));
    counter_steps.push_back((warmup_[i].counter - warmup_[i - 1].counter + 1000) % 1000);
  }
  auto median = [](std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
    return v[v.size() / 2];
  };
  if (!advances.empty()) {
    double advance = median(advances), counter = median(counter_steps);
    clock_.expect_step(advance >= 1 ? 1000 * advance + (counter < 500 ? counter : counter - 1000) : counter);
  }
  GpsSample fix;
  for (const auto& r : warmup_)
    if (gps_time_fix(r.second, r.counter, r.lat, r.lon, fix)) released_.push_back(fix);
  std::vector<Raw>().swap(warmup_);
}

bool SessionParser::accept(double t, double lat, double lon, GpsSample& fix) {
  if (data_.fixes > 0 && t <= data_.last_t_ms) return false;  // duplicate or out of order
  if (data_.fixes++ == 0) data_.first_t_ms = t;
  data_.last_t_ms = t;
  fix = GpsSample{t, {lat, lon}};
  return true;
}

bool SessionParser::row(std::string_view text, GpsSample& fix) {
  if (text.empty()) return false;  // blank line
  GpsTimeRow common;
  if (format_ == Format::gps_time && read_gps_time_row(text, common))
    return gps_time_fix(common.second, common.counter, common.lat, common.lon, fix);
  constexpr std::size_t kMaxCells = 16;
  std::string_view cells[kMaxCells];
  std::size_t needed = static_cast<std::size_t>(std::max(lat_col_, lon_col_)) + 1;
  if (needed > kMaxCells) return skip();
  if (format_ == Format::tick_ms) {  // IMU and marker rows are most of the file: leave them early
    if (first_cells(text, cells, 2) < 2) return skip();
    if (cells[1] != "G") return false;
  }
  if (first_cells(text, cells, needed) < needed) return skip();
  auto lat_cell = cells[lat_col_], lon_cell = cells[lon_col_];
  if (lat_cell.empty() || lon_cell.empty()) return false;  // before the first fix
  double lat, lon;
  if (!parse_number(lat_cell, lat) || !parse_number(lon_cell, lon)) return skip();
  if (lat == 0 && lon == 0) return false;  // no fix
  if (std::fabs(lat) > 90 || std::fabs(lon) > 180) return skip();
  if (format_ == Format::gps_time) {
    std::int64_t second;
    int counter;
    if (!GpsTimeClock::split(cells[0], second, counter)) return skip();
    return gps_time_fix(second, counter, lat, lon, fix);
  }
  double t;
  if (!time_of(cells[0], t)) return skip();
  return accept(t, lat, lon, fix);
}

bool SessionParser::time_of(std::string_view cell, double& t) {
  // Times beyond these are not a logger's clock; accepting them would overflow the millisecond
  // arithmetic (found by fuzz_session_csv).
  constexpr double kMaxEpochS = 4102444800.0;  // 2100-01-01
  constexpr double kMaxTickMs = 1e12;          // 31 years of uptime
  double v;
  if (!parse_number(cell, v) || v < 0) return false;
  if (v > (format_ == Format::timestamp ? kMaxEpochS : kMaxTickMs)) return false;
  if (format_ == Format::timestamp) {
    t = v * 1000;
    if (!first_epoch_ms_) first_epoch_ms_ = std::llround(t);
    return true;
  }
  t = v;  // tick_ms
  return true;
}

const SessionData& SessionParser::finish() {
  if (warming_up_) end_warmup();
  if (!seen_header_) data_.error = "The file is empty: expected a CSV header line.";
  if (data_.fixes > 0) {
    if (format_ == Format::gps_time) {
      if (auto e = clock_.epoch_ms_at_first()) data_.epoch_ms_at_first = *e + std::llround(data_.first_t_ms);
    } else if (format_ == Format::timestamp) {
      data_.epoch_ms_at_first = first_epoch_ms_;
    }
  }
  return data_;
}

}  // namespace racesense::analysis
