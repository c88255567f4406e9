-- A name the racer gives a session ("Sat FP2"); the device filename stays as uploaded, so the
-- "already synced" check (filename, size) keeps matching after a rename.
ALTER TABLE sessions ADD COLUMN title TEXT;
