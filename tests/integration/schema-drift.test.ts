import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { postgresSchemaPath, readDerivedPostgresSchema } from "../../scripts/lib/postgres-schema";
import { diffMigrationsAgainstSchema } from "../../scripts/lib/schema-engine";
import { createEmptyPostgresDatabase } from "../support/temp-db";

describe("schema drift", () => {
  it("the committed migrations produce exactly prisma/schema.prisma", async () => {
    const diff = await diffMigrationsAgainstSchema({
      schemaPath: path.resolve("prisma/schema.prisma"),
      migrationsDir: path.resolve("prisma/migrations"),
    });
    // When this fails, run `npm run db:migrate:create -- <name>` and commit the new migration.
    expect(diff.sql).toBe("");
    expect(diff.changed).toBe(false);
  });

  it("prisma/postgres/schema.prisma is exactly what prisma/schema.prisma derives", () => {
    expect(
      readFileSync(postgresSchemaPath, "utf8"),
      "prisma/postgres/schema.prisma is generated from prisma/schema.prisma: make the change there, then " +
        "run `npm run db:schema:postgres`",
    ).toBe(readDerivedPostgresSchema());
  });

  it("the committed PostgreSQL migrations produce exactly prisma/postgres/schema.prisma", async () => {
    const database = await createEmptyPostgresDatabase();
    try {
      const diff = await diffMigrationsAgainstSchema({
        schemaPath: postgresSchemaPath,
        migrationsDir: path.resolve("prisma/postgres/migrations"),
        postgresUrl: database.databaseUrl,
      });
      // When this fails, run `npm run db:migrate:create -- <name>` and commit the new migrations.
      expect(diff.sql).toBe("");
      expect(diff.changed).toBe(false);
    } finally {
      await database.drop();
    }
  });
});
