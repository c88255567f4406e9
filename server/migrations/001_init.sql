CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  filename      TEXT    NOT NULL,
  sha256        TEXT    NOT NULL UNIQUE,
  bytes         INTEGER NOT NULL,
  stored_name   TEXT    NOT NULL,
  uploaded_at   TEXT    NOT NULL,
  format        TEXT    NOT NULL DEFAULT '',
  parse_error   TEXT,
  track_id      TEXT,
  track_name    TEXT    NOT NULL DEFAULT '',
  auto_track    INTEGER NOT NULL DEFAULT 0,
  started_at_ms INTEGER,
  duration_ms   INTEGER NOT NULL DEFAULT 0,
  lap_count     INTEGER NOT NULL DEFAULT 0,
  best_lap_ms   INTEGER
);

CREATE TABLE laps (
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  lap        INTEGER NOT NULL,
  time_ms    INTEGER NOT NULL,
  start_ms   INTEGER NOT NULL,
  PRIMARY KEY (session_id, lap)
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
