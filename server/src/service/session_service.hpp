#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "service/upload_service.hpp"
#include "storage/blob_store.hpp"
#include "storage/session_repository.hpp"
#include "storage/track_store.hpp"

namespace racesense::service {

nlohmann::json session_json(const storage::SessionRow& row, bool with_laps);
nlohmann::json upload_result_json(const UploadResult& result);

// Read side of the API: sessions, their original bytes, and tracks.
class SessionService {
 public:
  SessionService(storage::SessionRepository& repo, storage::BlobStore& blobs,
                 storage::TrackStore& tracks)
      : repo_(repo), blobs_(blobs), tracks_(tracks) {}

  nlohmann::json list() const;
  nlohmann::json get(std::int64_t id) const;                   // throws ApiError 404
  std::filesystem::path original_file(std::int64_t id) const;  // throws ApiError 404
  std::string original_filename(std::int64_t id) const;
  nlohmann::json tracks() const;
  nlohmann::json add_track(const std::string& body);  // throws ApiError 400

 private:
  storage::SessionRow require(std::int64_t id) const;

  storage::SessionRepository& repo_;
  storage::BlobStore& blobs_;
  storage::TrackStore& tracks_;
};

}  // namespace racesense::service
