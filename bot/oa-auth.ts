/**
 * `npm run zalo:oa-auth`: gets the first OA token pair with Zalo's OAuth v4 authorization-code flow with PKCE
 * (developers.zalo.me, "Official Account API → xác thực và ủy quyền"; notes §1.8): print the permission URL
 * with a code_challenge (S256) and a random state, receive `code` on a local callback route, exchange it at
 * /v4/oa/access_token with the code_verifier (header secret_key = app secret), and store the pair in
 * DATA_DIR where the service reads it. Nothing secret is printed.
 */
import axios, { type AxiosInstance } from 'axios';
import crypto from 'node:crypto';
import http from 'node:http';
import type { OaConfig } from './config.ts';
import { BotError } from './errors.ts';
import { readTokenResponse, TOKEN_ROW } from './oa-tokens.ts';
import { openStorage } from './storage/index.ts';
import { unreachable } from './zalo-http.ts';

const base64url = (b: Buffer): string =>
  b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A PKCE pair: the verifier kept here, the S256 challenge sent in the URL. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = base64url(crypto.randomBytes(32));
  return { verifier, challenge: base64url(crypto.createHash('sha256').update(verifier).digest()) };
}

export interface OaAuthOptions {
  oa: OaConfig;
  dataDir: string;
  /** PostgreSQL (DATABASE_URL) when the service runs on it; the SQLite file in dataDir otherwise. */
  databaseUrl?: string | null;
  /** Shows the permission URL to the operator (the CLI prints it). */
  show: (url: string) => void;
  http?: AxiosInstance;
  now?: () => number;
  /** Give up waiting for the callback after this long (default 10 min). */
  waitMs?: number;
}

export interface OaAuthResult {
  oaId: string | null;
  expiresAt: number;
}

/** Runs the whole flow; resolves once the pair is stored. */
export async function runOaAuth(o: OaAuthOptions): Promise<OaAuthResult> {
  const now = o.now ?? Date.now;
  const { verifier, challenge } = pkcePair();
  const state = base64url(crypto.randomBytes(16));
  const callback = new URL(o.oa.redirectUri);
  const permission = new URL(`${o.oa.oauthBase}/v4/oa/permission`);
  permission.search = new URLSearchParams({
    app_id: o.oa.appId,
    redirect_uri: o.oa.redirectUri,
    code_challenge: challenge,
    state,
  }).toString();
  const { code, oaId } = await receiveCode(callback, state, () => o.show(permission.toString()), o.waitMs ?? 600_000);
  const client = o.http ?? axios.create();
  const form = new URLSearchParams({
    code,
    app_id: o.oa.appId,
    grant_type: 'authorization_code',
    code_verifier: verifier,
  });
  let body: Record<string, unknown>;
  try {
    const res = await client.post(`${o.oa.oauthBase}/v4/oa/access_token`, form.toString(), {
      headers: { secret_key: o.oa.appSecret, 'Content-Type': 'application/x-www-form-urlencoded' },
      timeout: 15_000,
      validateStatus: () => true,
    });
    body = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>;
  } catch (err) {
    throw unreachable(err, 'OA code exchange', code, o.oa.appSecret);
  }
  const pair = readTokenResponse(body);
  if (!pair) {
    throw new BotError(
      'E_ZALO_REFUSED',
      `Zalo refused the authorization code (error ${String(body.error ?? 'none')}); run npm run zalo:oa-auth again`,
      {
        zaloCode: Number.isFinite(Number(body.error)) ? Number(body.error) : null,
      },
    );
  }
  const expiresAt = now() + pair.expiresIn * 1000;
  const store = await openStorage({ dataDir: o.dataDir, databaseUrl: o.databaseUrl ?? null });
  try {
    // seededRefresh = the environment's refresh token (if any), so a stale one there does not override this pair.
    await store.putTokens(
      TOKEN_ROW,
      {
        accessToken: pair.accessToken,
        refreshToken: pair.refreshToken,
        expiresAt,
        seededRefresh: o.oa.refreshToken ?? '',
      },
      now(),
    );
  } finally {
    await store.close();
  }
  return { oaId, expiresAt };
}

/** Listens on the callback URL's port until Zalo redirects the operator's browser there with `code`. */
function receiveCode(
  callback: URL,
  state: string,
  ready: () => void,
  waitMs: number,
): Promise<{ code: string; oaId: string | null }> {
  return new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', callback);
      if (url.pathname !== callback.pathname) {
        res.writeHead(404).end();
        return;
      }
      const code = url.searchParams.get('code');
      if (url.searchParams.get('state') !== state || !code) {
        res
          .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Sai state hoặc thiếu code; hãy chạy lại npm run zalo:oa-auth.');
        return;
      }
      res
        .writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Đã nhận mã ủy quyền. Có thể đóng trang này.');
      finish(() => resolve({ code, oaId: url.searchParams.get('oa_id') }));
    });
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new BotError(
              'E_CONFIG',
              'no authorization arrived at the callback in time; run npm run zalo:oa-auth again',
            ),
          ),
        ),
      waitMs,
    );
    const finish = (then: () => void) => {
      clearTimeout(timer);
      server.close();
      server.closeAllConnections();
      then();
    };
    server.on('error', (err) =>
      finish(() =>
        reject(new BotError('E_CONFIG', `cannot listen on ${callback.host} for the callback: ${err.message}`)),
      ),
    );
    server.listen(Number(callback.port || 80), callback.hostname, ready);
  });
}
