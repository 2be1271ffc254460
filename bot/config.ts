/**
 * The bot's configuration: the only module of the service that reads the environment (main.ts passes
 * process.env in). Every problem is reported at once; the result is deep-frozen. A channel whose settings
 * are all absent is off; a channel with only some of them is an error naming the missing ones.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { BotError } from './errors.ts';

const str = z.string().trim().min(1);
const int = (min: number) => z.coerce.number().int().min(min);
const url = z
  .string()
  .trim()
  .url()
  .transform((u) => u.replace(/\/+$/, ''));
// `true` would believe any client's X-Forwarded-For, so a rotating header would dodge every per-address limit.
const proxyList = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === 'false' || v === '') return false as const;
    const list = v
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const bad = list.filter((a) => {
      const [ip, bits, extra] = a.split('/');
      return extra !== undefined || isIP(ip ?? '') === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits));
    });
    if (v === 'true' || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `list the proxy addresses or CIDRs instead of ${v === 'true' ? '"true"' : bad.join(', ')} (e.g. 127.0.0.1,10.0.0.0/8)`,
      });
    }
    return list;
  });

/** One setting: its schema, default (as written in .env.example) and what it is for. */
interface Setting {
  schema: z.ZodType;
  default?: string;
  doc: string;
}

/** Every environment variable the service reads, in .env.example order. */
export const SETTINGS = {
  PORT: { schema: int(0).max(65535), default: '3000', doc: 'HTTP port' },
  HOST: { schema: str, default: '0.0.0.0', doc: 'interface to listen on' },
  DATA_DIR: { schema: str, default: './data', doc: 'where the bot database (inbox, outbox, tokens) lives' },
  DATABASE_URL: {
    schema: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
    doc: 'PostgreSQL for inbox, outbox, tokens, conversations and index versions shared by several instances (SQLite in DATA_DIR when unset)',
  },
  INSTANCE_ID: {
    schema: z.string().trim().min(1).max(100),
    doc: "this instance's name in database claims; keep it stable across restarts so a restarted instance takes its claims back at once (default host:port)",
  },
  RETENTION_DAYS: {
    schema: int(1),
    default: '90',
    doc: 'inbox, outbox, conversations, question log and feedback older than this are deleted (hourly job; Nghị định 13/2023)',
  },
  UPLOAD_MAX_PDF_PAGES: {
    schema: int(1),
    default: '500',
    doc: 'a PDF uploaded in the console with more pages is refused (413/422 E_PDF_TOO_MANY_PAGES) before its text is read',
  },
  INDEX_DIR: { schema: str, default: 'knowledge/index', doc: 'built search index (made by npm run ingest)' },
  SOURCES_DIR: { schema: str, default: 'knowledge/sources', doc: 'documents the index is built from' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']),
    default: 'info',
    doc: 'pino log level',
  },
  ZALO_OA_APP_ID: { schema: str, doc: 'Zalo OA channel: app id (developers.zalo.me)' },
  ZALO_OA_SECRET_KEY: { schema: str, doc: 'Zalo OA channel: OA secret key, signs webhooks (not the app secret)' },
  ZALO_APP_SECRET: { schema: str, doc: 'Zalo OA channel: app secret, sent as secret_key when refreshing tokens' },
  ZALO_OA_ACCESS_TOKEN: {
    schema: str,
    doc: 'Zalo OA channel: first access token, if not stored by npm run zalo:oa-auth (later ones are kept in DATA_DIR)',
  },
  ZALO_OA_REFRESH_TOKEN: {
    schema: str,
    doc: 'Zalo OA channel: first refresh token, with ZALO_OA_ACCESS_TOKEN (single-use; rotated into DATA_DIR)',
  },
  ZALO_OA_REDIRECT_URI: {
    schema: url,
    default: 'http://127.0.0.1:8976/zalo/oauth-callback',
    doc: 'npm run zalo:oa-auth: callback URL registered for the app (the CLI listens on its port)',
  },
  ZALO_OA_API_BASE: { schema: url, default: 'https://openapi.zalo.me', doc: 'Zalo OA API base URL' },
  ZALO_OAUTH_BASE: { schema: url, default: 'https://oauth.zaloapp.com', doc: 'Zalo OAuth base URL' },
  ZALO_OA_VERIFY: {
    schema: z.enum(['strict', 'log-only']),
    default: 'strict',
    doc: 'webhook signature check: strict | log-only (onboarding only: logs the save check and test events, answers nothing)',
  },
  ZALO_OA_LOG_ONLY_HOURS: {
    schema: int(1).max(168),
    default: '24',
    doc: 'log-only mode ends this many hours after start (then events are checked strictly)',
  },
  ZALO_OA_TIMESTAMP_WINDOW_MS: {
    schema: int(1000),
    default: '7200000',
    doc: 'oldest signed OA event accepted, ms (Zalo re-sends for about an hour; shorter refuses its retries); at most 5 min into the future',
  },
  ZALO_OA_REFRESH_WARN_DAYS: {
    schema: int(1).max(89),
    default: '14',
    doc: 'report the OA refresh token (3-month life) in /readyz and /metrics when fewer days are left',
  },
  ZALO_BOT_TOKEN: { schema: str, doc: 'Zalo Bot Platform channel: bot token from Zalo Bot Creator' },
  ZALO_BOT_SECRET_TOKEN: {
    schema: z.string().trim().min(8).max(256),
    doc: 'Zalo Bot Platform channel: webhook secret_token (8-256 chars; webhook mode)',
  },
  ZALO_BOT_API_BASE: {
    schema: url,
    default: 'https://bot-api.zaloplatforms.com',
    doc: 'Zalo Bot Platform API base URL',
  },
  ZALO_BOT_WEBHOOK_URL: {
    schema: url,
    doc: 'npm run zalo:bot-webhook: public https:// address of /webhooks/zalo-bot registered with setWebhook',
  },
  ZALO_BOT_MODE: {
    schema: z.enum(['webhook', 'polling']),
    default: 'webhook',
    doc: 'webhook | polling (getUpdates, for development without a public URL)',
  },
  LLM_BASE_URL: {
    schema: url,
    doc: 'optional OpenAI-compatible endpoint that writes answers (extractive when absent)',
  },
  LLM_MODEL: { schema: str, doc: 'model name at LLM_BASE_URL' },
  LLM_API_KEY: { schema: str, doc: 'API key for LLM_BASE_URL, if it needs one' },
  LLM_TIMEOUT_MS: {
    schema: int(100),
    doc: 'ms before falling back to the extractive answer (answer/ default when unset)',
  },
  EMBEDDINGS_PROVIDER: {
    schema: z.enum(['hashed', 'openai', 'ollama']),
    default: 'hashed',
    doc: 'embedder used when the index must be (re)built',
  },
  EMBEDDINGS_BASE_URL: { schema: url, doc: 'embedder endpoint (openai / ollama)' },
  EMBEDDINGS_MODEL: { schema: str, doc: 'embedder model name' },
  EMBEDDINGS_API_KEY: { schema: str, doc: 'embedder API key' },
  EMBEDDINGS_DIMENSIONS: { schema: int(1).max(8192), doc: 'vector length (hashed default 256)' },
  EMBEDDINGS_TIMEOUT_MS: { schema: int(100), doc: 'embedder request timeout, ms' },
  USER_RATE_LIMIT_PER_MIN: {
    schema: int(1),
    default: '10',
    doc: 'messages one user may send per minute before a polite "slow down"',
  },
  WEBHOOK_RATE_LIMIT_PER_MIN: {
    schema: int(1),
    default: '30000',
    doc: 'webhook requests per minute per client IP (Zalo sends everything from few IPs, so keep it well above peak traffic)',
  },
  API_RATE_LIMIT_PER_MIN: { schema: int(1), default: '120', doc: '/api/ask requests per minute per client IP' },
  ANSWER_CONCURRENCY: { schema: int(1).max(64), default: '4', doc: 'users answered at the same time' },
  SEND_CONCURRENCY: { schema: int(1).max(64), default: '8', doc: 'recipients sent to at the same time' },
  SEND_TIMEOUT_MS: { schema: int(100), default: '10000', doc: 'timeout of one Zalo API call, ms' },
  OUTBOX_MAX_AGE_MS: {
    schema: int(1000),
    default: '43200000',
    doc: 'a reply not delivered after this long is given up, ms',
  },
  CONVERSATION_IDLE_MS: {
    schema: int(1000),
    default: '1800000',
    doc: 'conversation context expires after this idle time, ms',
  },
  DB_SYNCHRONOUS: {
    schema: z.enum(['FULL', 'FSYNC_ACK', 'NORMAL']),
    default: 'FULL',
    doc: 'FULL: SQLite fsyncs every (group) commit; FSYNC_ACK: webhook acks wait for an fsync of the log run off the event loop; NORMAL: no fsync (survives a killed process, not a power cut)',
  },
  ADMIN_TOKEN: {
    schema: z.string().trim().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 24)'),
    doc: 'content console /admin token (console off when unset)',
  },
  TRUST_PROXY: {
    schema: proxyList,
    default: 'false',
    doc: 'reverse proxies whose X-Forwarded-For/-Proto are believed: false, or a comma list of addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8)',
  },
  REDIS_URL: {
    schema: url,
    doc: 'Redis shared by every instance for the HTTP rate limits (memory, per instance, when unset)',
  },
  COOKIE_SECURE: {
    schema: z.enum(['auto', 'always']),
    default: 'auto',
    doc: 'console cookie Secure flag: auto (when the request came over https, directly or via TRUST_PROXY) | always',
  },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

const OA_TOKEN_KEYS = ['ZALO_OA_ACCESS_TOKEN', 'ZALO_OA_REFRESH_TOKEN'] as const;
const LLM_KEYS = ['LLM_BASE_URL', 'LLM_MODEL'] as const;

/** Settings of the Zalo OA channel (present only when the channel is on). */
export interface OaConfig {
  /** secretKey is null only in log-only mode (Zalo shows it after the webhook URL is saved). */
  appId: string;
  secretKey: string | null;
  appSecret: string;
  /** Null when the pair comes from DATA_DIR (stored by npm run zalo:oa-auth or a previous rotation). */
  accessToken: string | null;
  refreshToken: string | null;
  apiBase: string;
  oauthBase: string;
  redirectUri: string;
  verify: 'strict' | 'log-only';
  logOnlyMs: number;
  timestampWindowMs: number;
  refreshWarnMs: number;
}
/** Settings of the Zalo Bot Platform channel (present only when the channel is on). */
export interface ZaloBotConfig {
  token: string;
  secretToken: string | null;
  apiBase: string;
  mode: 'webhook' | 'polling';
}

/** The validated, frozen configuration. */
export interface BotConfig {
  port: number;
  host: string;
  dataDir: string;
  indexDir: string;
  sourcesDir: string;
  databaseUrl: string | null;
  instanceId: string | null;
  retentionDays: number;
  /** UPLOAD_MAX_PDF_PAGES: page cap of a PDF uploaded in the console. */
  uploadMaxPdfPages: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Proxies trusted for X-Forwarded-*: false, or their addresses/CIDRs (never "everyone": that lets clients pick their IP). */
  trustProxy: string[] | false;
  /** REDIS_URL: shared rate-limit counters; null keeps them in memory. */
  redisUrl: string | null;
  cookieSecure: 'auto' | 'always';
  oa: OaConfig | null;
  zaloBot: ZaloBotConfig | null;
  llm: { baseUrl: string; model: string; apiKey?: string; timeoutMs?: number } | null;
  embeddings: {
    provider: 'hashed' | 'openai' | 'ollama';
    baseUrl?: string;
    model?: string;
    apiKey?: string;
    dimensions?: number;
    timeoutMs?: number;
  };
  limits: { userPerMinute: number; webhookPerMinutePerIp: number; apiPerMinutePerIp: number };
  worker: {
    answerConcurrency: number;
    sendConcurrency: number;
    sendTimeoutMs: number;
    outboxMaxAgeMs: number;
    conversationIdleMs: number;
  };
  dbSynchronous: 'FSYNC_ACK' | 'FULL' | 'NORMAL';
  /** Token of the content console (/admin); null = console off. */
  adminToken: string | null;
  /** Public address of /webhooks/zalo-bot, for npm run zalo:bot-webhook (null when unset). */
  botWebhookUrl: string | null;
}

type Values = Partial<Record<SettingName, unknown>>;

/**
 * Validates an environment (usually process.env) into a frozen BotConfig.
 * @throws BotError E_CONFIG listing every problem, one per line.
 */
export function loadConfig(env: Record<string, string | undefined>): BotConfig {
  const problems: string[] = [];
  const v: Values = {};
  for (const [name, setting] of Object.entries(SETTINGS) as Array<[SettingName, Setting]>) {
    const raw = env[name]?.trim() ? env[name] : setting.default;
    if (raw === undefined) continue;
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) v[name] = parsed.data;
    else problems.push(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  problems.push(...unknownZaloKeys(env), ...oaProblems(env, v), ...partialGroup('LLM', LLM_KEYS, env));
  const bot = botChannel(v, env, problems);
  if (problems.length > 0) {
    throw new BotError('E_CONFIG', `invalid configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example.`);
  }
  return deepFreeze(assemble(v, bot));
}

function isSet(env: Record<string, string | undefined>, key: string): boolean {
  return Boolean(env[key]?.trim());
}

function partialGroup(label: string, keys: readonly string[], env: Record<string, string | undefined>): string[] {
  const missing = keys.filter((k) => !isSet(env, k));
  if (missing.length === 0 || missing.length === keys.length) return [];
  return [`${label} is partly configured; also set ${missing.join(', ')} (or unset the others to turn it off)`];
}

/**
 * The OA channel is on once ZALO_OA_APP_ID is set, so the webhook route exists while onboarding (Zalo shows
 * the OA secret key only after a webhook URL is saved; tokens come from npm run zalo:oa-auth).
 */
function oaProblems(env: Record<string, string | undefined>, v: Values): string[] {
  const others = ['ZALO_OA_SECRET_KEY', 'ZALO_APP_SECRET', ...OA_TOKEN_KEYS].filter((k) => isSet(env, k));
  if (!isSet(env, 'ZALO_OA_APP_ID'))
    return others.length
      ? [`Zalo OA is partly configured; also set ZALO_OA_APP_ID (or unset ${others.join(', ')})`]
      : [];
  const problems = partialGroup('Zalo OA token pair', OA_TOKEN_KEYS, env);
  if (!isSet(env, 'ZALO_APP_SECRET'))
    problems.push('Zalo OA needs ZALO_APP_SECRET (the app secret, for token refresh)');
  if (!isSet(env, 'ZALO_OA_SECRET_KEY') && v.ZALO_OA_VERIFY !== 'log-only') {
    problems.push(
      'Zalo OA needs ZALO_OA_SECRET_KEY to check webhooks (while onboarding, before Zalo shows it, set ZALO_OA_VERIFY=log-only)',
    );
  }
  return problems;
}

function unknownZaloKeys(env: Record<string, string | undefined>): string[] {
  // A typo in a Zalo setting would silently turn a channel off; better to say so.
  return Object.keys(env)
    .filter((k) => k.startsWith('ZALO_') && !(k in SETTINGS))
    .map((k) => `${k} is not a known setting (typo?)`);
}

function botChannel(v: Values, env: Record<string, string | undefined>, problems: string[]): ZaloBotConfig | null {
  if (!isSet(env, 'ZALO_BOT_TOKEN')) {
    if (isSet(env, 'ZALO_BOT_SECRET_TOKEN')) problems.push('Zalo Bot is partly configured; also set ZALO_BOT_TOKEN');
    return null;
  }
  const mode = v.ZALO_BOT_MODE as 'webhook' | 'polling';
  if (mode === 'webhook' && !isSet(env, 'ZALO_BOT_SECRET_TOKEN')) {
    problems.push('Zalo Bot in webhook mode needs ZALO_BOT_SECRET_TOKEN (or set ZALO_BOT_MODE=polling)');
    return null;
  }
  return {
    token: v.ZALO_BOT_TOKEN as string,
    secretToken: (v.ZALO_BOT_SECRET_TOKEN as string | undefined) ?? null,
    apiBase: v.ZALO_BOT_API_BASE as string,
    mode,
  };
}

function assemble(v: Values, zaloBot: ZaloBotConfig | null): BotConfig {
  const s = (k: SettingName) => v[k] as string;
  const n = (k: SettingName) => v[k] as number;
  const oa: OaConfig | null =
    v.ZALO_OA_APP_ID === undefined
      ? null
      : {
          appId: s('ZALO_OA_APP_ID'),
          secretKey: (v.ZALO_OA_SECRET_KEY as string | undefined) ?? null,
          appSecret: s('ZALO_APP_SECRET'),
          accessToken: (v.ZALO_OA_ACCESS_TOKEN as string | undefined) ?? null,
          refreshToken: (v.ZALO_OA_REFRESH_TOKEN as string | undefined) ?? null,
          apiBase: s('ZALO_OA_API_BASE'),
          oauthBase: s('ZALO_OAUTH_BASE'),
          redirectUri: s('ZALO_OA_REDIRECT_URI'),
          verify: v.ZALO_OA_VERIFY as OaConfig['verify'],
          logOnlyMs: n('ZALO_OA_LOG_ONLY_HOURS') * 3600_000,
          timestampWindowMs: n('ZALO_OA_TIMESTAMP_WINDOW_MS'),
          refreshWarnMs: n('ZALO_OA_REFRESH_WARN_DAYS') * 24 * 3600_000,
        };
  const llm =
    v.LLM_BASE_URL === undefined
      ? null
      : {
          baseUrl: s('LLM_BASE_URL'),
          model: s('LLM_MODEL'),
          ...(v.LLM_API_KEY ? { apiKey: s('LLM_API_KEY') } : {}),
          ...(v.LLM_TIMEOUT_MS ? { timeoutMs: n('LLM_TIMEOUT_MS') } : {}),
        };
  const embeddings = {
    provider: v.EMBEDDINGS_PROVIDER as BotConfig['embeddings']['provider'],
    ...(v.EMBEDDINGS_BASE_URL ? { baseUrl: s('EMBEDDINGS_BASE_URL') } : {}),
    ...(v.EMBEDDINGS_MODEL ? { model: s('EMBEDDINGS_MODEL') } : {}),
    ...(v.EMBEDDINGS_API_KEY ? { apiKey: s('EMBEDDINGS_API_KEY') } : {}),
    ...(v.EMBEDDINGS_DIMENSIONS ? { dimensions: n('EMBEDDINGS_DIMENSIONS') } : {}),
    ...(v.EMBEDDINGS_TIMEOUT_MS ? { timeoutMs: n('EMBEDDINGS_TIMEOUT_MS') } : {}),
  };
  return {
    port: n('PORT'),
    host: s('HOST'),
    dataDir: s('DATA_DIR'),
    indexDir: s('INDEX_DIR'),
    sourcesDir: s('SOURCES_DIR'),
    databaseUrl: (v.DATABASE_URL as string | undefined) ?? null,
    instanceId: (v.INSTANCE_ID as string | undefined) ?? null,
    retentionDays: n('RETENTION_DAYS'),
    uploadMaxPdfPages: n('UPLOAD_MAX_PDF_PAGES'),
    logLevel: v.LOG_LEVEL as BotConfig['logLevel'],
    trustProxy: v.TRUST_PROXY as string[] | false,
    redisUrl: (v.REDIS_URL as string | undefined) ?? null,
    cookieSecure: v.COOKIE_SECURE as BotConfig['cookieSecure'],
    oa,
    zaloBot,
    llm,
    embeddings,
    limits: {
      userPerMinute: n('USER_RATE_LIMIT_PER_MIN'),
      webhookPerMinutePerIp: n('WEBHOOK_RATE_LIMIT_PER_MIN'),
      apiPerMinutePerIp: n('API_RATE_LIMIT_PER_MIN'),
    },
    worker: {
      answerConcurrency: n('ANSWER_CONCURRENCY'),
      sendConcurrency: n('SEND_CONCURRENCY'),
      sendTimeoutMs: n('SEND_TIMEOUT_MS'),
      outboxMaxAgeMs: n('OUTBOX_MAX_AGE_MS'),
      conversationIdleMs: n('CONVERSATION_IDLE_MS'),
    },
    dbSynchronous: v.DB_SYNCHRONOUS as BotConfig['dbSynchronous'],
    adminToken: (v.ADMIN_TOKEN as string | undefined) ?? null,
    botWebhookUrl: (v.ZALO_BOT_WEBHOOK_URL as string | undefined) ?? null,
  };
}

/** Which channels are on, for the start-up log (never includes secrets). */
export function channelSummary(config: BotConfig): string {
  const oa = config.oa ? `Zalo OA on (verify=${config.oa.verify})` : 'Zalo OA off';
  const bot = config.zaloBot ? `Zalo Bot on (${config.zaloBot.mode})` : 'Zalo Bot off';
  const admin = config.adminToken ? 'content console on (/admin)' : 'content console off';
  return `${oa}; ${bot}; HTTP API and web chat on; ${admin}; answers ${config.llm ? 'generative (LLM)' : 'extractive'}`;
}

/** The text of .env.example, generated from SETTINGS (a test keeps the committed file equal to it). */
export function envExample(): string {
  const lines = ['# hoidap bot settings (generated from bot/config.ts; `npm start` reads the environment).', ''];
  for (const [name, setting] of Object.entries(SETTINGS) as Array<[string, Setting]>) {
    lines.push(`# ${setting.doc}`, `${setting.default === undefined ? '# ' : ''}${name}=${setting.default ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function deepFreeze<T>(obj: T): T {
  if (obj && typeof obj === 'object') {
    for (const value of Object.values(obj)) deepFreeze(value);
    Object.freeze(obj);
  }
  return obj;
}
