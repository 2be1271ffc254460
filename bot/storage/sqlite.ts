/**
 * The SQLite engine (one process, `<DATA_DIR>/bot.sqlite`, WAL). better-sqlite3 is synchronous; every method
 * here runs its statements inside a group commit (all writes asked for in one event-loop turn share one
 * transaction and one fsync) and returns a promise, so the worker code is the same as on PostgreSQL.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { BotError } from '../errors.ts';
import { MIGRATIONS_TABLE, migrationsFor } from './migrate.ts';
import { claimAnswersSql, claimSendsSql, claimValues, toInbox, toOutbox, type Row } from './sql.ts';
import type {
  BotStorage,
  Completion,
  InboxEvent,
  InboxRow,
  OutboxRow,
  PurgeCounts,
  StoredTokens,
  Synchronous,
} from './types.ts';

/** Creates `file` readable by its owner only (0600) before SQLite opens it; its -wal/-shm inherit the mode. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}

/** Applies pending migrations to an open SQLite database; returns the versions applied. */
export function migrateSqlite(db: Database.Database, now = Date.now()): number[] {
  db.exec(MIGRATIONS_TABLE);
  const done = new Set(
    (db.prepare(`SELECT version FROM schema_migrations`).all() as Array<{ version: number }>).map((r) => r.version),
  );
  const applied: number[] = [];
  for (const m of migrationsFor('sqlite')) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      // 002 adds columns; a database that already has them (made by a newer build then downgraded) skips it.
      try {
        db.exec(m.sql);
      } catch (err) {
        if (!/duplicate column/.test((err as Error).message)) throw err;
      }
      db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(
        m.version,
        m.name,
        now,
      );
    })();
    applied.push(m.version);
  }
  return applied;
}

export class SqliteStorage implements BotStorage {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private walHandle: fsp.FileHandle | null = null;
  private syncInFlight: Promise<void> | null = null;
  private syncQueued: Promise<void> | null = null;
  private pendingWrites: Array<{ fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
  private tokenLock: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
    private readonly syncMode: Synchronous,
  ) {}

  /** Opens (creating if needed, mode 0600) `<dataDir>/bot.sqlite` and applies pending migrations. */
  static open(dataDir: string, opts: { synchronous?: Synchronous } = {}): SqliteStorage {
    const file = path.join(dataDir, 'bot.sqlite');
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      createPrivateFile(file);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      const mode = opts.synchronous ?? 'FULL';
      db.pragma(`synchronous = ${mode === 'FULL' ? 'FULL' : 'NORMAL'}`);
      db.pragma('busy_timeout = 5000');
      migrateSqlite(db);
      // One process owns the file: claims left in it belong to a process that is gone, whatever its INSTANCE_ID.
      db.exec(`UPDATE inbox SET state = 'queued', lease_owner = NULL, lease_until = NULL WHERE state = 'answering';
        UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL WHERE state = 'sending';`);
      return new SqliteStorage(db, file, mode);
    } catch (err) {
      throw new BotError('E_DB', `cannot open ${file}: ${(err as Error).message}`);
    }
  }

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /**
   * Group commit: runs `fn` inside one transaction together with every other write requested in the same
   * event-loop turn. If the batch fails, each write is retried on its own so one bad write cannot fail the others.
   */
  private batched<T>(fn: () => T): Promise<T> {
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
        try {
          w.resolve(this.db.transaction(w.fn)());
        } catch (err) {
          w.reject(dbError(err));
        }
      }
      return;
    }
    writes.forEach((w, i) => w.resolve(results[i]));
  }

  private read<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(dbError(err));
    }
  }

  durable(): Promise<void> {
    if (this.syncMode !== 'FSYNC_ACK') return Promise.resolve();
    if (!this.syncInFlight) return (this.syncInFlight = this.syncWal());
    // The sync in flight may have started before our commit: join the one that starts after it.
    this.syncQueued ??= this.syncInFlight
      .catch(() => undefined)
      .then(() => {
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

  enqueue(e: InboxEvent): Promise<'queued' | 'duplicate'> {
    return this.batched(() => {
      const info = this.sql(
        `INSERT OR IGNORE INTO inbox (channel, event_id, user_key, recipient, kind, text, quote_id, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(e.channel, e.eventId, `${e.channel}:${e.recipient}`, e.recipient, e.kind, e.text, e.quoteId, e.receivedAt);
      return info.changes === 1 ? ('queued' as const) : ('duplicate' as const);
    });
  }

  claimAnswers(owner: string, limit: number, leaseMs: number, now: number): Promise<InboxRow[]> {
    const q = claimAnswersSql('sqlite');
    return this.batched(() =>
      (this.sql(q.text).all(...claimValues(q, { owner, until: now + leaseMs, now, limit })) as Row[]).map(toInbox),
    ).then((rows) => rows.sort((a, b) => a.id - b.id));
  }

  countRecent(userKey: string, since: number, uptoId: number): Promise<number> {
    return this.read(
      () =>
        (
          this.sql(`SELECT COUNT(*) AS n FROM inbox WHERE user_key = ? AND received_at >= ? AND id <= ?`).get(
            userKey,
            since,
            uptoId,
          ) as { n: number }
        ).n,
    );
  }

  complete(row: InboxRow, owner: string, c: Completion): Promise<boolean> {
    return this.batched(() => {
      const closed = this.sql(
        `UPDATE inbox SET state = 'done', outcome = ?, answered_at = ?, text = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND state = 'answering' AND lease_owner = ?`,
      ).run(c.outcome, c.now, c.maskedText, row.id, owner);
      if (closed.changes !== 1) return false;
      const insert = this.sql(
        `INSERT OR IGNORE INTO outbox (inbox_id, channel, recipient, part, text, quote_id, next_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      c.parts.forEach((text, i) =>
        insert.run(row.id, row.channel, row.recipient, i, text, i === 0 ? row.quoteId : null, c.now, c.now),
      );
      if (c.conversation) this.upsertConversation(row.userKey, c.conversation, c.now);
      return true;
    });
  }

  claimSends(owner: string, limit: number, leaseMs: number, now: number): Promise<OutboxRow[]> {
    const q = claimSendsSql('sqlite');
    return this.batched(() =>
      (this.sql(q.text).all(...claimValues(q, { owner, until: now + leaseMs, now, limit })) as Row[]).map(toOutbox),
    ).then((rows) => rows.sort((a, b) => a.id - b.id));
  }

  markSent(id: number, remoteId: string | null, now: number): Promise<void> {
    return this.batched(() => {
      this.sql(
        `UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, remote_id = ?, last_code = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ?`,
      ).run(now, remoteId, id);
    });
  }

  markRetry(id: number, nextAt: number, code: string): Promise<void> {
    return this.batched(() => {
      this.sql(
        `UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_at = ?, last_code = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`,
      ).run(nextAt, code, id);
    });
  }

  markFailed(id: number, state: 'refused' | 'expired', code: string): Promise<void> {
    return this.batched(() => {
      this.sql(
        `UPDATE outbox SET state = ?, attempts = attempts + 1, last_code = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`,
      ).run(state, code, id);
    });
  }

  releaseClaims(owner: string): Promise<void> {
    return this.batched(() => {
      this.sql(
        `UPDATE inbox SET state = 'queued', lease_owner = NULL, lease_until = NULL WHERE state = 'answering' AND lease_owner = ?`,
      ).run(owner);
      this.sql(
        `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL WHERE state = 'sending' AND lease_owner = ?`,
      ).run(owner);
    });
  }

  counts(): Promise<{ inbox: Record<string, number>; outbox: Record<string, number> }> {
    const group = (table: string) =>
      Object.fromEntries(
        (
          this.sql(`SELECT state, COUNT(*) AS n FROM ${table} GROUP BY state`).all() as Array<{
            state: string;
            n: number;
          }>
        ).map((r) => [r.state, r.n]),
      );
    return this.read(() => ({ inbox: group('inbox'), outbox: group('outbox') }));
  }

  pendingOutboxCount(): Promise<number> {
    return this.read(
      () =>
        (this.sql(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending')`).get() as { n: number }).n,
    );
  }

  getTokens(name: string): Promise<StoredTokens | null> {
    return this.read(() => {
      const r = this.sql(`SELECT * FROM tokens WHERE name = ?`).get(name) as Row | undefined;
      return r
        ? {
            accessToken: r.access_token as string,
            refreshToken: r.refresh_token as string,
            expiresAt: (r.expires_at as number | null) ?? null,
            seededRefresh: r.seeded_refresh as string,
            updatedAt: r.updated_at as number,
          }
        : null;
    });
  }

  putTokens(name: string, t: StoredTokens, now: number): Promise<void> {
    return this.batched(() => {
      this.sql(
        `INSERT INTO tokens (name, access_token, refresh_token, expires_at, seeded_refresh, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
         expires_at = excluded.expires_at, seeded_refresh = excluded.seeded_refresh, updated_at = excluded.updated_at`,
      ).run(name, t.accessToken, t.refreshToken, t.expiresAt, t.seededRefresh, now);
    });
  }

  withTokenLock<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    // One process owns the file: a promise chain serialises the refreshes.
    const run = this.tokenLock.catch(() => undefined).then(fn);
    this.tokenLock = run;
    return run;
  }

  getConversation(userKey: string): Promise<{ turns: unknown[]; updatedAt: number } | null> {
    return this.read(() => {
      const r = this.sql(`SELECT turns, updated_at FROM conversations WHERE user_key = ?`).get(userKey) as
        Row | undefined;
      return r ? { turns: JSON.parse(r.turns as string) as unknown[], updatedAt: r.updated_at as number } : null;
    });
  }

  putConversation(userKey: string, turns: unknown[], now: number): Promise<void> {
    return this.batched(() => this.upsertConversation(userKey, turns, now));
  }

  private upsertConversation(userKey: string, turns: unknown[], now: number): void {
    this.sql(
      `INSERT INTO conversations (user_key, turns, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_key) DO UPDATE SET turns = excluded.turns, updated_at = excluded.updated_at`,
    ).run(userKey, JSON.stringify(turns), now);
  }

  deleteConversation(userKey: string): Promise<void> {
    return this.batched(() => {
      this.sql(`DELETE FROM conversations WHERE user_key = ?`).run(userKey);
    });
  }

  purge(before: number): Promise<PurgeCounts> {
    return this.batched(() => ({
      outbox: this.sql(`DELETE FROM outbox WHERE state IN ('sent', 'refused', 'expired') AND created_at < ?`).run(
        before,
      ).changes,
      inbox: this.sql(
        `DELETE FROM inbox WHERE state = 'done' AND received_at < ? AND NOT EXISTS
        (SELECT 1 FROM outbox o WHERE o.inbox_id = inbox.id)`,
      ).run(before).changes,
      conversations: this.sql(`DELETE FROM conversations WHERE updated_at < ?`).run(before).changes,
    }));
  }

  checkWritable(now: number): Promise<boolean> {
    if (!this.db.open) return Promise.resolve(false);
    return this.batched(() => {
      this.sql(
        `INSERT INTO meta (key, value) VALUES ('ready_check', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(String(now));
      return true;
    }).catch(() => false);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  async close(): Promise<void> {
    await this.walHandle?.close().catch(() => undefined);
    this.walHandle = null;
    if (this.db.open) this.db.close();
  }
}

function dbError(err: unknown): BotError {
  return err instanceof BotError ? err : new BotError('E_DB', `bot database write failed: ${(err as Error).message}`);
}
