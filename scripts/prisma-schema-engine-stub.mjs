#!/usr/bin/env node
// Stands in for Prisma's native schema engine, which cannot be downloaded on this offline machine.
// `prisma generate` only asks for its version; everything else must go through our own tools.
import console from "node:console";
import process from "node:process";

if (process.argv.includes("--version")) {
  console.log("schema-engine-cli 0.0.0-offline-stub");
  process.exit(0);
}
console.error(
  "The native Prisma schema engine is not available offline. Use `npm run db:migrate` to apply " +
    "migrations and `npm run db:migrate:create -- <name>` to write a new one.",
);
process.exit(1);
