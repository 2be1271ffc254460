/**
 * Bot storage: one async contract (types.ts), two engines. SQLite in DATA_DIR is the embedded default for one
 * machine; DATABASE_URL=postgres://… selects PostgreSQL, which several instances share.
 *
 * The web store (question log, feedback, curated answers, indexed-at notes) has its contract in bot/runtime/
 * (WebStore: the runtime and the console use it) and its two engines here, next to the bot's, because they
 * share what picks and runs an engine: DATABASE_URL, the pool settings, the migrations and the E_DB codes.
 */
import type { WebStore } from '../runtime/index.ts';
import { PostgresStorage, type PostgresOptions } from './postgres.ts';
import { SqliteStorage } from './sqlite.ts';
import type { BotStorage, Synchronous } from './types.ts';
import { PostgresWebStore } from './web-postgres.ts';
import { SqliteWebStore } from './web-sqlite.ts';

export type * from './types.ts';
export { SqliteStorage, createPrivateFile, migrateSqlite } from './sqlite.ts';
export { PostgresStorage, migratePostgres, isConnectionError } from './postgres.ts';
export { SqliteWebStore } from './web-sqlite.ts';
export { PostgresWebStore } from './web-postgres.ts';
export { RetentionJob, RETENTION_INTERVAL_MS, type Purgeable } from './retention.ts';

export interface StorageSettings {
  dataDir: string;
  databaseUrl: string | null;
  synchronous?: Synchronous;
  onError?: PostgresOptions['onError'];
}

/** Opens the configured engine (migrations applied). */
export async function openStorage(s: StorageSettings): Promise<BotStorage> {
  if (s.databaseUrl) return PostgresStorage.open(s.databaseUrl, { onError: s.onError });
  return SqliteStorage.open(s.dataDir, { synchronous: s.synchronous });
}

/**
 * Opens the configured web store: PostgreSQL (migrations applied) when DATABASE_URL is set, so every instance
 * shares it; else DATA_DIR/web.sqlite (mode 0600).
 */
export async function openWebStore(s: Omit<StorageSettings, 'synchronous'>): Promise<WebStore> {
  if (s.databaseUrl) return PostgresWebStore.open(s.databaseUrl, { onError: s.onError });
  return SqliteWebStore.open(s.dataDir);
}
