/**
 * Losing PostgreSQL: the service sits behind a TCP relay to the database that the test cuts and restores.
 * While cut, /readyz fails and a webhook is not acknowledged (Zalo re-sends it); once restored the pool
 * reconnects by itself and the re-sent event is answered once.
 */
import type { FastifyInstance } from 'fastify';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { APP_SECRET, BOT_TOKEN, echoAnswer, oaTextEvent, signOa, tempDir, testConfig, waitFor } from './helpers.ts';
import { freshDatabase, type TestDatabase } from './postgres.ts';
import { ZaloStandIn } from './zalo-stand-in.ts';

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    if (this.server) return;
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }
}

describe('PostgreSQL outage', () => {
  let app: FastifyInstance | null = null;
  let zalo: ZaloStandIn;
  let db: TestDatabase;
  let relay: Relay;

  afterEach(async () => {
    await relay.open().catch(() => undefined);
    await app?.close();
    await relay.cut();
    await zalo.stop();
    await db.drop();
  });

  it('fails /readyz and refuses to acknowledge while the database is gone, then recovers without a restart', async () => {
    db = await freshDatabase();
    const url = new URL(db.url);
    relay = new Relay({ host: url.hostname, port: Number(url.port || 5432) });
    await relay.open();
    url.port = String(relay.port);
    zalo = new ZaloStandIn({
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      appSecret: APP_SECRET,
      botToken: BOT_TOKEN,
    });
    await zalo.start();
    app = await buildApp(testConfig(await tempDir(), zalo.url, { DATABASE_URL: url.toString() }), {
      answer: echoAnswer(),
      logStream: false,
    });
    await app.ready();
    expect((await app.inject('/readyz')).json()).toMatchObject({ ready: true, db: true, engine: 'postgres' });

    await relay.cut();
    const down = await app.inject('/readyz');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ ready: false, db: false });
    const { payload, headers } = signOa(oaTextEvent('u-outage', 'mat ket noi', { msgId: 'outage-1' }));
    const refused = await app.inject({ method: 'POST', url: '/webhooks/zalo-oa', headers, payload });
    expect(refused.statusCode).toBe(500);
    expect(refused.json()).toMatchObject({ code: 'E_DB_UNREACHABLE' });

    await relay.open();
    await waitFor(
      async () => (await app!.inject('/readyz')).statusCode === 200,
      'readiness back after the database returns',
    );
    const again = signOa(oaTextEvent('u-outage', 'mat ket noi', { msgId: 'outage-1' }));
    expect(
      (await app.inject({ method: 'POST', url: '/webhooks/zalo-oa', headers: again.headers, payload: again.payload }))
        .statusCode,
    ).toBe(200);
    await waitFor(() => zalo.oaDeliveries.length === 1, 'the re-sent event answered');
    expect((await app.hoidap.store.counts()).inbox).toEqual({ done: 1 });
  });
});
