import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffMigrationsAgainstSchema } from "./lib/schema-engine";

// Usage: npm run db:migrate:create -- <name>
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migrate:create -- <name>   (lower-case letters, digits and underscores)");
  process.exit(1);
}

const root = process.cwd();
const migrationsDir = path.join(root, "prisma/migrations");
const { sql, changed } = await diffMigrationsAgainstSchema({
  schemaPath: path.join(root, "prisma/schema.prisma"),
  migrationsDir,
});
if (!changed) {
  console.log("Nothing changed: the committed migrations already produce prisma/schema.prisma.");
  process.exit(0);
}
const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${timestamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
console.log(`Wrote ${path.relative(root, path.join(dir, "migration.sql"))}`);
