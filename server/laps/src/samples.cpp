#include "racesense/analysis/samples.hpp"

#include "session_reader.hpp"

namespace racesense::analysis {

FixesInfo read_fixes(std::istream& in, const std::function<void(const Fix&)>& on_fix) {
  SessionData data = read_session(in, [&](const GpsSample& s) { on_fix({s.t_ms, s.pos.lat, s.pos.lon}); });
  return {data.error, data.epoch_ms_at_first, data.first_t_ms};
}

}  // namespace racesense::analysis
