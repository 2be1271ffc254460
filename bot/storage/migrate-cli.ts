/**
 * npm run db:migrate — applies pending migrations to the configured database (DATABASE_URL, else the SQLite
 * file in DATA_DIR) and says which ones ran. The service also migrates at start; running this first lets a
 * deploy fail before any instance is replaced. Exit 0 = schema current, 1 = a migration failed (E_DB_MIGRATION).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { migratePostgres } from './postgres.ts';
import { createPrivateFile, migrateSqlite } from './sqlite.ts';

try {
  const config = loadConfig(process.env);
  let applied: number[];
  let where: string;
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1, connectionTimeoutMillis: 5000 });
    try {
      applied = await migratePostgres(pool);
    } finally {
      await pool.end();
    }
    where = `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`;
  } else {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const file = path.join(config.dataDir, 'bot.sqlite');
    createPrivateFile(file);
    const db = new Database(file);
    try {
      applied = migrateSqlite(db);
    } finally {
      db.close();
    }
    where = file;
  }
  console.log(
    applied.length ? `${where}: applied migrations ${applied.join(', ')}` : `${where}: schema already current`,
  );
} catch (err) {
  console.error(`${(err as { code?: string }).code ?? 'E_DB_MIGRATION'}: ${(err as Error).message}`);
  process.exit(1);
}
