import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";

export type TempDb = { db: Db; databaseUrl: string; dir: string; cleanup: () => Promise<void> };

/** A fresh SQLite file, migrated by the real runner, for one test file (`:memory:` cannot be shared). */
export function createTempDb(): TempDb {
  const dir = mkdtempSync(path.join(os.tmpdir(), "scout-test-"));
  const databaseUrl = `file:${path.join(dir, "scout.db")}`;
  migrateDatabase({ databaseUrl, migrationsDir: path.resolve("prisma/migrations") });
  const db = createDb({ databaseUrl });
  return {
    db,
    databaseUrl,
    dir,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
