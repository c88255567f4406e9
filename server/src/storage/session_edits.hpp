#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace racesense::storage {

// A file as a logger lists it (name + size), or as a client hashed it (sha256).
struct FileKey {
  std::string name;
  std::int64_t size = -1;  // -1: not given
  std::string sha256;      // empty: not given
};

struct RemovedSession {
  std::string stored_name;
  std::int64_t bytes = 0;
};

// What racers change on stored sessions: which files are already held, titles, deletion.
class SessionEdits {
 public:
  explicit SessionEdits(Database& db) : db_(db) {}

  // The id of the session holding this file, if any.
  std::optional<std::int64_t> find(const FileKey& key);
  bool set_title(std::int64_t id, const std::optional<std::string>& title);  // false: no such session
  std::optional<RemovedSession> remove(std::int64_t id);  // the row and its laps, in one transaction

 private:
  Database& db_;
};

}  // namespace racesense::storage
