/**
 * The PostgreSQL engine (`DATABASE_URL`): the same contract as SQLite, shared by every instance. Claims use
 * `FOR UPDATE SKIP LOCKED` with leases, de-duplication is the UNIQUE constraint, the token refresh runs under
 * a session advisory lock. Every multi-statement write is one transaction; a dropped connection rolls it back
 * and surfaces as E_DB_UNREACHABLE (the caller retries), never as a half-written state.
 */
import pg from 'pg';
import { BotError } from '../errors.ts';
import { MIGRATION_LOCK_KEY, MIGRATIONS_TABLE, migrationsFor } from './migrate.ts';
import { claimAnswersSql, claimSendsSql, claimValues, toInbox, toOutbox, type Row } from './sql.ts';
import type { BotStorage, Completion, InboxEvent, InboxRow, OutboxRow, PurgeCounts, StoredTokens } from './types.ts';

/** BIGINT (epoch ms, ids) as JS numbers: every value we store is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** SQLSTATE classes and socket errors that mean "the server is gone", not "the statement is wrong". */
export function isConnectionError(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? '');
  return (
    /^(08|57P0|53300)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      (err as Error)?.message ?? '',
    )
  );
}

/**
 * The coded error for a failed statement. An error that already carries a code (BotError, or a WebError such as
 * E_BAD_REQUEST thrown inside a content-store transaction) passes through unchanged.
 */
export function pgError(err: unknown): Error {
  if (err instanceof BotError) return err;
  const code = (err as { code?: unknown })?.code;
  if (err instanceof Error && typeof code === 'string' && code.startsWith('E_')) return err;
  const message = (err as Error)?.message ?? String(err);
  return isConnectionError(err)
    ? new BotError('E_DB_UNREACHABLE', `PostgreSQL unreachable: ${message}`, { retryable: true })
    : new BotError('E_DB', `PostgreSQL statement failed: ${message}`);
}

function noteDroppedConnection(): void {
  // Surfaces as the rejection of the next query on this client (see checkout()).
}

/** Returns a checked-out connection to the pool; a broken one is discarded. */
function giveBack(client: pg.PoolClient, broken: boolean): void {
  client.removeListener('error', noteDroppedConnection);
  client.release(broken);
}

/** Applies pending migrations under an advisory lock; returns the versions applied. */
export async function migratePostgres(pool: pg.Pool, now = Date.now()): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE);
    const done = new Set(
      (await client.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => Number(r.version)),
    );
    for (const m of migrationsFor('postgres')) {
      if (done.has(m.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          now,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new BotError('E_DB_MIGRATION', `migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/**
 * A connection pool on `url` with pending migrations applied (the bot storage and the web store each open one:
 * the web store lives from before buildApp opens the bot storage until after it closes it).
 */
export async function openPool(url: string, opts: PostgresOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types,
  });
  // An idle client losing its server must not crash the process: log it with a code; the pool reconnects.
  pool.on('error', (err) => opts.onError?.(pgError(err) as BotError));
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw pgError(err);
  }
  return pool;
}

/** One query on the pool; a failure becomes the storage error its callers document (pgError). */
export async function poolQuery<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>(text, values);
  } catch (err) {
    throw pgError(err);
  }
}

/**
 * One transaction on one checked-out connection; any failure (a dropped connection too) rolls it back and
 * rejects with a coded error. A connection that broke is discarded, not returned to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw pgError(err);
  }
  client.on('error', noteDroppedConnection);
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    broken = isConnectionError(err);
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw pgError(err);
  } finally {
    giveBack(client, broken);
  }
}

export interface PostgresOptions {
  /** Pool size per instance (default 10). */
  max?: number;
  /** Called with a coded error when an idle connection dies (the pool replaces it). */
  onError?: (err: BotError) => void;
}

export class PostgresStorage implements BotStorage {
  readonly engine = 'postgres' as const;
  private closed = false;

  private constructor(readonly pool: pg.Pool) {}

  /** Connects, applies pending migrations and returns the engine. */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStorage> {
    return new PostgresStorage(await openPool(url, { max: 10, ...opts }));
  }

  private q(text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    return poolQuery<Row>(this.pool, text, values);
  }

  /**
   * Checks out a connection. While we hold it, pg reports a dropped connection as an 'error' event on the
   * client; with no listener that is an uncaught exception that kills the process. The next query on the client
   * rejects with the same failure, so the event itself is only noted here.
   */
  private async checkout(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw pgError(err);
    }
    client.on('error', noteDroppedConnection);
    return client;
  }

  /** One transaction on one connection; any failure (including a dropped connection) rolls it back. */
  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, fn);
  }

  async enqueue(e: InboxEvent): Promise<'queued' | 'duplicate'> {
    const r = await this.q(
      `INSERT INTO inbox (channel, event_id, user_key, recipient, kind, text, quote_id, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (channel, event_id) DO NOTHING`,
      [e.channel, e.eventId, `${e.channel}:${e.recipient}`, e.recipient, e.kind, e.text, e.quoteId, e.receivedAt],
    );
    return r.rowCount === 1 ? 'queued' : 'duplicate';
  }

  async claimAnswers(owner: string, limit: number, leaseMs: number, now: number): Promise<InboxRow[]> {
    const sql = claimAnswersSql('postgres');
    const r = await this.q(sql.text, claimValues(sql, { owner, until: now + leaseMs, now, limit }));
    return r.rows.map(toInbox).sort((a, b) => a.id - b.id);
  }

  async countRecent(userKey: string, since: number, uptoId: number): Promise<number> {
    const r = await this.q(
      `SELECT COUNT(*)::int AS n FROM inbox WHERE user_key = $1 AND received_at >= $2 AND id <= $3`,
      [userKey, since, uptoId],
    );
    return Number(r.rows[0]!.n);
  }

  async complete(row: InboxRow, owner: string, c: Completion): Promise<boolean> {
    // One statement (one round trip, one implicit transaction): close the row while the claim is ours, insert
    // the reply parts and the conversation only if it was closed.
    const r = await this.q(
      `WITH closed AS (
         UPDATE inbox SET state = 'done', outcome = $1, answered_at = $2, text = $3, lease_owner = NULL, lease_until = NULL
         WHERE id = $4 AND state = 'answering' AND lease_owner = $5
         RETURNING id, channel, recipient, quote_id, user_key),
       parts AS (
         INSERT INTO outbox (inbox_id, channel, recipient, part, text, quote_id, next_at, created_at)
         SELECT closed.id, closed.channel, closed.recipient, p.n - 1, p.text, CASE WHEN p.n = 1 THEN closed.quote_id END, $2, $2
         FROM closed, unnest($6::text[]) WITH ORDINALITY AS p(text, n)
         ON CONFLICT (inbox_id, part) DO NOTHING),
       conv AS (
         INSERT INTO conversations (user_key, turns, updated_at)
         SELECT closed.user_key, $7, $2 FROM closed WHERE $7::text IS NOT NULL
         ON CONFLICT (user_key) DO UPDATE SET turns = excluded.turns, updated_at = excluded.updated_at)
       SELECT COUNT(*)::int AS n FROM closed`,
      [c.outcome, c.now, c.maskedText, row.id, owner, c.parts, c.conversation ? JSON.stringify(c.conversation) : null],
    );
    return Number(r.rows[0]!.n) === 1;
  }

  async claimSends(owner: string, limit: number, leaseMs: number, now: number): Promise<OutboxRow[]> {
    const sql = claimSendsSql('postgres');
    const r = await this.q(sql.text, claimValues(sql, { owner, until: now + leaseMs, now, limit }));
    return r.rows.map(toOutbox).sort((a, b) => a.id - b.id);
  }

  async markSent(id: number, remoteId: string | null, now: number): Promise<void> {
    await this.q(
      `UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = $1, remote_id = $2, last_code = NULL, lease_owner = NULL, lease_until = NULL WHERE id = $3`,
      [now, remoteId, id],
    );
  }

  async markRetry(id: number, nextAt: number, code: string): Promise<void> {
    await this.q(
      `UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_at = $1, last_code = $2, lease_owner = NULL, lease_until = NULL WHERE id = $3`,
      [nextAt, code, id],
    );
  }

  async markFailed(id: number, state: 'refused' | 'expired', code: string): Promise<void> {
    await this.q(
      `UPDATE outbox SET state = $1, attempts = attempts + 1, last_code = $2, lease_owner = NULL, lease_until = NULL WHERE id = $3`,
      [state, code, id],
    );
  }

  async releaseClaims(owner: string): Promise<void> {
    await this.tx(async (db) => {
      await db.query(
        `UPDATE inbox SET state = 'queued', lease_owner = NULL, lease_until = NULL WHERE state = 'answering' AND lease_owner = $1`,
        [owner],
      );
      await db.query(
        `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL WHERE state = 'sending' AND lease_owner = $1`,
        [owner],
      );
    });
  }

  async counts(): Promise<{ inbox: Record<string, number>; outbox: Record<string, number> }> {
    const group = async (table: string) =>
      Object.fromEntries(
        (await this.q(`SELECT state, COUNT(*)::int AS n FROM ${table} GROUP BY state`)).rows.map((r) => [
          r.state as string,
          Number(r.n),
        ]),
      );
    return { inbox: await group('inbox'), outbox: await group('outbox') };
  }

  async pendingOutboxCount(): Promise<number> {
    return Number(
      (await this.q(`SELECT COUNT(*)::int AS n FROM outbox WHERE state IN ('pending', 'sending')`)).rows[0]?.n ?? 0,
    );
  }

  async getTokens(name: string): Promise<StoredTokens | null> {
    const r = (await this.q(`SELECT * FROM tokens WHERE name = $1`, [name])).rows[0];
    return r
      ? {
          accessToken: r.access_token as string,
          refreshToken: r.refresh_token as string,
          expiresAt: r.expires_at === null ? null : Number(r.expires_at),
          seededRefresh: r.seeded_refresh as string,
          updatedAt: Number(r.updated_at),
        }
      : null;
  }

  async putTokens(name: string, t: StoredTokens, now: number): Promise<void> {
    await this.q(
      `INSERT INTO tokens (name, access_token, refresh_token, expires_at, seeded_refresh, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name) DO UPDATE SET access_token = excluded.access_token, refresh_token = excluded.refresh_token,
       expires_at = excluded.expires_at, seeded_refresh = excluded.seeded_refresh, updated_at = excluded.updated_at`,
      [name, t.accessToken, t.refreshToken, t.expiresAt, t.seededRefresh, now],
    );
  }

  async withTokenLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.checkout();
    // A session lock on its own connection: held across the refresh call, released even if the refresh fails,
    // and dropped by the server if this instance dies while holding it.
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`tokens:${name}`]);
    } catch (err) {
      giveBack(client, true);
      throw pgError(err);
    }
    let broken = false;
    try {
      return await fn();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`tokens:${name}`]).catch(() => {
        broken = true;
      });
      giveBack(client, broken);
    }
  }

  async getConversation(userKey: string): Promise<{ turns: unknown[]; updatedAt: number } | null> {
    const r = (await this.q(`SELECT turns, updated_at FROM conversations WHERE user_key = $1`, [userKey])).rows[0];
    return r ? { turns: JSON.parse(r.turns as string) as unknown[], updatedAt: Number(r.updated_at) } : null;
  }

  async putConversation(userKey: string, turns: unknown[], now: number): Promise<void> {
    try {
      await upsertConversation(this.pool, userKey, turns, now);
    } catch (err) {
      throw pgError(err);
    }
  }

  async deleteConversation(userKey: string): Promise<void> {
    await this.q(`DELETE FROM conversations WHERE user_key = $1`, [userKey]);
  }

  purge(before: number): Promise<PurgeCounts> {
    return this.tx(async (db) => ({
      outbox:
        (
          await db.query(`DELETE FROM outbox WHERE state IN ('sent', 'refused', 'expired') AND created_at < $1`, [
            before,
          ])
        ).rowCount ?? 0,
      inbox:
        (
          await db.query(
            `DELETE FROM inbox WHERE state = 'done' AND received_at < $1 AND NOT EXISTS
        (SELECT 1 FROM outbox o WHERE o.inbox_id = inbox.id)`,
            [before],
          )
        ).rowCount ?? 0,
      conversations: (await db.query(`DELETE FROM conversations WHERE updated_at < $1`, [before])).rowCount ?? 0,
    }));
  }

  durable(): Promise<void> {
    // synchronous_commit (server default on) already flushed the WAL before COMMIT returned.
    return Promise.resolve();
  }

  async checkWritable(now: number): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.q(
        `INSERT INTO meta (key, value) VALUES ('ready_check', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [String(now)],
      );
      return true;
    } catch {
      return false;
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

async function upsertConversation(
  db: pg.Pool | pg.PoolClient,
  userKey: string,
  turns: unknown[],
  now: number,
): Promise<void> {
  await db.query(
    `INSERT INTO conversations (user_key, turns, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_key) DO UPDATE SET turns = excluded.turns, updated_at = excluded.updated_at`,
    [userKey, JSON.stringify(turns), now],
  );
}
