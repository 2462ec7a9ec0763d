import { writeFileSync } from "node:fs";
import path from "node:path";
import { postgresSchemaPath, readDerivedPostgresSchema } from "./lib/postgres-schema";

// `npm run db:schema:postgres`: writes prisma/postgres/schema.prisma from prisma/schema.prisma.
writeFileSync(postgresSchemaPath, readDerivedPostgresSchema());
console.log(`Wrote ${path.relative(process.cwd(), postgresSchemaPath)}`);
