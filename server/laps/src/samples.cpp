#include "racesense/analysis/samples.hpp"

#include <vector>

#include "csv_reader.hpp"
#include "session_reader.hpp"

namespace racesense::analysis {

FixesInfo read_fixes(std::istream& in, const std::function<void(const Fix&)>& on_fix) {
  SessionParser parser;
  LineSplitter splitter;
  auto hand_over = [&](const GpsSample& s) { on_fix({s.t_ms, s.pos.lat, s.pos.lon}); };
  // gps_time fixes held back while the clock learns the sample period come out in one go.
  auto hand_over_released = [&] {
    for (const auto& s : parser.release()) hand_over(s);
  };
  auto on_line = [&](std::string_view line, bool overlong) {
    GpsSample s;
    if (parser.line(line, overlong, s)) hand_over(s);
    else if (parser.released()) hand_over_released();
  };
  std::vector<char> buffer(1 << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    splitter.feed(buffer.data(), static_cast<std::size_t>(in.gcount()), on_line);
  splitter.finish(on_line);
  const SessionData& data = parser.finish();
  hand_over_released();
  return {data.error, data.epoch_ms_at_first, data.first_t_ms};
}

}  // namespace racesense::analysis
