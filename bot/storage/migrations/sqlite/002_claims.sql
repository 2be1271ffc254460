-- Claims with leases: a row being answered or sent names its owner and when the claim ends.
ALTER TABLE inbox ADD COLUMN lease_owner TEXT;
ALTER TABLE inbox ADD COLUMN lease_until INTEGER;
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
-- Finding the head of each user's open rows, and the head of each recipient's unsent rows.
CREATE INDEX IF NOT EXISTS inbox_open_user ON inbox (user_key, id) WHERE state IN ('queued', 'answering');
CREATE INDEX IF NOT EXISTS outbox_open_recipient ON outbox (channel, recipient, id) WHERE state IN ('pending', 'sending');
CREATE INDEX IF NOT EXISTS inbox_open ON inbox (id) WHERE state IN ('queued', 'answering');
CREATE INDEX IF NOT EXISTS outbox_open ON outbox (id) WHERE state IN ('pending', 'sending');
CREATE INDEX IF NOT EXISTS inbox_received ON inbox (received_at);
CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_at);
-- Rows left 'sending' by versions before claims were leased: put back to pending (sent again, at least once).
UPDATE outbox SET state = 'pending' WHERE state = 'sending';
