import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import {
  isAlreadyApplied,
  MigrationError,
  readMigrations,
  type AppliedMigration,
  type MigrateOptions,
  type MigrateReport,
  type MigrationFile,
} from "./migration-files";

export { MigrationError, readMigrations, type MigrateOptions, type MigrateReport, type MigrationFile };

/**
 * Applies Prisma-format migrations (prisma/migrations/<timestamp>_<name>/migration.sql) with better-sqlite3,
 * because Prisma's own `migrate` needs a native engine that cannot be installed offline. It keeps Prisma's
 * `_prisma_migrations` bookkeeping, so the database stays compatible with the Prisma CLI elsewhere.
 */

const BOOKKEEPING_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  TEXT PRIMARY KEY NOT NULL,
  "checksum"            TEXT NOT NULL,
  "finished_at"         DATETIME,
  "migration_name"      TEXT NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      DATETIME,
  "started_at"          DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : databaseUrl;
}

/** Opens the file, switching it to WAL with a busy timeout, creating its folder when needed. */
export function openSqlite(databaseUrl: string): Database.Database {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  return db;
}

export function migrateDatabase({ databaseUrl, migrationsDir }: MigrateOptions): MigrateReport {
  const migrations = readMigrations(migrationsDir);
  const db = openSqlite(databaseUrl);
  try {
    db.exec(BOOKKEEPING_TABLE);
    const report: MigrateReport = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      if (applyOne(db, migration)) report.applied.push(migration.name);
      else report.alreadyApplied.push(migration.name);
    }
    return report;
  } finally {
    db.close();
  }
}

/** Returns true when it applied the migration, false when it had been applied before. */
function applyOne(db: Database.Database, migration: MigrationFile): boolean {
  // foreign_keys cannot change inside a transaction, and a table-rebuild migration would otherwise
  // cascade-delete rows; the explicit foreign_key_check below keeps the guarantee instead.
  db.pragma("foreign_keys = OFF");
  try {
    // IMMEDIATE takes the write lock first, so two processes starting at once cannot both apply it.
    const apply = db.transaction(() => {
      const existing = db
        .prepare<[string], AppliedMigration>(
          `SELECT checksum, finished_at FROM "_prisma_migrations"
           WHERE migration_name = ? AND rolled_back_at IS NULL`,
        )
        .get(migration.name);
      if (isAlreadyApplied(existing, migration)) return false;
      const startedAt = new Date().toISOString();
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const violations = db.pragma("foreign_key_check") as unknown[];
      if (violations.length > 0) {
        throw new MigrationError(
          `Migration ${migration.name} leaves ${violations.length} foreign-key violation(s)`,
        );
      }
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(randomUUID(), migration.checksum, new Date().toISOString(), migration.name, startedAt);
      return true;
    });
    return apply.immediate();
  } finally {
    db.pragma("foreign_keys = ON");
  }
}
