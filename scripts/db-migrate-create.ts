import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startPostgresCluster } from "./lib/postgres-cluster";
import { postgresSchemaPath, readDerivedPostgresSchema } from "./lib/postgres-schema";
import { diffMigrationsAgainstSchema } from "./lib/schema-engine";

/**
 * Usage: npm run db:migrate:create -- <name>
 * Writes the migration that brings each engine's committed history up to prisma/schema.prisma: one for
 * SQLite (prisma/migrations) and one for PostgreSQL (prisma/postgres/migrations, diffed in a throwaway
 * cluster). The PostgreSQL schema is derived first, so the two models cannot drift.
 */
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migrate:create -- <name>   (lower-case letters, digits and underscores)");
  process.exit(1);
}

const root = process.cwd();
const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

function writeMigration(migrationsDir: string, provider: string, sql: string): void {
  const dir = path.join(migrationsDir, `${timestamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  writeFileSync(path.join(migrationsDir, "migration_lock.toml"), `provider = "${provider}"\n`);
  console.log(`Wrote ${path.relative(root, path.join(dir, "migration.sql"))}`);
}

const sqliteMigrations = path.join(root, "prisma/migrations");
const sqlite = await diffMigrationsAgainstSchema({
  schemaPath: path.join(root, "prisma/schema.prisma"),
  migrationsDir: sqliteMigrations,
});
if (sqlite.changed) writeMigration(sqliteMigrations, "sqlite", sqlite.sql);
else console.log("SQLite: nothing changed.");

const derived = readDerivedPostgresSchema();
mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
writeFileSync(postgresSchemaPath, derived);
const postgresMigrations = path.join(root, "prisma/postgres/migrations");
const cluster = await startPostgresCluster();
try {
  const postgres = await diffMigrationsAgainstSchema({
    schemaPath: postgresSchemaPath,
    migrationsDir: postgresMigrations,
    postgresUrl: await cluster.createDatabase(),
  });
  if (postgres.changed) writeMigration(postgresMigrations, "postgresql", postgres.sql);
  else console.log("PostgreSQL: nothing changed.");
} finally {
  cluster.stop();
}
if (!existsSync(path.join(postgresMigrations, "migration_lock.toml"))) {
  writeFileSync(path.join(postgresMigrations, "migration_lock.toml"), 'provider = "postgresql"\n');
}
