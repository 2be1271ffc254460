-- The web/ content state (until now DATA_DIR/web.sqlite on each instance): the question log, feedback, curated
-- answers and when each document version was first indexed, so every instance's console sees every question.
-- Same tables and columns as web.sqlite; times stay ISO-8601 UTC text as there, so both engines return the same rows.
CREATE TABLE questions (
  id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL, session TEXT, question TEXT NOT NULL,
  answer TEXT NOT NULL, refused BOOLEAN NOT NULL, mode TEXT NOT NULL, topic_document_id TEXT, topic TEXT,
  cited TEXT NOT NULL, curated_id BIGINT, status TEXT NOT NULL DEFAULT 'open', assignee TEXT, note TEXT, updated_at TEXT);
CREATE INDEX questions_at ON questions (at);
CREATE TABLE feedback (
  id BIGSERIAL PRIMARY KEY, question_id BIGINT REFERENCES questions (id), at TEXT NOT NULL, rating INTEGER NOT NULL,
  comment TEXT, session TEXT, question TEXT);
CREATE INDEX feedback_question ON feedback (question_id);
CREATE INDEX feedback_at ON feedback (at);
CREATE TABLE curated (
  id BIGSERIAL PRIMARY KEY, question TEXT NOT NULL, variants TEXT NOT NULL, answer TEXT NOT NULL,
  citations TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
-- One owner per phrasing key: the PRIMARY KEY makes a second instance saving the same phrasing wait and then fail.
CREATE TABLE curated_keys (key TEXT PRIMARY KEY, curated_id BIGINT NOT NULL REFERENCES curated (id) ON DELETE CASCADE);
CREATE TABLE indexed (document_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, indexed_at TEXT NOT NULL);
