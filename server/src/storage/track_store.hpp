#pragma once

#include <filesystem>
#include <mutex>
#include <vector>

#include "racesense/analysis/analysis.hpp"

namespace racesense::storage {

// <data>/tracks.json in the logger's existing format, rewritten atomically on every change.
class TrackStore {
 public:
  explicit TrackStore(std::filesystem::path file);

  std::vector<analysis::Track> all() const;
  // Adds or replaces (same id) a track and saves the file.
  void put(const analysis::Track& track);

 private:
  void save(const std::vector<analysis::Track>& tracks) const;

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::vector<analysis::Track> tracks_;
};

}  // namespace racesense::storage
