import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The hosted mode's Prisma schema, derived from the embedded one: same models, another provider and its own
 * generated client. Deriving it (rather than keeping two hand-edited files) is what keeps the two in step;
 * a test checks that the committed prisma/postgres/schema.prisma is exactly what this produces.
 */

export const sqliteSchemaPath = path.resolve("prisma/schema.prisma");
export const postgresSchemaPath = path.resolve("prisma/postgres/schema.prisma");

const header = `// GENERATED from prisma/schema.prisma by \`npm run db:schema:postgres\`: edit that file, not this one.
// The hosted mode's data model (DATABASE_URL=postgres://…), identical to the embedded one but for the provider.
`;

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`prisma/schema.prisma no longer matches ${String(pattern)}`);
  return text.replace(pattern, replacement);
}

export function derivePostgresSchema(sqliteSchema: string): string {
  let schema = replaceOnce(sqliteSchema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  schema = replaceOnce(
    schema,
    /output(\s*)=\s*"\.\.\/src\/generated\/prisma"/,
    'output$1= "../../src/generated/prisma-postgres"',
  );
  return header + schema;
}

export function readDerivedPostgresSchema(): string {
  return derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8"));
}
