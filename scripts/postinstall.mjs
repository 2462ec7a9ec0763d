#!/usr/bin/env node
// npm's postinstall: generates the Prisma client the server needs. An install without dev dependencies
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
const result = spawnSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit" });
process.exit(result.status ?? 1);
