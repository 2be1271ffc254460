/** SQLite-only storage behaviour: upgrading a database from before versioned migrations, file modes, retention job. */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RetentionJob, SqliteStorage, SqliteWebStore } from '../storage/index.ts';
import { tempDir } from './helpers.ts';

const OLD_SCHEMA = fs.readFileSync(
  path.join(import.meta.dirname, '..', 'storage', 'migrations', 'sqlite', '001_initial.sql'),
  'utf8',
);

describe('SQLite storage', () => {
  it('upgrades a database made before migrations were versioned, keeping its queued events and putting interrupted sends back', async () => {
    const dir = await tempDir();
    const old = new Database(path.join(dir, 'bot.sqlite'));
    old.exec(OLD_SCHEMA);
    old
      .prepare(
        `INSERT INTO inbox (channel, event_id, user_key, recipient, kind, text, received_at) VALUES ('oa', 'e1', 'oa:u', 'u', 'text', 'hỏi', 1)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO outbox (inbox_id, channel, recipient, part, text, state, next_at, created_at) VALUES (9, 'oa', 'v', 0, 'đáp', 'sending', 1, 1)`,
      )
      .run();
    old.close();
    const s = SqliteStorage.open(dir);
    expect(await s.counts()).toEqual({ inbox: { queued: 1 }, outbox: { pending: 1 } });
    expect((await s.claimAnswers('i', 5, 1000, 2)).map((r) => r.text)).toEqual(['hỏi']);
    expect(s.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    await s.close();
  });

  it('creates the bot and web databases readable by their owner only', async () => {
    const dir = await tempDir();
    const s = SqliteStorage.open(dir);
    await s.enqueue({
      channel: 'oa',
      eventId: 'e',
      recipient: 'u',
      kind: 'text',
      text: 't',
      quoteId: null,
      receivedAt: 1,
    });
    const web = SqliteWebStore.open(dir);
    await web.recordQuestion({
      channel: 'api',
      session: null,
      question: 'q',
      answer: 'a',
      refused: false,
      mode: 'extractive',
      topicDocumentId: null,
      topic: null,
      citedDocuments: [],
      curatedId: null,
    });
    for (const f of ['bot.sqlite', 'bot.sqlite-wal', 'web.sqlite', 'web.sqlite-wal']) {
      expect({ f, mode: fs.statSync(path.join(dir, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
    }
    await s.close();
    await web.close();
  });

  it('deletes inbox, outbox, conversations, questions and feedback older than the retention days, and nothing newer', async () => {
    const dir = await tempDir();
    const day = 86_400_000;
    const now = 200 * day;
    const s = SqliteStorage.open(dir);
    const web = SqliteWebStore.open(dir, { now: () => new Date(now - 100 * day) });
    const oldQ = await web.recordQuestion({
      channel: 'api',
      session: null,
      question: 'cũ',
      answer: 'a',
      refused: false,
      mode: 'extractive',
      topicDocumentId: null,
      topic: null,
      citedDocuments: [],
      curatedId: null,
    });
    await web.addFeedback({ questionId: oldQ, session: null, rating: -1, comment: 'tệ', question: null });
    const fresh = SqliteWebStore.open(dir, { now: () => new Date(now - day) });
    await fresh.recordQuestion({
      channel: 'api',
      session: null,
      question: 'mới',
      answer: 'a',
      refused: false,
      mode: 'extractive',
      topicDocumentId: null,
      topic: null,
      citedDocuments: [],
      curatedId: null,
    });
    for (const [id, at] of [
      ['old', now - 100 * day],
      ['new', now - day],
    ] as const) {
      await s.enqueue({
        channel: 'oa',
        eventId: id,
        recipient: id,
        kind: 'text',
        text: id,
        quoteId: null,
        receivedAt: at,
      });
      const [row] = await s.claimAnswers('i', 1, 1000, at);
      await s.complete(row!, 'i', { outcome: 'answered', parts: ['đáp'], maskedText: id, now: at, conversation: [] });
      const [send] = await s.claimSends('i', 1, 1000, at);
      await s.markSent(send!.id, 'm', at);
    }
    const job = new RetentionJob({ stores: [s, web], days: 90, now: () => now, log: Fastify({ logger: false }).log });
    expect(await job.runOnce()).toEqual({ outbox: 1, inbox: 1, conversations: 1, questions: 1, feedback: 1 });
    expect(await s.counts()).toEqual({ inbox: { done: 1 }, outbox: { sent: 1 } });
    expect((await fresh.listQuestions()).map((q) => q.question)).toEqual(['mới']);
    await s.close();
    await web.close();
    await fresh.close();
  });
});
