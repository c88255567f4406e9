#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/session.hpp"
#include "storage/database.hpp"

namespace racesense::storage {

class SessionRepository {
 public:
  explicit SessionRepository(Database& db) : db_(db) {}

  // One transaction: when a session with the same SHA-256 exists, returns it and inserts nothing;
  // otherwise inserts the session and its laps and sets session.id. Throws StorageFullError when
  // the disk is full.
  std::optional<model::Session> insert_unless_duplicate(model::Session& session);
  // Replaces the analysed fields and laps of a stored session.
  void update_analysis(const model::Session& session);
  std::optional<model::Session> find_by_sha(const std::string& sha256);
  std::optional<model::Session> get(std::int64_t id);  // with laps
  std::vector<model::Session> list();                  // newest first, without laps
  std::int64_t total_bytes();

  std::optional<std::string> setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);

 private:
  std::optional<model::Session> find_by_sha_locked(const std::string& sha256);
  void insert_laps(std::int64_t id, const std::vector<analysis::Lap>& laps);
  std::vector<analysis::Lap> laps_of(std::int64_t id);
  Database& db_;
};

}  // namespace racesense::storage
