/**
 * A stand-in for the Zalo APIs on loopback, speaking the request and error shapes the real ones use
 * (notes §1.5–1.8, §2): OA `POST /v3.0/oa/message/cs` (errors in a 200 body), OAuth `POST /v4/oa/access_token`
 * (single-use refresh tokens), Bot Platform `POST /bot<TOKEN>/<method>` ({ok, result | error_code}).
 * Tests script failures, stop and restart it on the same port, and count what was delivered.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted answer for the next OA send: a Zalo error number, an HTTP status, or no answer at all. */
export type Scripted = { error: number } | { status: number } | 'hang';

export interface Delivery {
  channel: 'oa' | 'bot';
  to: string;
  text: string;
  quote: string | null;
  accessToken?: string;
  at?: number;
}

export class ZaloStandIn {
  readonly oaDeliveries: Delivery[] = [];
  readonly botDeliveries: Delivery[] = [];
  readonly chatActions: Array<{ chat_id: string; action: string }> = [];
  readonly refreshes: Array<{ refreshToken: string; secretKey: string | undefined; appId: string | null }> = [];
  readonly script: Scripted[] = [];
  /** OA users every send to whom fails with a retryable error (-32), for fairness tests. */
  readonly failingUsers = new Set<string>();
  readonly botUpdates: Array<Record<string, unknown>> = [];
  deleteWebhookCalls = 0;
  /** The Bot webhook as registered by setWebhook (the secret is kept to check what the service was given). */
  botWebhook: { url: string; secret_token: string } | null = null;
  /** Authorization codes handed out by the permission page, with the PKCE challenge they were issued for. */
  private readonly authCodes = new Map<string, string>();
  /** What a send with a stale access token gets: −216 "invalid" or −220 "expired or removed". */
  tokenErrorCode = -216;
  accessToken: string;
  refreshToken: string;
  private generation = 0;
  private server: http.Server | null = null;
  private readonly hanging = new Set<http.ServerResponse>();
  port = 0;

  constructor(readonly opts: { accessToken: string; refreshToken: string; appSecret: string; botToken: string }) {
    this.accessToken = opts.accessToken;
    this.refreshToken = opts.refreshToken;
  }

  /** Requests held without an answer (scripted 'hang'). */
  get hangingCount(): number {
    return this.hanging.size;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts listening (on the previous port after a stop, so the service can find it again). */
  async start(): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops answering: open connections are cut, so callers see network errors. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '';
    if (url === '/v3.0/oa/message/cs') return this.oaSend(req, res, raw);
    if (url === '/v4/oa/access_token') return this.oauth(req, res, raw);
    if (url.startsWith('/v4/oa/permission?')) return this.permission(res, new URL(url, 'http://x').searchParams);
    const bot = /^\/bot([^/]+)\/(\w+)$/.exec(url);
    if (bot) return this.botCall(res, bot[1]!, bot[2]!, raw);
    json(res, 404, { error: 404, message: 'not found' });
  }

  private oaSend(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const next = this.script.shift();
    if (next === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (next && 'status' in next) return json(res, next.status, { message: 'stand-in failure' });
    if (next) return json(res, 200, { error: next.error, message: `scripted error ${next.error}` });
    const token = req.headers.access_token;
    if (token !== this.accessToken)
      return json(res, 200, {
        error: this.tokenErrorCode,
        message: this.tokenErrorCode === -220 ? 'access_token is expired or removed' : 'Access token is invalid',
      });
    const body = JSON.parse(raw) as {
      recipient: { user_id: string };
      message: { text: string; quote_message_id?: string };
    };
    if (this.failingUsers.has(body.recipient.user_id))
      return json(res, 200, { error: -32, message: 'stand-in: this user keeps failing' });
    this.oaDeliveries.push({
      channel: 'oa',
      to: body.recipient.user_id,
      text: body.message.text,
      quote: body.message.quote_message_id ?? null,
      accessToken: token,
      at: Date.now(),
    });
    json(res, 200, {
      error: 0,
      message: 'Success',
      data: { message_id: `m${this.oaDeliveries.length}`, user_id: body.recipient.user_id },
    });
  }

  /** The OA admin allows access: Zalo redirects the browser to redirect_uri with a code (notes §1.8). */
  private permission(res: http.ServerResponse, q: URLSearchParams): void {
    const code = `code-${this.authCodes.size + 1}`;
    this.authCodes.set(code, q.get('code_challenge') ?? '');
    const to = new URL(q.get('redirect_uri') ?? '');
    to.search = new URLSearchParams({ code, oa_id: '777', state: q.get('state') ?? '' }).toString();
    res.writeHead(302, { Location: to.toString() }).end();
  }

  private exchangeCode(res: http.ServerResponse, form: URLSearchParams): void {
    const challenge = this.authCodes.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const hashed = crypto
      .createHash('sha256')
      .update(verifier)
      .digest('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    if (challenge === undefined || hashed !== challenge)
      return json(res, 200, { error: -14019, error_name: 'Invalid code or code verifier' });
    this.authCodes.delete(form.get('code')!);
    this.generation += 1;
    this.accessToken = `access-${this.generation}`;
    this.refreshToken = `refresh-${this.generation}`;
    json(res, 200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: '90000' });
  }

  private oauth(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const form = new URLSearchParams(raw);
    const secretKey = req.headers.secret_key as string | undefined;
    if (secretKey === this.opts.appSecret && form.get('grant_type') === 'authorization_code')
      return this.exchangeCode(res, form);
    const refreshToken = form.get('refresh_token') ?? '';
    this.refreshes.push({ refreshToken, secretKey, appId: form.get('app_id') });
    if (secretKey !== this.opts.appSecret || form.get('grant_type') !== 'refresh_token') {
      return json(res, 200, { error: -14002, error_name: 'Invalid secret key' });
    }
    // Single-use: the presented refresh token must be the latest one, and is spent now.
    if (refreshToken !== this.refreshToken)
      return json(res, 200, { error: -14014, error_name: 'Invalid refresh token' });
    this.generation += 1;
    this.accessToken = `access-${this.generation}`;
    this.refreshToken = `refresh-${this.generation}`;
    json(res, 200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: '90000' });
  }

  private async botCall(res: http.ServerResponse, token: string, method: string, raw: string): Promise<void> {
    if (token !== this.opts.botToken)
      return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, string>;
    if (method === 'sendChatAction') {
      this.chatActions.push({ chat_id: body.chat_id!, action: body.action! });
      return json(res, 200, { ok: true, result: true });
    }
    if (method === 'sendMessage') {
      const next = this.script.shift();
      if (next === 'hang') {
        this.hanging.add(res);
        return;
      }
      if (next) {
        const code = 'status' in next ? next.status : next.error;
        return json(res, code, { ok: false, error_code: code, description: 'scripted failure' });
      }
      this.botDeliveries.push({ channel: 'bot', to: body.chat_id!, text: body.text!, quote: null });
      return json(res, 200, { ok: true, result: { message_id: `b${this.botDeliveries.length}`, date: Date.now() } });
    }
    if (method === 'deleteWebhook') {
      this.deleteWebhookCalls += 1;
      this.botWebhook = null;
      return json(res, 200, { ok: true, result: true });
    }
    if (method === 'setWebhook') {
      const secret = body.secret_token ?? '';
      if (!body.url?.startsWith('https://') || secret.length < 8 || secret.length > 256)
        return json(res, 400, { ok: false, error_code: 400, description: 'Bad request' });
      this.botWebhook = { url: body.url, secret_token: secret };
      return json(res, 200, { ok: true, result: { url: body.url, updated_at: Date.now() } });
    }
    if (method === 'getWebhookInfo')
      return json(res, 200, {
        ok: true,
        result: this.botWebhook ? { url: this.botWebhook.url, updated_at: Date.now() } : { url: '' },
      });
    if (method === 'getUpdates') {
      const update = this.botUpdates.shift();
      if (update) return json(res, 200, { ok: true, result: update });
      await new Promise((r) => setTimeout(r, 200));
      return json(res, 408, { ok: false, error_code: 408, description: 'Request timeout' });
    }
    json(res, 404, { ok: false, error_code: 404, description: 'Not found' });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
