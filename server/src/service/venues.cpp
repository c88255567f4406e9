#include "service/venues.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "service/api_error.hpp"
#include "service/session_analyzer.hpp"

namespace racesense::service {
namespace {
using analysis::Track;

bool is_automatic(const Track& t) { return t.automatic; }
const std::optional<Track>& new_track_of(const analysis::SessionAnalysis& a) { return a.new_track; }

double distance_m(const analysis::StartLine& a, const analysis::StartLine& b) {
  constexpr double kEarthM = 6371000, kRad = M_PI / 180;
  double x = (b.lon - a.lon) * kRad * std::cos((a.lat + b.lat) / 2 * kRad);
  double y = (b.lat - a.lat) * kRad;
  return std::hypot(x, y) * kEarthM;
}

const Track* find(const std::vector<Track>& tracks, const std::string& id) {
  auto it = std::find_if(tracks.begin(), tracks.end(), [&](const Track& t) { return t.id == id; });
  return it == tracks.end() ? nullptr : &*it;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Track parse_track(const nlohmann::json& j) {
  std::string error;
  auto track = analysis::track_from_json(j, error);
  if (!track) throw ApiError(ErrorCode::BadRequest, "Invalid track: " + error);
  return *track;
}
}  // namespace

Venues::Venues(storage::SessionRepository& repo, storage::BlobStore& blobs, storage::TrackStore& tracks,
               analysis::Options options)
    : repo_(repo), blobs_(blobs), tracks_(tracks), options_(options) {}

Venues::Snapshot Venues::snapshot() const {
  std::shared_lock lock(mutex_);
  return {tracks_.all(), version_};
}

// The analysis ran against the tracks of `version`. When they changed since, it runs again against
// the new ones outside the lock (a track change must not wait for it, nor it for one), a few times
// at most before doing it under the lock.
std::optional<model::Session> Venues::record(model::Session& session, const analysis::SessionAnalysis& a,
                                             std::uint64_t version) {
  std::optional<analysis::SessionAnalysis> fresh;
  for (int attempt = 0;; ++attempt) {
    const analysis::SessionAnalysis& current = fresh ? *fresh : a;
    {
      std::shared_lock lock(mutex_);
      if (version == version_ && !new_track_of(current)) {
        session.apply(current);
        return repo_.insert_unless_duplicate(session);
      }
    }
    {
      std::unique_lock lock(mutex_);
      if (version == version_ || attempt >= kMaxRetries) {
        if (auto existing = repo_.find_by_sha(session.sha256)) return existing;
        auto result = version == version_ ? current : analyse_file(blobs_.path_of(session.stored_name), tracks_.all(), options_);
        session.apply(with_stored_new_track(std::move(result)));
        return repo_.insert_unless_duplicate(session);
      }
    }
    auto tracks = snapshot();
    fresh = analyse_file(blobs_.path_of(session.stored_name), tracks.tracks, options_);
    version = tracks.version;
  }
}

Venues::Change Venues::add_track(const nlohmann::json& body) {
  if (!body.is_object()) throw ApiError(ErrorCode::BadRequest, "The body must be one track as a JSON object.");
  Track track = parse_track(body);
  std::vector<model::Session> affected;
  {
    std::unique_lock lock(mutex_);
    affected = put(track);
  }
  return {track, reanalyse(std::move(affected))};
}

Venues::Change Venues::update_track(const std::string& id, const nlohmann::json& patch) {
  if (!patch.is_object()) throw ApiError(ErrorCode::BadRequest, "The body must be a JSON object of the fields to change.");
  std::unique_lock lock(mutex_);
  auto existing = tracks_.find(id);
  if (!existing) throw ApiError(ErrorCode::NotFound, "No track with id '" + id + "'.");
  nlohmann::json merged = analysis::track_to_json(*existing);
  for (const auto& [key, value] : patch.items()) {
    if (key == "start_line" && value.is_object()) merged["start_line"].update(value);
    else merged[key] = value;
  }
  merged["id"] = id;
  if (!patch.contains("automatic")) merged["automatic"] = false;  // a racer placed or named it
  Track track = parse_track(merged);
  auto affected = put(track);
  lock.unlock();
  return {track, reanalyse(std::move(affected))};
}

std::vector<std::int64_t> Venues::reload_tracks_file() {
  std::unique_lock lock(mutex_);
  auto before = tracks_.all();
  auto now = tracks_.reload_if_changed();
  if (!now) return {};
  ++version_;
  std::vector<Track> changed;
  for (const auto& t : *now) {
    const Track* old = find(before, t.id);
    if (!old || analysis::track_to_json(*old) != analysis::track_to_json(t)) changed.push_back(t);
  }
  std::vector<std::string> gone;
  for (const auto& t : before)
    if (!find(*now, t.id)) gone.push_back(t.id);
  auto given_way = automatic_near(changed);
  tracks_.remove(given_way);
  gone.insert(gone.end(), given_way.begin(), given_way.end());
  auto affected = sessions_near(before, changed, gone);
  lock.unlock();
  return reanalyse(std::move(affected));
}

// Automatic tracks within a venue's reach of a changed track a racer placed: they give way to it.
std::vector<std::string> Venues::automatic_near(const std::vector<Track>& changed) const {
  std::vector<std::string> ids;
  for (const auto& t : tracks_.all()) {
    if (!is_automatic(t)) continue;
    for (const auto& c : changed)
      if (!is_automatic(c) && c.id != t.id && distance_m(t.start_line, c.start_line) <= kVenueRadiusM) {
        ids.push_back(t.id);
        break;
      }
  }
  return ids;
}

// Under the exclusive lock: stores the track; returns the sessions to re-analyse.
std::vector<model::Session> Venues::put(const Track& track) {
  auto before = tracks_.all();
  tracks_.put(track);
  ++version_;
  auto gone = automatic_near({track});
  tracks_.remove(gone);
  return sessions_near(before, {track}, gone);
}

// Under the exclusive lock: the sessions of the venues a change touched.
std::vector<model::Session> Venues::sessions_near(const std::vector<Track>& before, const std::vector<Track>& changed,
                                                  const std::vector<std::string>& gone_ids) {
  std::vector<analysis::StartLine> places;
  std::vector<std::string> ids = gone_ids;
  for (const auto& t : changed) {
    places.push_back(t.start_line);
    ids.push_back(t.id);
    if (const Track* old = find(before, t.id)) places.push_back(old->start_line);
  }
  for (const auto& id : gone_ids)
    if (const Track* old = find(before, id)) places.push_back(old->start_line);
  auto near_a_change = [&](const model::Session& s) {
    if (!s.track_id || contains(ids, *s.track_id)) return true;
    const Track* track = find(before, *s.track_id);
    if (!track) return true;
    return std::any_of(places.begin(), places.end(),
                       [&](const auto& p) { return distance_m(p, track->start_line) <= kVenueRadiusM; });
  };
  std::vector<model::Session> near;
  for (auto& session : repo_.list())
    if (!session.format.empty() && near_a_change(session)) near.push_back(std::move(session));
  return near;
}

// Without the lock: each session is analysed against a snapshot of the tracks and its result stored
// under the lock, unless the tracks changed meanwhile (then it is analysed again). Uploads commit
// in between.
std::vector<std::int64_t> Venues::reanalyse(std::vector<model::Session> sessions) {
  std::vector<std::int64_t> reanalysed;
  for (auto& session : sessions) {
    for (int attempt = 0;; ++attempt) {
      auto tracks = snapshot();
      auto a = analyse_file(blobs_.path_of(session.stored_name), tracks.tracks, options_);
      if (reanalysis_observer_) reanalysis_observer_(session.id);
      std::unique_lock lock(mutex_);
      if (tracks.version != version_ && attempt < kMaxRetries) continue;
      if (tracks.version != version_) a = analyse_file(blobs_.path_of(session.stored_name), tracks_.all(), options_);
      session.apply(with_stored_new_track(std::move(a)));
      repo_.update_analysis(session);
      break;
    }
    reanalysed.push_back(session.id);
  }
  std::sort(reanalysed.begin(), reanalysed.end());
  return reanalysed;
}

// Under the exclusive lock: stores the automatic track the analysis placed, under an unused id.
analysis::SessionAnalysis Venues::with_stored_new_track(analysis::SessionAnalysis a) {
  auto track = new_track_of(a);
  if (!track) return a;
  track->id = tracks_.unused_id(track->id.empty() ? "circuit" : track->id);
  track->automatic = true;
  tracks_.put(*track);
  ++version_;
  a.track_id = track->id;
  a.track_name = track->name;
  a.auto_track = true;
  a.new_track.reset();
  return a;
}

}  // namespace racesense::service
