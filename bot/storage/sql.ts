/**
 * SQL shared by both engines: the two claim statements and the row mappers. The claims are written once; only
 * the placeholders and PostgreSQL's `FOR UPDATE SKIP LOCKED` (rows another instance is claiming right now are
 * skipped, not waited for) differ.
 */
import type { InboxRow, OutboxRow } from './types.ts';

export type Row = Record<string, unknown>;

type Engine = 'sqlite' | 'postgres';

/** `?` for SQLite, `$n` for PostgreSQL, numbered by the caller's list of named values. */
function bind(engine: Engine, text: string, order: string[]): string {
  return text.replace(/:(\w+)/g, (_m, name: string) => (engine === 'sqlite' ? '?' : `$${order.indexOf(name) + 1}`));
}

/** Names in the order they appear in the text (SQLite binds positionally, one value per occurrence). */
export function paramOrder(text: string): string[] {
  return [...text.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

/**
 * The head of each user's open rows (queued, or answering under an expired lease) is claimed; a user whose
 * head is being answered elsewhere has nothing claimable, which is what keeps one user's answers in order.
 */
const CLAIM_ANSWERS = `
UPDATE inbox SET state = 'answering', lease_owner = :owner, lease_until = :until
WHERE id IN (
  SELECT i.id FROM inbox i
  WHERE i.state IN ('queued', 'answering') AND (i.state = 'queued' OR i.lease_until < :now)
    AND NOT EXISTS (SELECT 1 FROM inbox p WHERE p.user_key = i.user_key AND p.id < i.id AND p.state IN ('queued', 'answering'))
  ORDER BY i.id LIMIT :limit __LOCK__)
  AND (state = 'queued' OR lease_until < :now)
RETURNING *`;

/**
 * The head of each recipient's unsent rows, if due, oldest first, over ALL recipients: a head waiting for its
 * backoff is skipped, so a user whose sends keep failing never holds back anyone else's reply. Walking the open
 * rows by id (partial index) stops after `limit` hits instead of sorting the whole backlog.
 */
const CLAIM_SENDS = `
UPDATE outbox SET state = 'sending', lease_owner = :owner, lease_until = :until
WHERE id IN (
  SELECT o.id FROM outbox o
  WHERE o.state IN ('pending', 'sending')
    AND ((o.state = 'pending' AND o.next_at <= :now) OR (o.state = 'sending' AND o.lease_until < :now))
    AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.channel = o.channel AND p.recipient = o.recipient AND p.id < o.id
      AND p.state IN ('pending', 'sending'))
  ORDER BY o.id LIMIT :limit __LOCK__)
  AND ((state = 'pending' AND next_at <= :now) OR (state = 'sending' AND lease_until < :now))
RETURNING *`;

export interface ClaimSql {
  text: string;
  order: string[];
}

function claim(engine: Engine, template: string): ClaimSql {
  const text = template.replace('__LOCK__', engine === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '');
  const order = engine === 'sqlite' ? paramOrder(text) : [...new Set(paramOrder(text))];
  return { text: bind(engine, text, order), order };
}

export const claimAnswersSql = (engine: Engine): ClaimSql => claim(engine, CLAIM_ANSWERS);
export const claimSendsSql = (engine: Engine): ClaimSql => claim(engine, CLAIM_SENDS);

/** The values of a claim statement in its placeholder order. */
export function claimValues(sql: ClaimSql, v: { owner: string; until: number; now: number; limit: number }): unknown[] {
  return sql.order.map((name) => v[name as keyof typeof v]);
}

const num = (v: unknown): number => (typeof v === 'string' ? Number(v) : (v as number));

export const toInbox = (r: Row): InboxRow => ({
  id: num(r.id),
  channel: r.channel as InboxRow['channel'],
  eventId: r.event_id as string,
  userKey: r.user_key as string,
  recipient: r.recipient as string,
  kind: r.kind as InboxRow['kind'],
  text: r.text as string,
  quoteId: (r.quote_id as string | null) ?? null,
  receivedAt: num(r.received_at),
});

export const toOutbox = (r: Row): OutboxRow => ({
  id: num(r.id),
  inboxId: num(r.inbox_id),
  channel: r.channel as OutboxRow['channel'],
  recipient: r.recipient as string,
  part: num(r.part),
  text: r.text as string,
  quoteId: (r.quote_id as string | null) ?? null,
  attempts: num(r.attempts),
  nextAt: num(r.next_at),
  createdAt: num(r.created_at),
});
