#include "service/session_service.hpp"

#include "service/api_error.hpp"
#include "util/text.hpp"

namespace racesense::service {
namespace {
template <class T>
nlohmann::json nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json session_json(const storage::SessionRow& r, bool with_laps) {
  nlohmann::json j = {
      {"id", r.id},
      {"filename", r.filename},
      {"title", nullable(r.title)},
      {"uploaded_at", r.uploaded_at},
      {"bytes", r.bytes},
      {"sha256", r.sha256},
      {"track", r.track_name},
      {"track_id", nullable(r.track_id)},
      {"auto_track", r.auto_track},
      {"laps", r.lap_count},
      {"best_lap_ms", nullable(r.best_lap_ms)},
      {"duration_ms", r.duration_ms},
      {"started_at", r.started_at_ms ? nlohmann::json(util::iso8601_utc(*r.started_at_ms))
                                     : nlohmann::json(nullptr)},
      {"format", r.format},
      {"parse_error", nullable(r.parse_error)},
  };
  if (with_laps) {
    j["lap_times"] = nlohmann::json::array();
    for (const auto& lap : r.laps)
      j["lap_times"].push_back({{"lap", lap.lap}, {"time_ms", lap.time_ms}, {"start_ms", lap.start_ms}});
  }
  return j;
}

nlohmann::json upload_result_json(const UploadResult& result) {
  const auto& r = result.session;
  return {{"id", r.id},
          {"filename", r.filename},
          {"bytes", r.bytes},
          {"sha256", r.sha256},
          {"laps", r.lap_count},
          {"best_lap_ms", nullable(r.best_lap_ms)},
          {"duplicate", result.duplicate},
          {"track", r.track_name},
          {"parse_error", nullable(r.parse_error)}};
}

nlohmann::json SessionService::list() const {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& row : repo_.list()) sessions.push_back(session_json(row, false));
  return {{"sessions", sessions}};
}

storage::SessionRow SessionService::require(std::int64_t id) const {
  auto row = repo_.get(id);
  if (!row) throw ApiError(ErrorCode::NotFound, "No session with id " + std::to_string(id) + ".");
  return *row;
}

nlohmann::json SessionService::get(std::int64_t id) const { return session_json(require(id), true); }

std::filesystem::path SessionService::original_file(std::int64_t id) const {
  return blobs_.path_of(require(id).stored_name);
}

std::string SessionService::original_filename(std::int64_t id) const { return require(id).filename; }

nlohmann::json SessionService::tracks() const {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& t : tracks_.all()) array.push_back(analysis::track_to_json(t));
  return {{"tracks", array}};
}

nlohmann::json SessionService::add_track(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    throw ApiError(ErrorCode::BadRequest, "The body must be one track as a JSON object.");
  std::string error;
  auto track = analysis::track_from_json(parsed, error);
  if (!track) throw ApiError(ErrorCode::BadRequest, "Invalid track: " + error);
  tracks_.put(*track);
  return analysis::track_to_json(*track);
}

}  // namespace racesense::service
