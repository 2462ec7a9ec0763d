import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Prisma-format migrations (<dir>/<timestamp>_<name>/migration.sql), as both runners read them: the SQLite
 * one (migrate.ts) and the PostgreSQL one (migrate-postgres.ts). Each provider has its own history.
 */

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export type MigrationFile = { name: string; sql: string; checksum: string };

export type MigrateOptions = {
  /** A `file:` URL or a plain path. */
  databaseUrl: string;
  migrationsDir: string;
};

export type MigrateReport = { applied: string[]; alreadyApplied: string[] };

export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** A bookkeeping row of `_prisma_migrations`, as both runners read it back. */
export type AppliedMigration = { checksum: string; finished_at: string | Date | null };

/**
 * True when the migration was applied before and may be skipped. A half-applied or edited migration stops
 * start-up instead: applying anything on top of it could lose data.
 */
export function isAlreadyApplied(existing: AppliedMigration | undefined, migration: MigrationFile): boolean {
  if (!existing) return false;
  if (existing.finished_at === null) {
    throw new MigrationError(
      `Migration ${migration.name} started earlier but never finished; the database needs manual repair.`,
    );
  }
  if (existing.checksum !== migration.checksum) {
    throw new MigrationError(
      `Migration ${migration.name} was edited after it was applied (checksum mismatch). ` +
        "Restore the original file and put the change in a new migration.",
    );
  }
  return true;
}
