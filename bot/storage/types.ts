/**
 * The storage contract of the bot service: every piece of durable state behind async interfaces, so one
 * process can run on SQLite (DATA_DIR) and several on PostgreSQL (DATABASE_URL) with the same worker code.
 *
 * State machine (why a message is answered once and sent at least once across crashes and instances):
 * - inbox `queued` is written before the webhook answers 200; UNIQUE(channel, event_id) turns a redelivery
 *   (also one that reaches another instance) into a no-op.
 * - a worker CLAIMS the oldest open row of a user (`answering`, lease owner + lease end). Only the head of a
 *   user's open rows can be claimed, so one user's questions are answered in order whichever instance holds
 *   them. A claim whose instance died expires at `lease_until` and is claimed again.
 * - `complete` inserts the reply parts into the outbox (UNIQUE(inbox_id, part)) and closes the inbox row in
 *   ONE transaction, only while the claim is still ours: a late second answer is dropped.
 * - outbox `pending` → claimed `sending` (committed BEFORE the Zalo call) → `sent` (committed right after
 *   Zalo's 200) | `refused` | `expired`, or back to `pending` with a later `next_at`. A row whose sender died
 *   mid-call is sent again when its lease ends: at least once, twice only if the kill fell between Zalo's
 *   200 and our commit.
 */

/** An event accepted from a channel, before it is answered. */
export interface InboxEvent {
  channel: 'oa' | 'bot';
  /** Zalo's id for the event (msg_id / message_id, or a synthetic one for follow events). */
  eventId: string;
  /** Who to reply to: OA user id or Bot chat id. */
  recipient: string;
  kind: 'text' | 'follow' | 'unsupported';
  text: string;
  quoteId: string | null;
  receivedAt: number;
}

export interface InboxRow extends InboxEvent {
  id: number;
  userKey: string;
}

export interface OutboxRow {
  id: number;
  inboxId: number;
  channel: 'oa' | 'bot';
  recipient: string;
  part: number;
  text: string;
  quoteId: string | null;
  attempts: number;
  nextAt: number;
  createdAt: number;
}

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number | null;
  seededRefresh: string;
  /** When the row was last written (= when the stored refresh token was issued or seeded); read-only. */
  updatedAt?: number;
}

/** What answering one inbox row produced; written in one transaction. */
export interface Completion {
  outcome: string;
  parts: string[];
  /** The user text replaced by its masked form (kept only for analytics). */
  maskedText: string;
  now: number;
  /** The user's conversation after this turn, when it changed. */
  conversation?: unknown[];
}

/** Rows removed by a retention pass, per table. */
export type PurgeCounts = Record<string, number>;

/**
 * How commits reach the disk (SQLite only). FULL (default): fsync every group commit; FSYNC_ACK: acks wait for
 * an fdatasync of the WAL run off the event loop; NORMAL: no fsync (survives a killed process, not a power cut).
 */
export type Synchronous = 'FSYNC_ACK' | 'FULL' | 'NORMAL';

/** The bot's durable state. Every method is one transaction; errors carry code E_DB / E_DB_UNREACHABLE. */
export interface BotStorage {
  readonly engine: 'sqlite' | 'postgres';
  /** Stores an event; 'duplicate' when the same channel + event id was stored before (by any instance). */
  enqueue(e: InboxEvent): Promise<'queued' | 'duplicate'>;
  /** Claims up to `limit` rows, each the oldest open row of its user, for `owner` until now + leaseMs. */
  claimAnswers(owner: string, limit: number, leaseMs: number, now: number): Promise<InboxRow[]>;
  /** Events of this user received in [since, row] — the per-user rate limit, deterministic on replay. */
  countRecent(userKey: string, since: number, uptoId: number): Promise<number>;
  /** Writes the reply and closes the row if `owner` still holds its claim; false when the claim was lost. */
  complete(row: InboxRow, owner: string, c: Completion): Promise<boolean>;
  /** Claims up to `limit` due outbox rows, each the oldest open row of its recipient (fair across users). */
  claimSends(owner: string, limit: number, leaseMs: number, now: number): Promise<OutboxRow[]>;
  markSent(id: number, remoteId: string | null, now: number): Promise<void>;
  markRetry(id: number, nextAt: number, code: string): Promise<void>;
  /** A final failure: 'refused' (Zalo said no for good) or 'expired' (gave up retrying). */
  markFailed(id: number, state: 'refused' | 'expired', code: string): Promise<void>;
  /** Gives back every claim of `owner` (at start after a crash, and at a clean stop). */
  releaseClaims(owner: string): Promise<void>;
  /** Counts by state, for tests, metrics and the bench. */
  counts(): Promise<{ inbox: Record<string, number>; outbox: Record<string, number> }>;
  /** Replies waiting to be delivered (the outbox backlog, for /metrics and /readyz). */
  pendingOutboxCount(): Promise<number>;
  getTokens(name: string): Promise<StoredTokens | null>;
  putTokens(name: string, t: StoredTokens, now: number): Promise<void>;
  /**
   * Runs `fn` holding the token lock `name`: a PostgreSQL advisory lock shared by every instance (one refresh
   * of a single-use refresh token for a storm of −216), an in-process lock on SQLite.
   */
  withTokenLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  getConversation(userKey: string): Promise<{ turns: unknown[]; updatedAt: number } | null>;
  putConversation(userKey: string, turns: unknown[], now: number): Promise<void>;
  deleteConversation(userKey: string): Promise<void>;
  /** Deletes finished inbox/outbox rows and idle conversations older than `before` (retention). */
  purge(before: number): Promise<PurgeCounts>;
  /** Resolves once everything committed so far survives a power cut (SQLite FSYNC_ACK; a no-op elsewhere). */
  durable(): Promise<void>;
  /** Proves the database accepts writes (for /readyz). */
  checkWritable(now: number): Promise<boolean>;
  readonly isOpen: boolean;
  close(): Promise<void>;
}
