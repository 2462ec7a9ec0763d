import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffMigrationsAgainstSchema } from "../../scripts/lib/schema-engine";

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
});
