/**
 * One contract, two engines: every test here runs against SQLite (a temp DATA_DIR) and PostgreSQL (a fresh
 * database per test). Two "instances" on PostgreSQL are two storages on the same database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStorage, SqliteStorage, type BotStorage, type InboxEvent } from '../storage/index.ts';
import { tempDir } from './helpers.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';

interface Engine {
  name: 'sqlite' | 'postgres';
  open(): Promise<BotStorage>;
  second(): Promise<BotStorage> | null;
}

const opened: BotStorage[] = [];
const databases: TestDatabase[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of databases.splice(0)) await d.drop();
});

function sqliteEngine(): Engine {
  let dir: string | null = null;
  return {
    name: 'sqlite',
    async open() {
      dir ??= await tempDir();
      const s = SqliteStorage.open(dir);
      opened.push(s);
      return s;
    },
    second: () => null,
  };
}

function postgresEngine(): Engine {
  let db: TestDatabase | null = null;
  const open = async () => {
    if (!db) {
      db = await freshDatabase();
      databases.push(db);
    }
    const s = await PostgresStorage.open(db.url);
    opened.push(s);
    return s;
  };
  return { name: 'postgres', open, second: open };
}

let seq = 0;
function event(user: string, text = 'câu hỏi', receivedAt = 1000): InboxEvent {
  seq += 1;
  return { channel: 'oa', eventId: `e-${seq}`, recipient: user, kind: 'text', text, quoteId: null, receivedAt };
}
const done = (outcome = 'answered', parts = ['đáp']) => ({ outcome, parts, maskedText: 'masked', now: 2000 });

describe.each([
  ['sqlite', sqliteEngine],
  ['postgres', postgresEngine],
] as const)('bot storage contract on %s', (_name, make) => {
  it('stores an event once: the same channel and event id again is a duplicate', async () => {
    const s = await make().open();
    const e = event('u1');
    expect(await s.enqueue(e)).toBe('queued');
    expect(await s.enqueue(e)).toBe('duplicate');
    expect(await s.enqueue({ ...e, channel: 'bot' })).toBe('queued');
    expect((await s.counts()).inbox).toEqual({ queued: 2 });
  });

  it('claims only the oldest open question of each user, and the next one after the first is completed', async () => {
    const s = await make().open();
    for (const [u, t] of [
      ['a', 'a1'],
      ['a', 'a2'],
      ['b', 'b1'],
      ['a', 'a3'],
    ])
      await s.enqueue(event(u!, t));
    const first = await s.claimAnswers('i1', 10, 30_000, 5000);
    expect(first.map((r) => r.text)).toEqual(['a1', 'b1']);
    expect(await s.claimAnswers('i1', 10, 30_000, 5000)).toEqual([]);
    expect(await s.complete(first[0]!, 'i1', done())).toBe(true);
    expect((await s.claimAnswers('i1', 10, 30_000, 5000)).map((r) => r.text)).toEqual(['a2']);
    expect((await s.counts()).outbox).toEqual({ pending: 1 });
  });

  it('lets another instance take a claim whose lease ended, and drops the late answer of the first', async () => {
    const engine = make();
    const s = await engine.open();
    const other = (await engine.second()) ?? s;
    await s.enqueue(event('slow'));
    const [row] = await s.claimAnswers('dead', 1, 1000, 5000);
    expect(await other.claimAnswers('alive', 1, 1000, 5500)).toEqual([]);
    const [again] = await other.claimAnswers('alive', 1, 1000, 6001);
    expect(again?.id).toBe(row!.id);
    expect(await s.complete(row!, 'dead', done('answered', ['muộn']))).toBe(false);
    expect(await other.complete(again!, 'alive', done('answered', ['đúng lúc']))).toBe(true);
    const [send] = await other.claimSends('alive', 10, 1000, 7000);
    expect(send?.text).toBe('đúng lúc');
  });

  it('gives back the claims of an instance restarted under the same name', async () => {
    const s = await make().open();
    await s.enqueue(event('u'));
    await s.claimAnswers('inst-a', 1, 60_000, 5000);
    expect(await s.claimAnswers('inst-b', 1, 60_000, 5001)).toEqual([]);
    await s.releaseClaims('inst-a');
    expect(await s.claimAnswers('inst-b', 1, 60_000, 5002)).toHaveLength(1);
  });

  it('sends each recipient in order but never lets one failing recipient hold back the others', async () => {
    const s = await make().open();
    for (const u of ['fail', 'fail', 'ok1', 'ok2']) await s.enqueue(event(u));
    for (let i = 0; i < 4; i++) {
      const [row] = await s.claimAnswers('i', 1, 30_000, 5000);
      await s.complete(row!, 'i', done('answered', [`to ${row!.recipient}`]));
    }
    const firstRound = await s.claimSends('i', 10, 30_000, 5000);
    expect(firstRound.map((r) => r.recipient)).toEqual(['fail', 'ok1', 'ok2']);
    const failing = firstRound[0]!;
    await s.markRetry(failing.id, 60_000, '-32');
    await s.markSent(firstRound[1]!.id, 'm1', 5001);
    await s.markFailed(firstRound[2]!.id, 'refused', '-201');
    // The failing user's second reply waits behind its first (order), the first waits for its backoff.
    expect(await s.claimSends('i', 10, 30_000, 6000)).toEqual([]);
    const later = await s.claimSends('i', 10, 30_000, 60_000);
    expect(later.map((r) => r.id)).toEqual([failing.id]);
    expect((await s.counts()).outbox).toEqual({ pending: 1, sending: 1, sent: 1, refused: 1 });
  });

  it('never hands the same row to two instances claiming at the same time', async () => {
    const engine = make();
    const a = await engine.open();
    const b = (await engine.second()) ?? a;
    for (let i = 0; i < 60; i++) await a.enqueue(event(`user-${i % 20}`));
    const [ra, rb] = await Promise.all([a.claimAnswers('a', 15, 30_000, 5000), b.claimAnswers('b', 15, 30_000, 5000)]);
    const ids = [...ra, ...rb].map((r) => r.id);
    const users = [...ra, ...rb].map((r) => r.userKey);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(users).size).toBe(users.length);
    expect(ids.length).toBe(20);
  });

  it('keeps the token pair and conversations, and runs token-locked work one at a time across instances', async () => {
    const engine = make();
    const a = await engine.open();
    const b = (await engine.second()) ?? a;
    await a.putTokens('zalo-oa', { accessToken: 'x', refreshToken: 'y', expiresAt: null, seededRefresh: 'y' }, 1);
    expect(await b.getTokens('zalo-oa')).toEqual({
      accessToken: 'x',
      refreshToken: 'y',
      expiresAt: null,
      seededRefresh: 'y',
      updatedAt: 1,
    });
    const log: string[] = [];
    const work = (s: BotStorage, name: string) =>
      s.withTokenLock('zalo-oa', async () => {
        log.push(`${name} in`);
        await new Promise((r) => setImmediate(r));
        await s.getTokens('zalo-oa');
        log.push(`${name} out`);
      });
    await Promise.all([work(a, 'a'), work(b, 'b'), work(a, 'c')]);
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]!.replace(' in', ' out'));
    await a.putConversation('oa:u', [{ question: 'q' }], 10);
    expect(await b.getConversation('oa:u')).toEqual({ turns: [{ question: 'q' }], updatedAt: 10 });
    await b.deleteConversation('oa:u');
    expect(await a.getConversation('oa:u')).toBeNull();
  });

  it('deletes only finished rows and idle conversations older than the retention cut-off', async () => {
    const s = await make().open();
    await s.enqueue(event('old', 'cũ', 1000));
    await s.enqueue(event('waiting', 'còn chờ', 1000));
    const [old] = await s.claimAnswers('i', 1, 30_000, 1500);
    await s.complete(old!, 'i', { ...done(), now: 1500, conversation: [{ q: 1 }] });
    const [send] = await s.claimSends('i', 1, 30_000, 1600);
    await s.markSent(send!.id, 'm', 1700);
    await s.enqueue(event('new', 'mới', 9000));
    expect(await s.purge(5000)).toEqual({ outbox: 1, inbox: 1, conversations: 1 });
    expect((await s.counts()).inbox).toEqual({ queued: 2 });
  });

  it('applies its migrations once: reopening the same database applies none and keeps the rows', async () => {
    const engine = make();
    const s = await engine.open();
    await s.enqueue(event('u'));
    const again = await engine.open();
    expect((await again.counts()).inbox).toEqual({ queued: 1 });
    expect(await again.checkWritable(1)).toBe(true);
  });
});

describe('PostgreSQL engine failures', () => {
  it('reports an unreachable server with E_DB_UNREACHABLE instead of hanging', async () => {
    await expect(PostgresStorage.open('postgres://postgres@127.0.0.1:1/none')).rejects.toMatchObject({
      code: 'E_DB_UNREACHABLE',
    });
  });
});
