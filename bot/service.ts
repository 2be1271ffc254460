/**
 * Starting and stopping the service as a program: listen, then on SIGTERM/SIGINT stop accepting requests,
 * let the worker finish the item in hand (queued work stays in the inbox for the next start), close the
 * database. Shared by main.ts and the test entry that the crash tests kill.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type BotDeps } from './app.ts';
import type { BotConfig } from './config.ts';
import type { AnswerLike } from './worker.ts';

/** Builds, listens and installs signal handlers; resolves once listening. */
export async function startService<R extends AnswerLike>(
  config: BotConfig,
  deps: BotDeps<R>,
): Promise<FastifyInstance> {
  const app = await buildApp(config, deps);
  await app.listen({ port: config.port, host: config.host });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new requests, finishing the current item');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ code: (err as { code?: string }).code }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return app;
}
