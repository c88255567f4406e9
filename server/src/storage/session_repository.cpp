#include "storage/session_repository.hpp"

namespace racesense::storage {
namespace {
using model::Session;

constexpr const char* kColumns =
    "id, filename, sha256, stored_name, uploaded_at, format, track_name, parse_error, track_id, "
    "auto_track, started_at_ms, best_lap_ms, bytes, duration_ms, lap_count";

Session read_row(const Statement& s) {
  Session r;
  r.id = s.column_int(0);
  r.filename = s.column_text(1);
  r.sha256 = s.column_text(2);
  r.stored_name = s.column_text(3);
  r.uploaded_at = s.column_text(4);
  r.format = s.column_text(5);
  r.track_name = s.column_text(6);
  r.parse_error = s.column_opt_text(7);
  r.track_id = s.column_opt_text(8);
  r.auto_track = s.column_int(9) != 0;
  r.started_at_ms = s.column_opt_int(10);
  r.best_lap_ms = s.column_opt_int(11);
  r.bytes = s.column_int(12);
  r.duration_ms = s.column_int(13);
  r.lap_count = s.column_int(14);
  return r;
}

std::string select_sql(const char* tail) {
  return std::string("SELECT ") + kColumns + " FROM sessions " + tail;
}
}  // namespace

std::optional<Session> SessionRepository::insert_unless_duplicate(Session& r) {
  auto guard = db_.lock();
  Transaction tx(db_);
  if (auto existing = find_by_sha_locked(r.sha256)) return existing;
  db_.prepare(
         "INSERT INTO sessions (filename, sha256, stored_name, uploaded_at, format, track_name, "
         "parse_error, track_id, auto_track, started_at_ms, best_lap_ms, bytes, duration_ms, "
         "lap_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, r.filename).bind(2, r.sha256).bind(3, r.stored_name).bind(4, r.uploaded_at)
      .bind(5, r.format).bind(6, r.track_name).bind(7, r.parse_error).bind(8, r.track_id)
      .bind(9, std::int64_t{r.auto_track}).bind(10, r.started_at_ms).bind(11, r.best_lap_ms)
      .bind(12, r.bytes).bind(13, r.duration_ms).bind(14, r.lap_count)
      .run();
  r.id = db_.last_insert_id();
  insert_laps(r.id, r.laps);
  tx.commit();
  return std::nullopt;
}

void SessionRepository::update_analysis(const Session& r) {
  auto guard = db_.lock();
  Transaction tx(db_);
  db_.prepare(
         "UPDATE sessions SET format = ?, track_name = ?, parse_error = ?, track_id = ?, auto_track = ?, "
         "started_at_ms = ?, best_lap_ms = ?, duration_ms = ?, lap_count = ? WHERE id = ?")
      .bind(1, r.format).bind(2, r.track_name).bind(3, r.parse_error).bind(4, r.track_id)
      .bind(5, std::int64_t{r.auto_track}).bind(6, r.started_at_ms).bind(7, r.best_lap_ms)
      .bind(8, r.duration_ms).bind(9, r.lap_count).bind(10, r.id)
      .run();
  db_.prepare("DELETE FROM laps WHERE session_id = ?").bind(1, r.id).run();
  insert_laps(r.id, r.laps);
  tx.commit();
}

void SessionRepository::insert_laps(std::int64_t id, const std::vector<analysis::Lap>& laps) {
  auto s = db_.prepare("INSERT INTO laps (session_id, lap, time_ms, start_ms) VALUES (?,?,?,?)");
  for (const auto& lap : laps) {
    s.reset();
    s.bind(1, id).bind(2, std::int64_t{lap.number}).bind(3, lap.time_ms).bind(4, lap.start_ms).run();
  }
}

std::optional<Session> SessionRepository::find_by_sha_locked(const std::string& sha256) {
  auto sql = select_sql("WHERE sha256 = ?");
  auto s = db_.prepare(sql.c_str());
  s.bind(1, sha256);
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

std::optional<Session> SessionRepository::find_by_sha(const std::string& sha256) {
  auto guard = db_.lock();
  return find_by_sha_locked(sha256);
}

std::optional<Session> SessionRepository::get(std::int64_t id) {
  auto guard = db_.lock();
  auto sql = select_sql("WHERE id = ?");
  auto s = db_.prepare(sql.c_str());
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  Session row = read_row(s);
  row.laps = laps_of(id);
  return row;
}

std::vector<Session> SessionRepository::list() {
  auto guard = db_.lock();
  auto sql = select_sql("ORDER BY id DESC");
  auto s = db_.prepare(sql.c_str());
  std::vector<Session> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

std::int64_t SessionRepository::total_bytes() {
  auto guard = db_.lock();
  auto s = db_.prepare("SELECT COALESCE(SUM(bytes), 0) FROM sessions");
  return s.step() ? s.column_int(0) : 0;
}

std::vector<analysis::Lap> SessionRepository::laps_of(std::int64_t id) {
  auto s = db_.prepare("SELECT lap, time_ms, start_ms FROM laps WHERE session_id = ? ORDER BY lap");
  s.bind(1, id);
  std::vector<analysis::Lap> out;
  while (s.step())
    out.push_back({static_cast<int>(s.column_int(0)), s.column_int(1), s.column_int(2)});
  return out;
}

std::optional<std::string> SessionRepository::setting(const std::string& key) {
  auto guard = db_.lock();
  auto s = db_.prepare("SELECT value FROM settings WHERE key = ?");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return s.column_text(0);
}

void SessionRepository::set_setting(const std::string& key, const std::string& value) {
  auto guard = db_.lock();
  db_.prepare("INSERT INTO settings (key, value) VALUES (?, ?) "
              "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key).bind(2, value).run();
}

}  // namespace racesense::storage
