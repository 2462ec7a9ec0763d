import { EnvError, getEnv } from "../src/env";
import { migrateStore } from "../src/server/db/migrate-store";
import { MigrationError } from "../src/server/db/migration-files";

// Usage: npm run db:migrate   (the server also does this at start-up)
try {
  const { DATABASE_URL } = getEnv();
  const report = await migrateStore({ databaseUrl: DATABASE_URL });
  console.log(
    report.applied.length > 0
      ? `Applied ${report.applied.length} migration(s): ${report.applied.join(", ")}`
      : `Database is up to date (${report.alreadyApplied.length} migration(s) applied before).`,
  );
} catch (error) {
  if (error instanceof EnvError || error instanceof MigrationError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
