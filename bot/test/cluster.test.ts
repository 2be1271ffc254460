/**
 * Two real service instances (child processes) on one fresh PostgreSQL database behind a round-robin proxy:
 * signed OA events from many users, one instance SIGKILLed at a random moment and restarted, then a −216 storm.
 * The long version with the figures is `npm run bench:cluster`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCluster } from './cluster-harness.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';

describe('two instances on one PostgreSQL', { timeout: 180_000 }, () => {
  let db: TestDatabase | null = null;
  afterEach(async () => {
    await db?.drop();
  });

  it('answers every acknowledged event once, in order per user, across a kill -9 and a −216 storm with one refresh', async () => {
    db = await freshDatabase();
    const r = await runCluster({
      databaseUrl: db.url,
      instances: 2,
      rate: 40,
      seconds: 6,
      users: 60,
      killWithin: [0.15, 0.45],
      stormAt: 0.7,
      drainMs: 60_000,
    });
    expect(r.killedAtS).not.toBeNull();
    expect(r.acked).toBeGreaterThan(200);
    expect(r.lost).toBe(0);
    expect(r.answeredOnce).toBe(r.acked - r.twice);
    expect(r.outOfOrderUsers).toBe(0);
    // The only duplicates allowed: replies Zalo had accepted before the kill, re-sent after it (at least once),
    // at most one per send slot of the killed instance.
    expect(r.twiceUnexplained).toBe(0);
    expect(r.twice).toBeLessThanOrEqual(16);
    expect(r.startRefreshes).toBe(1);
    expect(r.refreshes).toBe(1);
  });
});
