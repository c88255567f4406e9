#include "service/session_service.hpp"

#include "service/api_error.hpp"
#include "util/text.hpp"

namespace racesense::service {
namespace {
template <class T>
nlohmann::json nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json parse_body(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) throw ApiError(ErrorCode::BadRequest, "The body is not valid JSON.");
  return parsed;
}
}  // namespace

nlohmann::json session_json(const model::Session& s, bool with_laps) {
  nlohmann::json j = {
      {"id", s.id},
      {"filename", s.filename},
      {"uploaded_at", s.uploaded_at},
      {"bytes", s.bytes},
      {"sha256", s.sha256},
      {"track", s.track_name},
      {"track_id", nullable(s.track_id)},
      {"auto_track", s.auto_track},
      {"laps", s.lap_count},
      {"best_lap_ms", nullable(s.best_lap_ms)},
      {"duration_ms", s.duration_ms},
      {"started_at", s.started_at_ms ? nlohmann::json(util::iso8601_utc(*s.started_at_ms)) : nlohmann::json(nullptr)},
      {"format", s.format},
      {"parse_error", nullable(s.parse_error)},
  };
  if (with_laps) {
    j["lap_times"] = nlohmann::json::array();
    for (const auto& lap : s.laps)
      j["lap_times"].push_back({{"lap", lap.number}, {"time_ms", lap.time_ms}, {"start_ms", lap.start_ms}});
  }
  return j;
}

nlohmann::json upload_result_json(const UploadResult& result) {
  auto j = session_json(result.session, false);
  j["duplicate"] = result.duplicate;
  return j;
}

nlohmann::json SessionService::list() const {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& row : repo_.list()) sessions.push_back(session_json(row, false));
  return {{"sessions", sessions}};
}

model::Session SessionService::require(std::int64_t id) const {
  auto row = repo_.get(id);
  if (!row) throw ApiError(ErrorCode::NotFound, "No session with id " + std::to_string(id) + ".");
  return *row;
}

nlohmann::json SessionService::get(std::int64_t id) const { return session_json(require(id), true); }

std::filesystem::path SessionService::original_file(std::int64_t id) const {
  return blobs_.path_of(require(id).stored_name);
}

nlohmann::json SessionService::tracks() const {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& t : venues_.snapshot().tracks) array.push_back(analysis::track_to_json(t));
  return {{"tracks", array}};
}

nlohmann::json SessionService::add_track(const std::string& body) {
  return analysis::track_to_json(venues_.add_track(parse_body(body)).track);
}

nlohmann::json SessionService::update_track(const std::string& id, const std::string& body) {
  auto change = venues_.update_track(id, parse_body(body));
  return {{"track", analysis::track_to_json(change.track)}, {"reanalysed", change.reanalysed}};
}

}  // namespace racesense::service
