#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "racesense/analysis/analysis.hpp"

namespace racesense::storage {

// <data>/tracks.json in the logger's existing format, rewritten atomically on every change, and
// re-read when someone edits it by hand.
class TrackStore {
 public:
  explicit TrackStore(std::filesystem::path file);

  std::vector<analysis::Track> all() const;
  std::optional<analysis::Track> find(const std::string& id) const;
  // Adds or replaces (same id) a track and saves the file.
  void put(const analysis::Track& track);
  void remove(const std::vector<std::string>& ids);
  // An id no stored track has, built from base.
  std::string unused_id(const std::string& base) const;
  // When the file's text differs from what was last read or written: its tracks (which become
  // the current ones). Throws runtime_error when the new text is not a valid tracks file; the
  // current tracks stay.
  std::optional<std::vector<analysis::Track>> reload_if_changed();

 private:
  void save(const std::vector<analysis::Track>& tracks);
  std::string read_text() const;

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::vector<analysis::Track> tracks_;
  std::string text_;  // the file as last read or written
};

}  // namespace racesense::storage
