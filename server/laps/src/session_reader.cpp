#include "session_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

#include "csv_reader.hpp"

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

std::optional<GpsSample> SessionParser::line(std::string_view text, bool overlong) {
  if (!seen_header_) {
    header(text, overlong);
    return std::nullopt;
  }
  if (format_ == Format::unknown) return std::nullopt;
  if (overlong) return skip();
  return row(text);
}

std::optional<GpsSample> SessionParser::row(std::string_view text) {
  if (text.empty()) return std::nullopt;  // blank line
  constexpr std::size_t kMaxCells = 16;
  std::string_view cells[kMaxCells];
  std::size_t needed = static_cast<std::size_t>(std::max(lat_col_, lon_col_)) + 1;
  if (needed > kMaxCells) return skip();
  if (format_ == Format::tick_ms) {  // IMU and marker rows are most of the file: leave them early
    if (first_cells(text, cells, 2) < 2) return skip();
    if (cells[1] != "G") return std::nullopt;
  }
  if (first_cells(text, cells, needed) < needed) return skip();
  auto lat_cell = cells[lat_col_], lon_cell = cells[lon_col_];
  if (lat_cell.empty() || lon_cell.empty()) return std::nullopt;  // before the first fix
  double lat, lon;
  if (!parse_number(lat_cell, lat) || !parse_number(lon_cell, lon)) return skip();
  if (lat == 0 && lon == 0) return std::nullopt;  // no fix
  if (std::fabs(lat) > 90 || std::fabs(lon) > 180) return skip();
  auto t = time_of(cells[0]);
  if (!t) return skip();
  if (data_.fixes > 0 && *t <= data_.last_t_ms) return std::nullopt;  // duplicate or out of order
  if (data_.fixes++ == 0) data_.first_t_ms = *t;
  data_.last_t_ms = *t;
  return GpsSample{*t, {lat, lon}};
}

std::optional<double> SessionParser::time_of(std::string_view cell) {
  if (format_ == Format::gps_time) return clock_.next(cell);
  double v;
  if (!parse_number(cell, v) || v < 0) return std::nullopt;
  if (format_ == Format::timestamp) {
    double ms = v * 1000;
    if (!first_epoch_ms_) first_epoch_ms_ = std::llround(ms);
    return ms;
  }
  return v;  // tick_ms
}

const SessionData& SessionParser::finish() {
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
