#!/usr/bin/env node
// npm's postinstall: generates the Prisma clients the server needs, one per engine (SQLite, the embedded
// default, and PostgreSQL, the hosted mode), from the same data model. An install without dev dependencies
// (`npm ci --omit=dev`, for the `scout` terminal client alone) has no Prisma CLI and no server to build,
// so there is nothing to generate: say so and succeed, rather than failing the whole install.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let prismaCli;
try {
  prismaCli = require.resolve("prisma/build/index.js");
} catch {
  console.log("Prisma is not installed (dev dependencies omitted): skipping `prisma generate`.");
  process.exit(0);
}
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", schema], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
