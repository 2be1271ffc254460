/**
 * Versioned SQL migrations: `migrations/<engine>/NNN_name.sql`, applied in order, each once, recorded in
 * `schema_migrations`. Run at start by both engines and by `npm run db:migrate`. On PostgreSQL the run holds
 * an advisory lock, so instances starting together do not apply the same file twice.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const DIR = path.join(import.meta.dirname, 'migrations');

/** The migration files of one engine, oldest first. */
export function migrationsFor(engine: 'sqlite' | 'postgres'): Migration[] {
  const dir = path.join(DIR, engine);
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
}

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;

/** Arbitrary fixed key of the advisory lock taken while migrating. */
export const MIGRATION_LOCK_KEY = 7_124_001;
