#pragma once

#include <vector>

namespace racesense::storage {

struct Migration {
  int version;
  const char* sql;
};

// server/migrations/NNN_name.sql, embedded at build time, ordered by version.
const std::vector<Migration>& migrations();

}  // namespace racesense::storage
