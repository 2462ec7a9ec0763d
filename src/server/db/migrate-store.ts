import path from "node:path";
import { storeKindOf } from "./database-url";
import { migrateDatabase } from "./migrate";
import { migratePostgres } from "./migrate-postgres";
import type { MigrateReport } from "./migration-files";

/** Each engine's own committed migration history, under the project root. */
export function migrationsDirFor(databaseUrl: string, root = process.cwd()): string {
  return storeKindOf(databaseUrl) === "postgres"
    ? path.join(root, "prisma/postgres/migrations")
    : path.join(root, "prisma/migrations");
}

/** Brings the database at DATABASE_URL up to date with its engine's migrations (start-up, `db:migrate`). */
export async function migrateStore({
  databaseUrl,
  root,
}: {
  databaseUrl: string;
  root?: string;
}): Promise<MigrateReport> {
  const migrationsDir = migrationsDirFor(databaseUrl, root);
  return storeKindOf(databaseUrl) === "postgres"
    ? migratePostgres({ databaseUrl, migrationsDir })
    : migrateDatabase({ databaseUrl, migrationsDir });
}
