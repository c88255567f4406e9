#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/session.hpp"
#include "racesense/analysis/analysis.hpp"
#include "storage/blob_store.hpp"
#include "storage/session_repository.hpp"
#include "storage/track_store.hpp"

namespace racesense::service {

// Tracks and the sessions recorded at them. The first session at a circuit no track matches
// creates an automatic track there; adding, moving or renaming a track (API or tracks.json edited
// on disk) re-analyses the sessions of its venue: those whose track's line lies within
// kVenueRadiusM of the changed line, and those that found no track at all. Re-analysis holds no
// lock while it reads files, so uploads keep committing.
class Venues {
 public:
  static constexpr double kVenueRadiusM = 2000;

  struct Snapshot {
    std::vector<analysis::Track> tracks;
    std::uint64_t version = 0;
  };
  struct Change {
    analysis::Track track;
    std::vector<std::int64_t> reanalysed;  // session ids
  };

  Venues(storage::SessionRepository& repo, storage::BlobStore& blobs, storage::TrackStore& tracks,
         analysis::Options options);

  const analysis::Options& options() const { return options_; }
  Snapshot snapshot() const;
  // Stores a new session analysed against the tracks of `version`: re-analyses it when the tracks
  // changed since, stores the automatic track it created, then inserts it unless a session with
  // the same SHA-256 exists (returned instead).
  std::optional<model::Session> record(model::Session& session, const analysis::SessionAnalysis& analysis,
                                       std::uint64_t version);
  Change add_track(const nlohmann::json& body);                           // throws ApiError 400
  Change update_track(const std::string& id, const nlohmann::json& patch);  // throws ApiError 400, 404
  // Applies an edit of tracks.json made on disk; returns the re-analysed sessions (empty when the
  // file did not change). Throws runtime_error when the edited file is invalid.
  std::vector<std::int64_t> reload_tracks_file();
  // Tests: called with each session's id once it is re-analysed, before its result is stored.
  void observe_reanalysis(std::function<void(std::int64_t)> observer) { reanalysis_observer_ = std::move(observer); }

 private:
  static constexpr int kMaxRetries = 3;  // analyses outside the lock before one under it

  std::vector<model::Session> put(const analysis::Track& track);
  std::vector<model::Session> sessions_near(const std::vector<analysis::Track>& before,
                                            const std::vector<analysis::Track>& changed,
                                            const std::vector<std::string>& gone_ids);
  std::vector<std::int64_t> reanalyse(std::vector<model::Session> sessions);
  analysis::SessionAnalysis with_stored_new_track(analysis::SessionAnalysis a);
  std::vector<std::string> automatic_near(const std::vector<analysis::Track>& changed) const;

  storage::SessionRepository& repo_;
  storage::BlobStore& blobs_;
  storage::TrackStore& tracks_;
  analysis::Options options_;
  // Shared: a commit; exclusive: a track change, or storing one session's result. Analyses run
  // outside it.
  mutable std::shared_mutex mutex_;
  std::function<void(std::int64_t)> reanalysis_observer_;
  std::uint64_t version_ = 0;
};

}  // namespace racesense::service
