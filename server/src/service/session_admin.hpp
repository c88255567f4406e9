#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "service/session_service.hpp"
#include "storage/blob_store.hpp"
#include "storage/session_edits.hpp"

namespace racesense::service {

// Sessions a racer manages: which logger files the server already holds, titles, deletion.
class SessionAdmin {
 public:
  SessionAdmin(storage::SessionEdits& edits, storage::BlobStore& blobs, SessionService& sessions)
      : edits_(edits), blobs_(blobs), sessions_(sessions) {}

  // body {"files":[{"name","size"} | {"sha256"}]} → {"known":[…the entries held, each with "id"]}
  nlohmann::json known(const std::string& body);           // throws ApiError 400
  nlohmann::json update(std::int64_t id, const std::string& body);  // {"title"}; throws 400/404
  nlohmann::json remove(std::int64_t id);                  // throws ApiError 404

 private:
  storage::SessionEdits& edits_;
  storage::BlobStore& blobs_;
  SessionService& sessions_;
};

}  // namespace racesense::service
