-- The schema of the first release (IF NOT EXISTS: databases made before migrations were versioned keep their data).
CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, event_id TEXT NOT NULL, user_key TEXT NOT NULL,
  recipient TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, quote_id TEXT, received_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued', outcome TEXT, answered_at INTEGER, UNIQUE (channel, event_id));
CREATE INDEX IF NOT EXISTS inbox_state ON inbox (state, id);
CREATE INDEX IF NOT EXISTS inbox_user ON inbox (user_key, received_at);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, inbox_id INTEGER NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
  part INTEGER NOT NULL, text TEXT NOT NULL, quote_id TEXT, state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, created_at INTEGER NOT NULL, sent_at INTEGER,
  last_code TEXT, remote_id TEXT, UNIQUE (inbox_id, part));
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, id);
CREATE TABLE IF NOT EXISTS tokens (
  name TEXT PRIMARY KEY, access_token TEXT NOT NULL, refresh_token TEXT NOT NULL, expires_at INTEGER,
  seeded_refresh TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (user_key TEXT PRIMARY KEY, turns TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
