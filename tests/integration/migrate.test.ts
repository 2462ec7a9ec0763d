import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { MigrationError, migrateDatabase, readMigrations } from "@/server/db/migrate";
import { migratePostgres } from "@/server/db/migrate-postgres";
import { createEmptyPostgresDatabase, type EmptyPostgresDatabase } from "../support/temp-db";

const committedMigrations = path.resolve("prisma/migrations");
const committedPostgresMigrations = path.resolve("prisma/postgres/migrations");

describe("migration runner", () => {
  let dir: string;
  let migrationsDir: string;
  let databaseUrl: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "scout-migrate-"));
    migrationsDir = path.join(dir, "migrations");
    cpSync(committedMigrations, migrationsDir, { recursive: true });
    databaseUrl = `file:${path.join(dir, "nested", "scout.db")}`;
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function tables(): string[] {
    const db = new Database(path.join(dir, "nested", "scout.db"), { readonly: true });
    try {
      return db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => row.name);
    } finally {
      db.close();
    }
  }

  it("runs only at start-up: opening the server's database client migrates nothing again", async () => {
    mkdirSync(path.join(dir, "nested"));
    const db = createDb({ databaseUrl });
    try {
      // A first query makes the client open the file.
      const rows = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master");
      expect(rows).toEqual([]);
    } finally {
      await db.$disconnect();
    }
    expect(tables()).toEqual([]);
  });

  it("creates a fresh database, its folder and every table, in WAL mode", () => {
    const report = migrateDatabase({ databaseUrl, migrationsDir });
    expect(report.applied).toEqual(readMigrations(migrationsDir).map((m) => m.name));
    expect(tables()).toEqual(
      expect.arrayContaining([
        "AnalysisResult",
        "DeveloperProfile",
        "Repository",
        "RunEvent",
        "SearchRun",
        "_prisma_migrations",
      ]),
    );
    const db = new Database(path.join(dir, "nested", "scout.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("does nothing on a second run", () => {
    migrateDatabase({ databaseUrl, migrationsDir });
    const again = migrateDatabase({ databaseUrl, migrationsDir });
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBeGreaterThan(0);
  });

  it("records Prisma's bookkeeping with a sha256 checksum", () => {
    migrateDatabase({ databaseUrl, migrationsDir });
    const db = new Database(path.join(dir, "nested", "scout.db"), { readonly: true });
    const rows = db.prepare("SELECT migration_name, checksum, finished_at FROM _prisma_migrations").all();
    db.close();
    const committed = readMigrations(migrationsDir);
    expect(rows).toEqual(
      committed.map((migration): unknown =>
        expect.objectContaining({ migration_name: migration.name, checksum: migration.checksum }),
      ),
    );
    for (const migration of committed) expect(migration.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses to run when an applied migration was edited", () => {
    migrateDatabase({ databaseUrl, migrationsDir });
    const [first] = readMigrations(migrationsDir);
    if (!first) throw new Error("there is no committed migration to edit");
    appendFileSync(path.join(migrationsDir, first.name, "migration.sql"), "\n-- sneaky edit\n");
    expect(() => migrateDatabase({ databaseUrl, migrationsDir })).toThrow(MigrationError);
    expect(() => migrateDatabase({ databaseUrl, migrationsDir })).toThrow(/was edited after it was applied/);
  });

  it("applies a new migration on top and keeps existing rows", () => {
    migrateDatabase({ databaseUrl, migrationsDir });
    const file = path.join(dir, "nested", "scout.db");
    const db = new Database(file);
    db.prepare(
      `INSERT INTO DeveloperProfile (id, userId, languages, topics, skillLevel, goals, updatedAt) VALUES ('default', 'local', '["Go"]', '[]', 'beginner', '', 0)`,
    ).run();
    db.close();

    mkdirSync(path.join(migrationsDir, "29990101000000_add_note"));
    writeFileSync(
      path.join(migrationsDir, "29990101000000_add_note", "migration.sql"),
      `ALTER TABLE "DeveloperProfile" ADD COLUMN "note" TEXT;`,
    );
    expect(migrateDatabase({ databaseUrl, migrationsDir }).applied).toEqual(["29990101000000_add_note"]);

    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare("SELECT id, note FROM DeveloperProfile").all()).toEqual([
      { id: "default", note: null },
    ]);
    reopened.close();
  });

  it("rolls back a failing migration completely and says which one failed", () => {
    mkdirSync(path.join(migrationsDir, "29990101000000_broken"));
    writeFileSync(
      path.join(migrationsDir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "Half" ("id" TEXT); THIS IS NOT SQL;`,
    );
    expect(() => migrateDatabase({ databaseUrl, migrationsDir })).toThrow(
      /Migration 29990101000000_broken failed/,
    );
    expect(tables()).not.toContain("Half");
  });
});

describe("PostgreSQL migration runner", () => {
  let dir: string;
  let migrationsDir: string;
  let database: EmptyPostgresDatabase;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "scout-migrate-pg-"));
    migrationsDir = path.join(dir, "migrations");
    cpSync(committedPostgresMigrations, migrationsDir, { recursive: true });
    database = await createEmptyPostgresDatabase();
  });

  afterEach(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  async function tables(): Promise<string[]> {
    const rows = await query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    return rows.map((row) => row.name);
  }

  const migrate = () => migratePostgres({ databaseUrl: database.databaseUrl, migrationsDir });

  it("applies the committed migrations to an empty database, creating every table", async () => {
    const report = await migrate();
    expect(report.applied).toEqual(readMigrations(migrationsDir).map((m) => m.name));
    expect(await tables()).toEqual(
      expect.arrayContaining([
        "AnalysisCacheEntry",
        "AnalysisResult",
        "CandidateDetails",
        "DeveloperProfile",
        "ReadmeCacheEntry",
        "RepoMark",
        "Repository",
        "RunEvent",
        "SearchRun",
        "_prisma_migrations",
      ]),
    );
  });

  it("does nothing on a second run", async () => {
    await migrate();
    const again = await migrate();
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(readMigrations(migrationsDir).map((m) => m.name));
  });

  it("refuses to run when an applied migration was edited", async () => {
    await migrate();
    const [first] = readMigrations(migrationsDir);
    if (!first) throw new Error("there is no committed migration to edit");
    appendFileSync(path.join(migrationsDir, first.name, "migration.sql"), "\n-- sneaky edit\n");
    const refused = await migrate().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MigrationError);
    expect(String(refused)).toMatch(/was edited after it was applied/);
  });

  it("lets two processes starting at once both succeed, and applies each migration once", async () => {
    // Every web instance and worker migrates at start-up; the advisory lock makes the second one wait.
    const reports = await Promise.all([migrate(), migrate()]);
    const names = readMigrations(migrationsDir).map((m) => m.name);
    expect(reports.map((report) => report.applied.length).sort((a, b) => a - b)).toEqual([0, names.length]);
    expect(reports.flatMap((report) => [...report.applied, ...report.alreadyApplied]).sort()).toEqual(
      [...names, ...names].sort(),
    );
    const rows = await query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
  });
});
