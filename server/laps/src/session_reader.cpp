#include "session_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "csv_reader.hpp"
#include "gps_time_clock.hpp"

namespace racesense::analysis {
namespace {

struct Columns {
  int time = -1, lat = -1, lon = -1, row_type = -1;
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

int index_of(const std::vector<std::string>& names, const char* name) {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

// Returns the format name and its column positions, or "" when the header is not an RS-Core one.
std::string detect(std::string_view header, Columns& cols) {
  if (header.size() >= 3 && header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);
  std::vector<std::string_view> cells;
  split_cells(header, cells);
  std::vector<std::string> names;
  for (auto c : cells) names.push_back(lower(c));
  auto starts = [&](std::initializer_list<const char*> prefix) {
    std::size_t i = 0;
    for (const char* p : prefix)
      if (i >= names.size() || names[i++] != p) return false;
    return true;
  };
  if (starts({"gps_time", "lat", "lon"})) {
    cols = {0, 1, 2, -1};
    return "gps_time";
  }
  if (starts({"tick_ms", "row_type"}) && index_of(names, "lat") > 0 && index_of(names, "lon") > 0) {
    cols = {0, index_of(names, "lat"), index_of(names, "lon"), 1};
    return "tick_ms";
  }
  if (starts({"timestamp", "latitude", "longitude"})) {
    cols = {0, 1, 2, -1};
    return "timestamp";
  }
  return "";
}

bool looks_binary(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u == 0 || (u < 0x20 && c != '\t');
  });
}

class RowReader {
 public:
  RowReader(std::string format, Columns cols, SessionData& out, const std::function<void(const GpsSample&)>& on_fix)
      : format_(std::move(format)), cols_(cols), out_(out), on_fix_(on_fix) {}

  void add(std::string_view line) {
    split_cells(line, cells_);
    if (cells_.size() == 1 && cells_[0].empty()) return;  // blank line
    int needed = std::max({cols_.time, cols_.lat, cols_.lon, cols_.row_type});
    if (static_cast<int>(cells_.size()) <= needed) return skip();
    if (format_ == "tick_ms" && cells_[cols_.row_type] != "G") return;  // IMU and marker rows
    auto lat_cell = cells_[cols_.lat], lon_cell = cells_[cols_.lon];
    if (lat_cell.empty() || lon_cell.empty()) return;  // before the first fix
    double lat, lon;
    if (!parse_number(lat_cell, lat) || !parse_number(lon_cell, lon)) return skip();
    if (lat == 0 && lon == 0) return;  // no fix
    if (std::fabs(lat) > 90 || std::fabs(lon) > 180) return skip();
    auto t = time_of(cells_[cols_.time]);
    if (!t) return skip();
    if (out_.fixes > 0 && *t <= out_.last_t_ms) return;  // duplicate or out of order
    if (out_.fixes++ == 0) out_.first_t_ms = *t;
    out_.last_t_ms = *t;
    on_fix_({*t, {lat, lon}});
  }

  void skip() { ++out_.skipped_rows; }

  void finish() {
    if (format_ == "gps_time") first_epoch_ = clock_.epoch_ms_at_first();
    if (out_.fixes > 0 && first_epoch_) {
      double offset = format_ == "gps_time" ? first_sample_clock_ : 0;
      out_.epoch_ms_at_first = *first_epoch_ + static_cast<std::int64_t>(std::llround(offset));
    }
  }

 private:
  std::optional<double> time_of(std::string_view cell) {
    if (format_ == "gps_time") {
      auto t = clock_.next(cell);
      if (t && out_.fixes == 0) first_sample_clock_ = *t;
      return t;
    }
    double v;
    if (!parse_number(cell, v) || v < 0) return std::nullopt;
    if (format_ == "timestamp") {
      double ms = v * 1000;
      if (!first_epoch_) first_epoch_ = static_cast<std::int64_t>(std::llround(ms));
      return ms;
    }
    return v;  // tick_ms
  }

  std::string format_;
  Columns cols_;
  SessionData& out_;
  const std::function<void(const GpsSample&)>& on_fix_;
  std::vector<std::string_view> cells_;
  GpsTimeClock clock_;
  double first_sample_clock_ = 0;
  std::optional<std::int64_t> first_epoch_;
};
}  // namespace

SessionData read_session(std::istream& in, const std::function<void(const GpsSample&)>& on_fix) {
  SessionData data;
  LineReader reader(in);
  std::string line;
  bool overlong = false;
  if (!reader.next(line, &overlong)) {
    data.error = "The file is empty: expected a CSV header line.";
    return data;
  }
  Columns cols;
  data.format = overlong || looks_binary(line) ? "" : detect(line, cols);
  if (data.format.empty()) {
    data.error = "Not a RaceSense CSV: the first line does not match a known header (expected "
                 "gps_time,lat,lon,… or tick_ms,row_type,… or timestamp,latitude,longitude,…).";
    return data;
  }
  RowReader rows(data.format, cols, data, on_fix);
  while (reader.next(line, &overlong)) {
    if (overlong || looks_binary(line)) rows.skip();
    else rows.add(line);
  }
  rows.finish();
  return data;
}

}  // namespace racesense::analysis
