import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/server/db/client";
import type { StoreKind } from "@/server/db/database-url";
import { migrateDatabase } from "@/server/db/migrate";
import { migrateStore } from "@/server/db/migrate-store";

/** Both storage engines, for `describe.each(storeKinds)`: a store test runs once on each. */
export const storeKinds = ["sqlite", "postgres"] as const satisfies readonly StoreKind[];

/** A migrated store of either engine, for one test file or describe block. */
export type TempStore = { db: Db; databaseUrl: string; kind: StoreKind; cleanup: () => Promise<void> };

/** The SQLite store also names its folder, for tests that read the files the server left there. */
export type TempDb = TempStore & { kind: "sqlite"; dir: string };

/** A fresh SQLite file, migrated by the real runner, for one test file (`:memory:` cannot be shared). */
export function createTempDb(): TempDb {
  const dir = mkdtempSync(path.join(os.tmpdir(), "scout-test-"));
  const databaseUrl = `file:${path.join(dir, "scout.db")}`;
  migrateDatabase({ databaseUrl, migrationsDir: path.resolve("prisma/migrations") });
  const db = createDb({ databaseUrl });
  return {
    db,
    databaseUrl,
    kind: "sqlite",
    dir,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type EmptyPostgresDatabase = { databaseUrl: string; drop: () => Promise<void> };

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * node-postgres's pool.end() resolves once its clients are told to close, not once they have: a FORCE drop
 * at that moment terminates a session still saying goodbye, and its client throws 57P01 into the test run
 * with no pool left to hear it. The drop waits until the sessions have gone, for as long as a clean close
 * takes; after that, whatever is still connected was left open and FORCE ends it.
 */
async function waitForSessionsToLeave(client: pg.Client, database: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ sessions: number }>(
      "SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1",
      [database],
    );
    if ((rows[0]?.sessions ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A new, empty database on the cluster this vitest run shares (tests/support/postgres-global-setup.ts):
 * creating one takes milliseconds, so every test file gets its own and none sees another's rows.
 */
export async function createEmptyPostgresDatabase(): Promise<EmptyPostgresDatabase> {
  // Imported here, not at the top: scripts (bench-pipeline) use createTempDb outside vitest.
  const { inject } = await import("vitest");
  const adminUrl = inject("postgresAdminUrl");
  const name = `scout_test_${process.pid}_${randomBytes(6).toString("hex")}`;
  await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    drop: async () => {
      await asAdmin(adminUrl, async (client) => {
        await waitForSessionsToLeave(client, name);
        // FORCE ends whatever connection a failed test left open, so the drop never waits on one.
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}

/**
 * A fresh store of either engine, migrated by the runner the server uses at start-up and opened as the server
 * opens it: a SQLite file in a temp folder, or a database on the shared PostgreSQL cluster.
 */
export async function createTempStore(kind: StoreKind): Promise<TempStore> {
  if (kind === "sqlite") return createTempDb();
  const empty = await createEmptyPostgresDatabase();
  try {
    await migrateStore({ databaseUrl: empty.databaseUrl });
  } catch (error) {
    await empty.drop();
    throw error;
  }
  const db = createDb({ databaseUrl: empty.databaseUrl });
  return {
    db,
    databaseUrl: empty.databaseUrl,
    kind,
    cleanup: async () => {
      await db.$disconnect();
      await empty.drop();
    },
  };
}
