import { closeAppDependencies, createAppDependencies } from "../src/server/app-dependencies";
import { storeKindOf } from "../src/server/db/database-url";
import { migrateStore } from "../src/server/db/migrate-store";
import { startHousekeeping } from "../src/server/housekeeping";
import { startWorkerFor } from "../src/server/worker";
import { loadEnvOrExit } from "./lib/load-env";

/**
 * `npm run worker` (or `scout-worker`): a worker process of the hosted mode. It executes searches that any
 * web instance enqueued, resumes those whose worker died, and on SIGTERM hands its runs back to the queue.
 */

const env = loadEnvOrExit();
if (storeKindOf(env.DATABASE_URL) !== "postgres") {
  console.error(
    "The worker executes the hosted mode's searches: set DATABASE_URL to a PostgreSQL URL (postgres://…). " +
      "With SQLite (the default), `npm start` executes every search itself and needs no worker.",
  );
  process.exit(1);
}

const migration = await migrateStore({ databaseUrl: env.DATABASE_URL });
if (migration.applied.length > 0) console.log(`Applied migrations: ${migration.applied.join(", ")}`);

const deps = createAppDependencies({ env });
const stopHousekeeping = await startHousekeeping(deps);
const worker = await startWorkerFor(deps);
console.log(
  `Scout worker ${deps.executor.owner} is taking searches, up to ${env.SCOUT_WORKER_CONCURRENCY} at once.`,
);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log("Stopping: handing the searches in progress back to the queue…");
  // Whatever happens below, the process ends: a stuck connection must not keep it alive.
  setTimeout(() => process.exit(0), 10_000).unref();
  await worker.stop();
  stopHousekeeping();
  await closeAppDependencies(deps);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
