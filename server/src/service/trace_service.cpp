#include "service/trace_service.hpp"

#include <cmath>
#include <fstream>

#include "service/api_error.hpp"

namespace racesense::service {
namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kAutoHalfWidthM = 20;

std::vector<LapSpan> laps_of(const nlohmann::json& session) {
  std::vector<LapSpan> laps;
  for (const auto& l : session.value("lap_times", nlohmann::json::array()))
    laps.push_back({l.at("lap").get<int>(), l.at("start_ms").get<std::int64_t>(), l.at("time_ms").get<std::int64_t>()});
  return laps;
}

// Heading of travel (degrees from north) through point i, over the points about 10 m either side.
double heading_at(const std::vector<TracePoint>& p, std::size_t i) {
  std::size_t a = i, b = i;
  while (a > 0 && p[i].d_m - p[a].d_m < 10) --a;
  while (b + 1 < p.size() && p[b].d_m - p[i].d_m < 10) ++b;
  double x = (p[b].lon - p[a].lon) * std::cos(p[i].lat * kPi / 180), y = p[b].lat - p[a].lat;
  double deg = std::atan2(x, y) * 180 / kPi;
  return deg < 0 ? deg + 360 : deg;
}
}  // namespace

std::shared_ptr<const FullTrace> TraceService::full_trace(std::int64_t id, const std::string& sha256) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->first != sha256) continue;
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().second;
    }
  }
  std::ifstream in(sessions_.original_file(id), std::ios::binary);
  if (!in) throw ApiError(ErrorCode::Internal, "The stored file of session " + std::to_string(id) + " cannot be read.");
  auto trace = std::make_shared<const FullTrace>(read_full_trace(in));
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.emplace_front(sha256, trace);
  if (cache_.size() > cache_size_) cache_.pop_back();
  return trace;
}

// The line the laps were timed on: the stored track's, or for an automatic line the point and
// direction of travel where the first lap starts.
nlohmann::json TraceService::start_line(const nlohmann::json& session, const SlicedTrace& sliced) const {
  if (session["track_id"].is_string()) {
    auto tracks = sessions_.tracks();
    for (const auto& t : tracks["tracks"])
      if (t.value("id", "") == session["track_id"]) return {{"track_id", t["id"]}, {"auto", false}, {"line", t["start_line"]}};
  }
  if (sliced.segments.size() < 2) return nullptr;
  std::size_t i = sliced.segments[1].i0;
  const auto& p = sliced.points[i];
  return {{"track_id", nullptr},
          {"auto", true},
          {"line", {{"lat", p.lat}, {"lon", p.lon}, {"radius_m", kAutoHalfWidthM}, {"heading", heading_at(sliced.points, i)}}}};
}

nlohmann::json TraceService::trace(std::int64_t id, const TraceRequest& req) {
  auto session = sessions_.get(id);
  auto full = full_trace(id, session["sha256"].get<std::string>());
  auto sliced = slice_trace(*full, laps_of(session), req);
  auto j = sliced_trace_json(sliced);
  j["id"] = id;
  j["step_m"] = req.step_m;
  j["started_at_ms"] = full->epoch_ms_at_first ? nlohmann::json(*full->epoch_ms_at_first) : nlohmann::json(nullptr);
  j["top_speed_kmh"] = std::round(full->top_speed_kmh * 10) / 10;
  j["start_line"] = start_line(session, sliced);
  if (full->error) j["parse_error"] = *full->error;
  return j;
}

}  // namespace racesense::service
