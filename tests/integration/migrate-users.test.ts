import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_USER_ID } from "@/server/auth/viewer";
import { createDb, type Db } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { migratePostgres } from "@/server/db/migrate-postgres";
import { listMarkedRepos } from "@/server/marks/list-marked-repos";
import { getProfile } from "@/server/profile/profile-store";
import { listRuns } from "@/server/runs/list-runs";
import { createEmptyPostgresDatabase, type EmptyPostgresDatabase } from "../support/temp-db";

/**
 * A database from before users existed, upgraded: the migration that introduced users gives the local user
 * every profile, run and mark already stored, so a local install finds its history where it left it.
 */

const usersMigration = "20261206213459_users_own_their_data";
const silent = { error: () => undefined, warn: () => undefined };
const storedAt = "2025-05-01T10:00:00.000+00:00";

/** The rows a single-user install stored, in the columns it had. */
const oldRows = [
  `INSERT INTO "DeveloperProfile" ("id", "languages", "topics", "skillLevel", "goals", "createdAt", "updatedAt")
   VALUES ('default', '["Go"]', '["cli"]', 'beginner', 'Learn Go', '${storedAt}', '${storedAt}')`,
  `INSERT INTO "SearchRun" ("id", "status", "filters", "candidateIds", "skipped", "warnings", "startedAt")
   VALUES ('old-run', 'completed',
     '{"languages":["Go"],"minStars":10,"maxStars":500000,"topics":[],"pushedAfter":null,"license":null,"query":""}',
     '[]', '[]', '[]', '${storedAt}')`,
  `INSERT INTO "RepoMark" ("repoKey", "fullName", "mark", "note", "updatedAt")
   VALUES ('acme/widget', 'acme/widget', 'saved', NULL, '${storedAt}')`,
];

async function expectAdoptedByTheLocalUser(db: Db): Promise<void> {
  const local = await db.user.findUnique({ where: { id: LOCAL_USER_ID } });
  expect(local).toMatchObject({ id: LOCAL_USER_ID, email: "local@scout.invalid" });
  expect(local?.createdAt).toBeInstanceOf(Date);
  expect(Number.isNaN(local?.createdAt.getTime())).toBe(false);
  expect(await getProfile({ db, logger: silent, userId: LOCAL_USER_ID })).toMatchObject({
    languages: ["Go"],
    goals: "Learn Go",
  });
  const runs = await listRuns({ db, logger: silent, userId: LOCAL_USER_ID, limit: 10 });
  expect(runs.items.map((item) => item.runId)).toEqual(["old-run"]);
  const marks = await listMarkedRepos({ db, logger: silent, userId: LOCAL_USER_ID, limit: 10 });
  expect(marks.items.map((item) => [item.repo, item.mark])).toEqual([["acme/widget", "saved"]]);
  // Nobody else has anything.
  expect(await getProfile({ db, logger: silent, userId: "someone-else" })).toBeNull();
}

describe("upgrading a database from before users", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "scout-migrate-users-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** The committed migrations of one engine, in a folder of their own: those before users, then all. */
  function migrationsBeforeAndAll(committed: string): { before: string; all: string } {
    const before = path.join(dir, "before");
    const all = path.join(dir, "all");
    cpSync(committed, all, { recursive: true });
    // Migration folders start with their timestamp: those that sort before this one came before it.
    cpSync(committed, before, {
      recursive: true,
      filter: (source) => !/^\d{14}_/.test(path.basename(source)) || path.basename(source) < usersMigration,
    });
    return { before, all };
  }

  it("SQLite: the local user adopts the profile, runs and marks", async () => {
    const { before, all } = migrationsBeforeAndAll(path.resolve("prisma/migrations"));
    const file = path.join(dir, "scout.db");
    const databaseUrl = `file:${file}`;
    migrateDatabase({ databaseUrl, migrationsDir: before });
    const raw = new Database(file);
    for (const sql of oldRows) raw.exec(sql);
    raw.close();

    expect(migrateDatabase({ databaseUrl, migrationsDir: all }).applied[0]).toBe(usersMigration);

    const db = createDb({ databaseUrl });
    try {
      await expectAdoptedByTheLocalUser(db);
    } finally {
      await db.$disconnect();
    }
  });

  describe("PostgreSQL", () => {
    let database: EmptyPostgresDatabase;
    beforeEach(async () => {
      database = await createEmptyPostgresDatabase();
    });
    afterEach(() => database.drop());

    it("the local user adopts the profile, runs and marks", async () => {
      const { before, all } = migrationsBeforeAndAll(path.resolve("prisma/postgres/migrations"));
      const { databaseUrl } = database;
      await migratePostgres({ databaseUrl, migrationsDir: before });
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (const sql of oldRows) await client.query(sql);
      } finally {
        await client.end();
      }

      expect((await migratePostgres({ databaseUrl, migrationsDir: all })).applied[0]).toBe(usersMigration);

      const db = createDb({ databaseUrl });
      try {
        await expectAdoptedByTheLocalUser(db);
      } finally {
        await db.$disconnect();
      }
    });
  });
});
