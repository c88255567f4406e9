#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "model/session.hpp"
#include "service/upload_service.hpp"
#include "service/venues.hpp"
#include "storage/blob_store.hpp"
#include "storage/session_repository.hpp"

namespace racesense::service {

// The one JSON form of a session (docs/protocol.md §2); the detail adds lap_times.
nlohmann::json session_json(const model::Session& session, bool with_laps);
// An upload's answer: the session as listed, plus whether it was already stored.
nlohmann::json upload_result_json(const UploadResult& result);

// Read side of the API (sessions and their original bytes) and track changes.
class SessionService {
 public:
  SessionService(storage::SessionRepository& repo, storage::BlobStore& blobs, Venues& venues)
      : repo_(repo), blobs_(blobs), venues_(venues) {}

  nlohmann::json list() const;
  nlohmann::json get(std::int64_t id) const;                   // throws ApiError 404
  std::filesystem::path original_file(std::int64_t id) const;  // throws ApiError 404
  nlohmann::json tracks() const;
  nlohmann::json add_track(const std::string& body);  // throws ApiError 400
  // {"track":{…},"reanalysed":[ids]}; throws ApiError 400, 404
  nlohmann::json update_track(const std::string& id, const std::string& body);

 private:
  model::Session require(std::int64_t id) const;

  storage::SessionRepository& repo_;
  storage::BlobStore& blobs_;
  Venues& venues_;
};

}  // namespace racesense::service
