#pragma once

#include <stdexcept>

namespace racesense::storage {

// Raised when the disk (or the configured quota) has no room for the bytes being written, whether
// by a session file or by the database ("database or disk is full").
class StorageFullError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace racesense::storage
