/**
 * The two Zalo webhooks. Both read the body as raw bytes (the OA signature is computed over them), limit
 * requests per client IP *before* any secret is checked (so guessing is throttled, OpenClaw GHSA-5m9r),
 * store the event durably and only then answer 200.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BotConfig, OaConfig } from './config.ts';
import { hasBotEventName, oaTimestamp, parseBotUpdate, parseOaEvent } from './events.ts';
import type { Intake } from './intake.ts';
import type { BotMetrics } from './metrics.ts';
import { constantTimeEqual, verifyOaSignature } from './oa-signature.ts';
import { parseJsonKeepingBigInts } from './raw-json.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

export interface WebhookDeps {
  config: BotConfig;
  intake: Intake;
  metrics: BotMetrics;
  now: () => number;
}

type Json = Record<string, unknown>;

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, code: 'E_BAD_REQUEST' });
}

/** Registers the raw-body JSON parser for this (encapsulated) scope; the per-IP limit comes from app.ts. */
function webhookScope(app: FastifyInstance, _deps: WebhookDeps): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    req.rawBody = body as Buffer;
    try {
      const parsed: unknown = parseJsonKeepingBigInts((body as Buffer).toString('utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return done(badRequest('body must be a JSON object'), undefined);
      return done(null, parsed);
    } catch {
      return done(badRequest('body is not valid JSON'), undefined);
    }
  });
}

function reject(reply: FastifyReply, metrics: BotMetrics, code: string, reason: string): FastifyReply {
  metrics.rejected.inc({ reason });
  return reply.code(401).send({ code, message: reason });
}

/** Events stamped this far in the future are still accepted (clock skew); further is a forgery or a bad clock. */
const FUTURE_SKEW_MS = 5 * 60_000;

/** Which candidate secret verifies a signature (notes §1.3: sources disagree on OA secret key vs app secret). */
function verifiedWith(
  oa: OaConfig,
  header: string | undefined,
  raw: Buffer,
  timestamp: string,
): 'oa-secret-key' | 'app-secret' | null {
  if (oa.secretKey && verifyOaSignature(header, oa.appId, raw, timestamp, oa.secretKey)) return 'oa-secret-key';
  if (verifyOaSignature(header, oa.appId, raw, timestamp, oa.appSecret)) return 'app-secret';
  return null;
}

/**
 * POST /webhooks/zalo-oa (and GET for Zalo's URL check). Served as soon as ZALO_OA_APP_ID is set, because
 * Zalo checks the URL before it shows the OA secret key. In log-only mode (onboarding, for
 * ZALO_OA_LOG_ONLY_HOURS after start) every event is acknowledged and logged with the candidate secret that
 * would have verified it, and nothing is queued or answered: a forged event cannot make the OA message anyone.
 */
export async function oaWebhook(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  const oa = deps.config.oa;
  if (!oa) return;
  webhookScope(app, deps);
  const logOnlyUntil = oa.verify === 'log-only' ? deps.now() + oa.logOnlyMs : 0;
  app.get('/webhooks/zalo-oa', async () => ({ ok: true }));
  app.post('/webhooks/zalo-oa', async (req: FastifyRequest, reply) => {
    const body = req.body as Json;
    const signature = req.headers['x-zevent-signature'] as string | undefined;
    const timestamp = oaTimestamp(body) ?? '';
    const now = deps.now();
    const raw = req.rawBody ?? Buffer.alloc(0);
    if (now < logOnlyUntil) {
      const secret = verifiedWith(oa, signature, raw, timestamp);
      deps.metrics.rejected.inc({ reason: 'log-only' });
      req.log.warn(
        {
          eventName: typeof body.event_name === 'string' ? body.event_name : null,
          signed: Boolean(signature),
          verifiedWith: secret,
          ageMs: Number.isFinite(Number(timestamp)) && timestamp ? now - Number(timestamp) : null,
        },
        `OA event logged, not answered (ZALO_OA_VERIFY=log-only); ${secret ? `it verifies with the ${secret === 'oa-secret-key' ? 'OA secret key' : 'app secret'}` : 'no candidate secret verifies it'}`,
      );
      return { ok: true, result: 'logged' };
    }
    // Zalo checks a new webhook URL with an unsigned `{}` (notes §1.3, unconfirmed): answer 200, do nothing.
    if (!signature && Object.keys(body).length === 0) return { ok: true };
    if (!oa.secretKey || !verifyOaSignature(signature, oa.appId, raw, timestamp, oa.secretKey)) {
      return reject(
        reply,
        deps.metrics,
        'E_SIGNATURE',
        oa.secretKey ? 'signature mismatch' : 'ZALO_OA_SECRET_KEY is not set (log-only mode has ended)',
      );
    }
    const ts = Number(timestamp);
    // Zalo re-sends an undelivered event for about an hour (notes): the window must be longer than that.
    if (!timestamp || !Number.isFinite(ts) || now - ts > oa.timestampWindowMs || ts - now > FUTURE_SKEW_MS) {
      return reject(reply, deps.metrics, 'E_STALE_EVENT', 'timestamp outside the accepted window');
    }
    const result = await deps.intake(parseOaEvent(body, now), req.log);
    return { ok: true, result };
  });
}

/** POST /webhooks/zalo-bot (webhook mode only; polling mode never registers it). */
export async function botWebhook(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  const bot = deps.config.zaloBot;
  if (!bot || bot.mode !== 'webhook' || !bot.secretToken) return;
  const secret = bot.secretToken;
  webhookScope(app, deps);
  app.post('/webhooks/zalo-bot', async (req, reply) => {
    const given = req.headers['x-bot-api-secret-token'];
    if (typeof given !== 'string' || !constantTimeEqual(given, secret)) {
      return reject(reply, deps.metrics, 'E_SECRET_TOKEN', 'secret token mismatch');
    }
    const body = req.body as Json;
    if (!hasBotEventName(body)) return { ok: true, result: 'ignored' };
    const result = await deps.intake(parseBotUpdate(body, deps.now()), req.log);
    return { ok: true, result };
  });
}
