/**
 * The durable state of the service in one SQLite file (WAL): inbox, outbox, OA tokens, conversations.
 *
 * State machine (why a message is answered exactly once across crashes):
 * - inbox row `queued` is written before the webhook answers 200; UNIQUE(channel, event_id) turns a
 *   redelivery into a no-op.
 * - the worker answers a queued row and, in ONE transaction, inserts its outbox rows (one per reply part,
 *   UNIQUE(inbox_id, part)) and marks the inbox row `done`. A crash before the commit leaves it `queued`
 *   (answered again, nothing was sent); after the commit the reply exists exactly once.
 * - outbox row `pending` → `sent` | `refused` | `expired`, or stays `pending` with a later `next_at` after a
 *   retryable failure. While a row is on the wire it is still `pending` in the database (the worker's memory
 *   keeps it from being picked twice), so a crash mid-call means it is sent again after the restart: the only
 *   window where Zalo might see a reply twice is a crash between Zalo's 200 and our commit, a few
 *   milliseconds. (Rows left `sending` by older versions are put back to pending at open.)
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { BotError } from './errors.ts';

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

export interface InboxRow extends InboxEvent { id: number; userKey: string }

export interface OutboxRow {
  id: number; inboxId: number; channel: 'oa' | 'bot'; recipient: string; part: number; text: string;
  quoteId: string | null; attempts: number; nextAt: number; createdAt: number;
}

/**
 * How commits reach the disk. FULL (default): SQLite fsyncs every commit, on the event loop (group commit keeps
 * that to one fsync per turn); FSYNC_ACK: commits do not fsync, webhook acks wait for an fdatasync of the WAL
 * run off the event loop; NORMAL: no fsync (survives a killed process, not a power cut).
 */
export type Synchronous = 'FSYNC_ACK' | 'FULL' | 'NORMAL';

export interface StoredTokens {
  accessToken: string; refreshToken: string; expiresAt: number | null; seededRefresh: string;
  /** When the row was last written (= when the stored refresh token was issued or seeded); read-only. */
  updatedAt?: number;
}

const SCHEMA = `
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
`;

type Row = Record<string, unknown>;

const toInbox = (r: Row): InboxRow => ({
  id: r.id as number, channel: r.channel as InboxRow['channel'], eventId: r.event_id as string,
  userKey: r.user_key as string, recipient: r.recipient as string, kind: r.kind as InboxRow['kind'],
  text: r.text as string, quoteId: (r.quote_id as string | null) ?? null, receivedAt: r.received_at as number,
});
const toOutbox = (r: Row): OutboxRow => ({
  id: r.id as number, inboxId: r.inbox_id as number, channel: r.channel as OutboxRow['channel'],
  recipient: r.recipient as string, part: r.part as number, text: r.text as string,
  quoteId: (r.quote_id as string | null) ?? null, attempts: r.attempts as number, nextAt: r.next_at as number,
  createdAt: r.created_at as number,
});

/** The bot database. All methods are synchronous (better-sqlite3) and each is one transaction. */
export class BotStore {
  readonly db: Database.Database;
  readonly file: string;

  private readonly statements = new Map<string, Database.Statement>();
  private walHandle: fsp.FileHandle | null = null;
  private syncInFlight: Promise<void> | null = null;
  private syncQueued: Promise<void> | null = null;
  private syncMode: Synchronous = 'FULL';
  private pendingWrites: Array<{ fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];

  private constructor(db: Database.Database, file: string) {
    this.db = db;
    this.file = file;
  }

  /** Prepared once and reused: preparing is a large share of a small write's cost. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /** Opens (creating if needed) `<dataDir>/bot.sqlite`; interrupted sends are put back to pending. */
  static open(dataDir: string, opts: { synchronous?: Synchronous } = {}): BotStore {
    const file = path.join(dataDir, 'bot.sqlite');
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      const mode = opts.synchronous ?? 'FULL';
      db.pragma(`synchronous = ${mode === 'FULL' ? 'FULL' : 'NORMAL'}`);
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      const store = new BotStore(db, file);
      store.syncMode = mode;
      db.prepare(`UPDATE outbox SET state = 'pending' WHERE state = 'sending'`).run();
      return store;
    } catch (err) {
      throw new BotError('E_DB', `cannot open ${file}: ${(err as Error).message}`);
    }
  }

  /**
   * Group commit: runs `fn` inside one transaction together with every other write requested in the same
   * event-loop turn, and resolves once that transaction has committed. One commit for many webhook acks and
   * sends keeps the per-message cost of SQLite small when the disk is slow. If the batch fails, each write is
   * retried on its own so one bad write cannot fail the others.
   */
  batched<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pendingWrites.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.pendingWrites.length === 1) setImmediate(() => this.flushWrites());
    });
  }

  private flushWrites(): void {
    const writes = this.pendingWrites;
    this.pendingWrites = [];
    if (writes.length === 0) return;
    let results: unknown[];
    try {
      results = this.db.transaction(() => writes.map((w) => w.fn()))();
    } catch {
      for (const w of writes) {
        try { w.resolve(this.db.transaction(w.fn)()); } catch (err) { w.reject(err); }
      }
      return;
    }
    writes.forEach((w, i) => w.resolve(results[i]));
  }

  /**
   * Resolves once everything committed so far is on disk. In FSYNC_ACK mode commits do not fsync (SQLite
   * NORMAL); instead the WAL file is fdatasync'ed here, on libuv's thread pool, so the event loop never waits
   * for the disk and one sync covers every commit before it. FULL and NORMAL resolve at once (FULL already
   * synced in the commit; NORMAL never syncs).
   */
  durable(): Promise<void> {
    if (this.syncMode !== 'FSYNC_ACK') return Promise.resolve();
    if (!this.syncInFlight) return (this.syncInFlight = this.syncWal());
    // The sync in flight may have started before our commit: join the one that starts after it.
    this.syncQueued ??= this.syncInFlight.catch(() => undefined).then(() => {
      this.syncQueued = null;
      return (this.syncInFlight = this.syncWal());
    });
    return this.syncQueued;
  }

  private async syncWal(): Promise<void> {
    try {
      this.walHandle ??= await fsp.open(`${this.file}-wal`, 'r+');
      await this.walHandle.datasync();
    } finally {
      this.syncInFlight = null;
    }
  }

  /** Stores an event; 'duplicate' when the same channel + event id was stored before. */
  enqueue(e: InboxEvent): 'queued' | 'duplicate' {
    const info = this.sql(
      `INSERT OR IGNORE INTO inbox (channel, event_id, user_key, recipient, kind, text, quote_id, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.channel, e.eventId, `${e.channel}:${e.recipient}`, e.recipient, e.kind, e.text, e.quoteId, e.receivedAt);
    return info.changes === 1 ? 'queued' : 'duplicate';
  }

  /** Queued events, oldest first. */
  queued(limit: number): InboxRow[] {
    return (this.sql(`SELECT * FROM inbox WHERE state = 'queued' ORDER BY id LIMIT ?`).all(limit) as Row[]).map(toInbox);
  }

  /** Events of this user received in [since, row] — for the per-user rate limit, deterministic on replay. */
  countRecent(userKey: string, since: number, uptoId: number): number {
    const r = this.sql(
      `SELECT COUNT(*) AS n FROM inbox WHERE user_key = ? AND received_at >= ? AND id <= ?`,
    ).get(userKey, since, uptoId) as { n: number };
    return r.n;
  }

  /**
   * Records the outcome of answering: reply parts go to the outbox and the inbox row is closed, atomically.
   * The stored user text is replaced by its masked form (kept only for analytics).
   */
  complete(row: InboxRow, outcome: string, parts: string[], maskedText: string, now: number): void {
    const insert = this.sql(
      `INSERT OR IGNORE INTO outbox (inbox_id, channel, recipient, part, text, quote_id, next_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const close = this.sql(
      `UPDATE inbox SET state = 'done', outcome = ?, answered_at = ?, text = ? WHERE id = ? AND state = 'queued'`,
    );
    this.db.transaction(() => {
      parts.forEach((text, i) => insert.run(row.id, row.channel, row.recipient, i, text, i === 0 ? row.quoteId : null, now, now));
      close.run(outcome, now, maskedText, row.id);
    })();
  }

  /** Pending outbox rows, oldest first (due or not: the sender keeps per-recipient order). */
  pending(limit: number): OutboxRow[] {
    return (this.sql(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?`).all(limit) as Row[]).map(toOutbox);
  }

  markSent(id: number, remoteId: string | null, now: number): void {
    this.sql(`UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, remote_id = ?, last_code = NULL WHERE id = ?`).run(now, remoteId, id);
  }

  markRetry(id: number, nextAt: number, code: string): void {
    this.sql(`UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_at = ?, last_code = ? WHERE id = ?`).run(nextAt, code, id);
  }

  /** A final failure: 'refused' (Zalo said no for good) or 'expired' (gave up retrying). */
  markFailed(id: number, state: 'refused' | 'expired', code: string): void {
    this.sql(`UPDATE outbox SET state = ?, attempts = attempts + 1, last_code = ? WHERE id = ?`).run(state, code, id);
  }

  /** Counts by state, for tests, metrics and the bench. */
  counts(): { inbox: Record<string, number>; outbox: Record<string, number> } {
    const group = (table: string) => Object.fromEntries(
      (this.sql(`SELECT state, COUNT(*) AS n FROM ${table} GROUP BY state`).all() as Array<{ state: string; n: number }>)
        .map((r) => [r.state, r.n]),
    );
    return { inbox: group('inbox'), outbox: group('outbox') };
  }

  /** Replies waiting to be delivered (the outbox backlog, for /metrics and /readyz). */
  pendingOutboxCount(): number {
    return (this.sql(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`).get() as { n: number }).n;
  }

  getTokens(name: string): StoredTokens | null {
    const r = this.sql(`SELECT * FROM tokens WHERE name = ?`).get(name) as Row | undefined;
    if (!r) return null;
    return {
      accessToken: r.access_token as string, refreshToken: r.refresh_token as string,
      expiresAt: (r.expires_at as number | null) ?? null, seededRefresh: r.seeded_refresh as string,
      updatedAt: r.updated_at as number,
    };
  }

  putTokens(name: string, t: StoredTokens, now: number): void {
    this.sql(
      `INSERT INTO tokens (name, access_token, refresh_token, expires_at, seeded_refresh, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
       expires_at = excluded.expires_at, seeded_refresh = excluded.seeded_refresh, updated_at = excluded.updated_at`,
    ).run(name, t.accessToken, t.refreshToken, t.expiresAt, t.seededRefresh, now);
  }

  getConversation(userKey: string): { turns: unknown[]; updatedAt: number } | null {
    const r = this.sql(`SELECT turns, updated_at FROM conversations WHERE user_key = ?`).get(userKey) as Row | undefined;
    return r ? { turns: JSON.parse(r.turns as string) as unknown[], updatedAt: r.updated_at as number } : null;
  }

  putConversation(userKey: string, turns: unknown[], now: number): void {
    this.sql(
      `INSERT INTO conversations (user_key, turns, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_key) DO UPDATE SET turns = excluded.turns, updated_at = excluded.updated_at`,
    ).run(userKey, JSON.stringify(turns), now);
  }

  deleteConversation(userKey: string): void {
    this.sql(`DELETE FROM conversations WHERE user_key = ?`).run(userKey);
  }

  /** Proves the database accepts writes (for /readyz). */
  checkWritable(now: number): boolean {
    try {
      this.sql(`INSERT INTO meta (key, value) VALUES ('ready_check', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(now));
      return true;
    } catch {
      return false;
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    void this.walHandle?.close().catch(() => undefined);
    this.walHandle = null;
    if (this.db.open) this.db.close();
  }
}
