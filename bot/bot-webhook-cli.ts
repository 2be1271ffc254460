/** npm run zalo:bot-webhook — see bot-webhook.ts and bot/README.md "Connect a Zalo Bot". */
import { loadConfig } from './config.ts';
import { isBotError } from './errors.ts';
import { registerBotWebhook } from './bot-webhook.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.zaloBot)
    throw new Error('set ZALO_BOT_TOKEN and ZALO_BOT_SECRET_TOKEN first (bot/README.md "Connect a Zalo Bot")');
  const info = await registerBotWebhook(config.zaloBot, config.botWebhookUrl);
  console.log(`Webhook registered. getWebhookInfo: ${JSON.stringify(info)}`);
}

main().catch((err: unknown) => {
  console.error(isBotError(err) ? err.message : (err as Error).message);
  process.exit(1);
});
