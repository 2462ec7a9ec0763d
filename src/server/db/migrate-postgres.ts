import { randomUUID } from "node:crypto";
import pg from "pg";
import {
  isAlreadyApplied,
  MigrationError,
  readMigrations,
  type AppliedMigration,
  type MigrateOptions,
  type MigrateReport,
  type MigrationFile,
} from "./migration-files";

/**
 * Applies the hosted mode's Prisma-format migrations (prisma/postgres/migrations) with `pg`, keeping Prisma's
 * `_prisma_migrations` bookkeeping as the SQLite runner does. Every web instance and worker migrates at
 * start-up, so they may start together: a session-level advisory lock lets one apply while the others wait,
 * then find nothing left to do.
 */

const BOOKKEEPING_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** An arbitrary constant: the advisory lock key every Scout process takes to migrate. */
const MIGRATION_LOCK_KEY = 727_001;

export async function migratePostgres({
  databaseUrl,
  migrationsDir,
}: MigrateOptions): Promise<MigrateReport> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(BOOKKEEPING_TABLE);
    const report: MigrateReport = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      if (await applyOne(client, migration)) report.applied.push(migration.name);
      else report.alreadyApplied.push(migration.name);
    }
    return report;
  } finally {
    // Ending the session releases the advisory lock too, even if the unlock below never ran.
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Returns true when it applied the migration, false when it had been applied before. */
async function applyOne(client: pg.Client, migration: MigrationFile): Promise<boolean> {
  const { rows } = await client.query<AppliedMigration>(
    `SELECT checksum, finished_at FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
    [migration.name],
  );
  if (isAlreadyApplied(rows[0], migration)) return false;
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
