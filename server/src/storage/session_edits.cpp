#include "storage/session_edits.hpp"

namespace racesense::storage {

std::optional<std::int64_t> SessionEdits::find(const FileKey& key) {
  auto guard = db_.lock();
  if (!key.sha256.empty()) {
    auto s = db_.prepare("SELECT id FROM sessions WHERE sha256 = ?");
    s.bind(1, key.sha256);
    return s.step() ? std::optional(s.column_int(0)) : std::nullopt;
  }
  auto s = db_.prepare("SELECT id FROM sessions WHERE filename = ? AND bytes = ? ORDER BY id DESC LIMIT 1");
  s.bind(1, key.name).bind(2, key.size);
  return s.step() ? std::optional(s.column_int(0)) : std::nullopt;
}

bool SessionEdits::set_title(std::int64_t id, const std::optional<std::string>& title) {
  auto guard = db_.lock();
  db_.prepare("UPDATE sessions SET title = ? WHERE id = ?").bind(1, title).bind(2, id).run();
  auto s = db_.prepare("SELECT changes()");
  return s.step() && s.column_int(0) > 0;
}

std::optional<RemovedSession> SessionEdits::remove(std::int64_t id) {
  auto guard = db_.lock();
  Transaction tx(db_);
  RemovedSession removed;
  {
    auto s = db_.prepare("SELECT stored_name, bytes FROM sessions WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    removed = {s.column_text(0), s.column_int(1)};
  }
  db_.prepare("DELETE FROM laps WHERE session_id = ?").bind(1, id).run();
  db_.prepare("DELETE FROM sessions WHERE id = ?").bind(1, id).run();
  tx.commit();
  return removed;
}

}  // namespace racesense::storage
