-- Bot state shared by every instance. Times are epoch milliseconds (BIGINT) as in the SQLite engine.
CREATE TABLE inbox (
  id BIGSERIAL PRIMARY KEY, channel TEXT NOT NULL, event_id TEXT NOT NULL, user_key TEXT NOT NULL,
  recipient TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, quote_id TEXT, received_at BIGINT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued', outcome TEXT, answered_at BIGINT, lease_owner TEXT, lease_until BIGINT,
  UNIQUE (channel, event_id));
CREATE INDEX inbox_state ON inbox (state, id);
CREATE INDEX inbox_user ON inbox (user_key, received_at);
CREATE INDEX inbox_open_user ON inbox (user_key, id) WHERE state IN ('queued', 'answering');
CREATE INDEX inbox_received ON inbox (received_at);
CREATE TABLE outbox (
  id BIGSERIAL PRIMARY KEY, inbox_id BIGINT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
  part INTEGER NOT NULL, text TEXT NOT NULL, quote_id TEXT, state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0, next_at BIGINT NOT NULL, created_at BIGINT NOT NULL, sent_at BIGINT,
  last_code TEXT, remote_id TEXT, lease_owner TEXT, lease_until BIGINT, UNIQUE (inbox_id, part));
CREATE INDEX outbox_state ON outbox (state, id);
CREATE INDEX outbox_open_recipient ON outbox (channel, recipient, id) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_created ON outbox (created_at);
CREATE INDEX inbox_open ON inbox (id) WHERE state IN ('queued', 'answering');
CREATE INDEX outbox_open ON outbox (id) WHERE state IN ('pending', 'sending');
CREATE TABLE tokens (
  name TEXT PRIMARY KEY, access_token TEXT NOT NULL, refresh_token TEXT NOT NULL, expires_at BIGINT,
  seeded_refresh TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE conversations (user_key TEXT PRIMARY KEY, turns TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
