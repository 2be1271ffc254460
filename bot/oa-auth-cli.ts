/** npm run zalo:oa-auth — see oa-auth.ts and bot/README.md "Connect a real OA". */
import { loadConfig } from './config.ts';
import { isBotError } from './errors.ts';
import { runOaAuth } from './oa-auth.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.oa) throw new Error('set ZALO_OA_APP_ID and ZALO_APP_SECRET first (bot/README.md "Connect a real OA")');
  const result = await runOaAuth({
    oa: config.oa,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    show: (url) =>
      console.log(
        `Open this address as an admin of the OA and allow access:\n\n  ${url}\n\nWaiting for Zalo to redirect to ${config.oa!.redirectUri} …`,
      ),
  });
  console.log(
    `Token pair stored in ${config.dataDir} (OA ${result.oaId ?? 'unknown'}; access token valid until ${new Date(result.expiresAt).toISOString()}). Restart the service.`,
  );
}

main().catch((err: unknown) => {
  console.error(isBotError(err) ? err.message : (err as Error).message);
  process.exit(1);
});
