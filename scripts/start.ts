import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import next from "next";
import { getAppDependencies } from "../src/server/app-dependencies";
import { storeKindOf } from "../src/server/db/database-url";
import { migrateStore } from "../src/server/db/migrate-store";
import { startWorkerFor } from "../src/server/worker";
import { loadEnvOrExit } from "./lib/load-env";
import { createAppServer } from "../src/server/http/app-server";
import { resolveAllowedHosts } from "../src/server/http/host-allowlist";

/**
 * `npm start`: builds the app when the build is missing or older than the sources, then serves it.
 * A small custom server rather than `next start`, so the rate limiter can see the real socket address.
 * `npm run dev` passes --dev: the same server, Host check and client-IP rule in front of Next's dev mode
 * (no build; pages compile on request and reload on change).
 */

const devMode = process.argv.includes("--dev");

const root = process.cwd();
const buildIdFile = path.join(root, ".next/BUILD_ID");
const sourcePaths = [
  "src",
  "public",
  "prisma/schema.prisma",
  "next.config.mjs",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

function newestModification(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(target)) {
    // Generated code follows the schema, which is already watched.
    if (entry === "generated") continue;
    newest = Math.max(newest, newestModification(path.join(target, entry)));
  }
  return newest;
}

function buildIsCurrent(): boolean {
  if (!existsSync(buildIdFile)) return false;
  const builtAt = statSync(buildIdFile).mtimeMs;
  return sourcePaths.every((source) => newestModification(path.join(root, source)) <= builtAt);
}

const env = loadEnvOrExit();

if (!devMode && !buildIsCurrent()) {
  console.log("Building GitHub Scout (first start, or the sources changed)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Migrate before serving, so a fresh DATABASE_URL needs no extra step and a bad migration stops start-up.
const migration = await migrateStore({ databaseUrl: env.DATABASE_URL, root });
if (migration.applied.length > 0) console.log(`Applied migrations: ${migration.applied.join(", ")}`);

const app = next({ dev: devMode, dir: root, port: env.PORT });
const handle = app.getRequestHandler();
await app.prepare();

// The hosted mode serves the web only, unless SCOUT_RUN_WORKER=1 makes this process a worker too.
const worker =
  storeKindOf(env.DATABASE_URL) === "postgres" && env.SCOUT_RUN_WORKER
    ? await startWorkerFor(getAppDependencies().deps)
    : undefined;

const allowedHosts = resolveAllowedHosts({ host: env.HOST, configured: env.SCOUT_ALLOWED_HOSTS });
const server = createAppServer({ allowedHosts, handle });

server.listen(env.PORT, env.HOST, () => {
  const everyInterface = ["0.0.0.0", "::"].includes(env.HOST);
  const shown = everyInterface ? "localhost" : env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  const names = allowedHosts.anyHost
    ? "any (SCOUT_ALLOWED_HOSTS=*)"
    : allowedHosts.entries.map(({ hostname, port }) => (port ? `${hostname}:${port}` : hostname)).join(", ");
  console.log(`GitHub Scout${devMode ? " (development)" : ""} is ready on http://${shown}:${env.PORT}`);
  console.log(
    `Bound to ${everyInterface ? "every interface" : env.HOST}; answering the host names ${names}.`,
  );
});

function shutdown() {
  void worker?.stop();
  server.close(() => process.exit(0));
  // Open event streams would otherwise hold the process for their whole lifetime.
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
