#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace racesense::storage {

struct LapRow {
  int lap = 0;
  std::int64_t time_ms = 0;
  std::int64_t start_ms = 0;
};

struct SessionRow {
  std::int64_t id = 0;
  std::string filename, sha256, stored_name, uploaded_at, format, track_name;
  std::optional<std::string> parse_error, track_id, title;
  bool auto_track = false;
  std::optional<std::int64_t> started_at_ms, best_lap_ms;
  std::int64_t bytes = 0, duration_ms = 0, lap_count = 0;
  std::vector<LapRow> laps;  // filled by get() only
};

class SessionRepository {
 public:
  explicit SessionRepository(Database& db) : db_(db) {}

  // Inserts the session and its laps in one transaction; returns the new id.
  std::int64_t insert(const SessionRow& row);
  std::optional<SessionRow> find_by_sha(const std::string& sha256);
  std::optional<SessionRow> get(std::int64_t id);  // with laps
  std::vector<SessionRow> list();                  // newest first, without laps
  std::int64_t total_bytes();

  std::optional<std::string> setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);

 private:
  std::vector<LapRow> laps_of(std::int64_t id);
  Database& db_;
};

}  // namespace racesense::storage
