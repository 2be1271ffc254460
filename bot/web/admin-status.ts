/**
 * GET /admin/api/status: what the content team must act on, in one call — the Zalo OA token status (access
 * token expiry, the refresh token's 3-month end, re-authorization needed; the same data /readyz reports) and
 * the last re-index report of each document (procedures and parts recognised, files read as passages, OCR).
 */
import type { FastifyInstance } from 'fastify';
import type { AdminPluginOptions } from './admin-options.ts';

/** What /readyz reads from the OA token keeper (bot/oa-tokens.ts), seen structurally: web/ does not import bot/. */
interface OaStatusSource {
  status(): {
    authorized: boolean;
    accessTokenExpiresAt: number | null;
    refreshTokenExpiresAt: number | null;
    refreshTokenNearEnd: boolean;
    problem: string | null;
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The OA token keeper buildApp decorated the app with; null when the OA channel is off or in a bare test app. */
function oaTokensOf(app: FastifyInstance): OaStatusSource | null {
  const hoidap = (app as unknown as { hoidap?: { oaTokens?: OaStatusSource | null } }).hoidap;
  return hoidap?.oaTokens ?? null;
}

export async function statusRoutes(app: FastifyInstance, o: AdminPluginOptions): Promise<void> {
  app.get(
    '/api/status',
    { schema: { summary: 'Zalo OA token status and the last re-index report of each document' } },
    async () => {
      const tokens = oaTokensOf(app);
      const s = tokens?.status() ?? null;
      return {
        oa: s && {
          authorized: s.authorized,
          accessTokenExpiresAt: iso(s.accessTokenExpiresAt),
          refreshTokenExpiresAt: iso(s.refreshTokenExpiresAt),
          refreshTokenNearEnd: s.refreshTokenNearEnd,
          problem: s.problem,
          reauthorize: s.problem !== null,
        },
        reindex: o.reindexer.status(),
        documents: o.reindexer.documentReports(),
      };
    },
  );
}
