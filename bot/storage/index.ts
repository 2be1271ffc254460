/**
 * Bot storage: one async contract (types.ts), two engines. SQLite in DATA_DIR is the embedded default for one
 * machine; DATABASE_URL=postgres://… selects PostgreSQL, which several instances share.
 */
import { PostgresStorage, type PostgresOptions } from './postgres.ts';
import { SqliteStorage } from './sqlite.ts';
import type { BotStorage, Synchronous } from './types.ts';

export type * from './types.ts';
export { SqliteStorage, createPrivateFile, migrateSqlite } from './sqlite.ts';
export { PostgresStorage, migratePostgres, isConnectionError } from './postgres.ts';
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
