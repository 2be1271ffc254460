/**
 * `npm run zalo:bot-webhook`: registers the service's Bot webhook with Zalo (setWebhook with the secret
 * token Zalo will send back in X-Bot-Api-Secret-Token), then reads it back with getWebhookInfo. Run it once
 * after the public URL works, and again whenever the URL or ZALO_BOT_SECRET_TOKEN changes.
 */
import axios, { type AxiosInstance } from 'axios';
import { ZaloBotClient } from './bot-client.ts';
import type { ZaloBotConfig } from './config.ts';
import { BotError } from './errors.ts';

export async function registerBotWebhook(
  bot: ZaloBotConfig,
  webhookUrl: string | null,
  http: AxiosInstance = axios.create(),
): Promise<Record<string, unknown>> {
  if (bot.mode !== 'webhook' || !bot.secretToken)
    throw new BotError('E_CONFIG', 'ZALO_BOT_MODE must be webhook, with ZALO_BOT_SECRET_TOKEN set');
  if (!webhookUrl || !webhookUrl.startsWith('https://')) {
    throw new BotError(
      'E_CONFIG',
      'set ZALO_BOT_WEBHOOK_URL to the public https:// address of /webhooks/zalo-bot (Zalo accepts https only)',
    );
  }
  const client = new ZaloBotClient(bot, http, 15_000);
  await client.call('setWebhook', { url: webhookUrl, secret_token: bot.secretToken });
  const info = await client.call<Record<string, unknown>>('getWebhookInfo', {});
  return info && typeof info === 'object' ? info : {};
}
