import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { closeAppDependencies, createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { migrateStore } from "@/server/db/migrate-store";
import { reapLapsedRuns } from "@/server/hosted/reap-lapsed-runs";
import { driveRun } from "@/server/pipeline/drive-run";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { claimRun } from "@/server/runs/run-lease";
import type { StoredEvent } from "@/server/runs/run-events";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { ScoutEvent } from "@/shared/events";
import { callerFor, typicalProfile } from "../support/scout-harness";
import { createEmptyPostgresDatabase, type EmptyPostgresDatabase } from "../support/temp-db";

/**
 * Two web instances of the hosted mode in one test process, sharing one PostgreSQL database with no worker:
 * what they must agree on (the limits, the event log, a run's end) is agreed through the database.
 */

const NOW = new Date("2025-06-01T12:00:00Z");
const catalog = generateDemoCatalog({ now: NOW });
const quiet = { error: () => undefined, warn: () => undefined };

let database: EmptyPostgresDatabase;
const instances: AppDependencies[] = [];

beforeEach(async () => {
  database = await createEmptyPostgresDatabase();
  await migrateStore({ databaseUrl: database.databaseUrl });
});
afterEach(async () => {
  await Promise.all(instances.splice(0).map((deps) => closeAppDependencies(deps)));
  await database.drop();
});

/** A web instance: its own connections, queue client and listener, on the shared database. */
async function startInstance(env: Record<string, string> = {}): Promise<AppDependencies> {
  const deps = createAppDependencies({
    env: parseEnv({ DATABASE_URL: database.databaseUrl, ...env }),
    source: createCatalogSource({ catalog, readmeMaxChars: 2000, now: () => NOW }),
    analyzer: createHeuristicAnalyzer({ now: () => NOW }),
    logger: quiet,
  });
  instances.push(deps);
  await deps.hosted?.notifier.ready;
  return deps;
}

const search = { languages: ["Python"], minStars: 0 };

describe("the hosted mode's limits, across instances", () => {
  it("lets one search per client through, however many instances it asks at once", async () => {
    const [one, two] = [await startInstance(), await startInstance()];
    await callerFor(one).profile.save(typicalProfile);

    const attempts = await Promise.allSettled(
      [one, two, one, two, one, two].map((deps) => callerFor(deps, "10.0.0.1").scout.search(search)),
    );

    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    for (const attempt of attempts.filter((outcome) => outcome.status === "rejected")) {
      expect(String(attempt.reason)).toContain("A search is already running");
    }
    // Another client is not held up by the first one's search.
    await expect(callerFor(two, "10.0.0.2").scout.search(search)).resolves.toMatchObject({
      status: "running",
    });
  });

  it("admits a burst of searches from many clients on one instance, each once", async () => {
    // More at once than the instance has pooled connections: admissions must not starve the lock's holder.
    const one = await startInstance();
    await callerFor(one).profile.save(typicalProfile);
    const clients = Array.from({ length: 12 }, (_, index) => `10.0.3.${index + 1}`);

    const started = await Promise.all(clients.map((ip) => callerFor(one, ip).scout.search(search)));

    expect(new Set(started.map((run) => run.runId)).size).toBe(clients.length);
    const { items } = await callerFor(one).scout.runs({ limit: 20 });
    expect(items).toHaveLength(clients.length);
  });

  it("enforces one server-wide cap over every instance", async () => {
    const env = { SCOUT_MAX_ACTIVE_SEARCHES: "2" };
    const [one, two] = [await startInstance(env), await startInstance(env)];
    await callerFor(one).profile.save(typicalProfile);
    await callerFor(one, "10.0.1.1").scout.search(search);
    await callerFor(two, "10.0.1.2").scout.search(search);

    await expect(callerFor(one, "10.0.1.3").scout.search(search)).rejects.toThrow(
      "The server is running its maximum of 2 searches at once",
    );
    const { items } = await callerFor(two).scout.runs({ limit: 10 });
    expect(items).toHaveLength(2);
  });

  it("counts one hourly limit for a client, whichever instance it reaches", async () => {
    const env = { SCOUT_SEARCH_RATE_LIMIT: "2" };
    const [one, two] = [await startInstance(env), await startInstance(env)];
    await callerFor(one).profile.save(typicalProfile);
    // Each search is cancelled before the next: a waiting run ends at once, and still counts.
    for (const deps of [one, two]) {
      const { runId } = await callerFor(deps, "10.0.2.1").scout.search(search);
      expect(await callerFor(deps, "10.0.2.1").scout.cancel({ runId })).toEqual({
        runId,
        status: "cancelled",
      });
    }

    await expect(callerFor(one, "10.0.2.1").scout.search(search)).rejects.toThrow(
      "You have reached the limit of 2 searches per hour",
    );
    const { items } = await callerFor(two).scout.runs({ limit: 10 });
    expect(items.map((item) => item.status)).toEqual(["cancelled", "cancelled"]);
  });
});

describe("runs and their events, across instances", () => {
  it("ends a run no worker takes up by its pickup deadline, and the other instance's subscriber sees it end", async () => {
    const env = { SCOUT_RUN_PICKUP_TIMEOUT_MS: "1000" };
    const [one, two] = [await startInstance(env), await startInstance(env)];
    await callerFor(one).profile.save(typicalProfile);
    const { runId } = await callerFor(one, "10.0.3.1").scout.search(search);
    const following = collect(streamRunEvents({ ...two, runId, afterSeq: 0 }));

    const later = () => new Date(Date.now() + 5000);
    const { ended } = await reapLapsedRuns({ ...one, bus: one.events, clock: later, pickupTimeoutMs: 1000 });

    expect(ended).toEqual([runId]);
    const events = await following;
    expect(events.map((entry) => entry.event)).toEqual([
      {
        type: "error",
        reason: "interrupted",
        message: "The search was interrupted: no worker could take it up in time.",
      },
    ]);
    expect((await callerFor(two).scout.results({ runId })).status).toBe("interrupted");
  });

  it("re-offers a run whose worker stopped renewing its lease, once, however many instances notice", async () => {
    const [one, two] = [await startInstance(), await startInstance()];
    await callerFor(one).profile.save(typicalProfile);
    const { runId } = await callerFor(one, "10.0.4.1").scout.search(search);
    await claimRun({ db: one.db, runId, owner: "a-worker-that-died", now: new Date(), leaseMs: 1 });

    const later = () => new Date(Date.now() + 5000);
    const rounds = await Promise.all(
      [one, two].map((deps) =>
        reapLapsedRuns({ ...deps, bus: deps.events, clock: later, pickupTimeoutMs: 60_000 }),
      ),
    );

    expect(rounds.flatMap((round) => round.offeredAgain)).toEqual([runId]);
    const run = await one.db.searchRun.findUniqueOrThrow({
      where: { id: runId },
      select: { status: true, leaseOwner: true },
    });
    expect(run).toEqual({ status: "running", leaseOwner: null });
  });

  it("catches a subscriber up from the log after its instance's listening connection dropped", async () => {
    const [one, two] = [await startInstance(), await startInstance()];
    await callerFor(one).profile.save(typicalProfile);
    const { runId } = await callerFor(one, "10.0.5.1").scout.search(search);
    await claimRun({ db: one.db, runId, owner: "this-test", now: new Date(), leaseMs: 60_000 });
    const following = collect(streamRunEvents({ ...two, runId, afterSeq: 0, recheckMs: 60_000 }));

    // The server drops instance two's listening connection while instance one writes the run's log.
    const emitted = gate();
    const run = driveRun({ ...one, bus: one.events, runId, events: scriptedRun(emitted.wait) });
    await one.db.$executeRawUnsafe(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scout-listener' AND pid <> pg_backend_pid()",
    );
    emitted.open();
    await run;

    const events = await following;
    expect(events.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)?.event).toMatchObject({ type: "error", reason: "no-repositories" });
  });
});

async function collect(stream: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const received: StoredEvent[] = [];
  for await (const entry of stream) received.push(entry);
  return received;
}

function gate() {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** A run's events, most of them after `go`. */
async function* scriptedRun(go: Promise<void>): AsyncGenerator<ScoutEvent> {
  yield { type: "status", phase: "discovering", message: "Searching GitHub..." };
  await go;
  yield { type: "status", phase: "filtering", message: "Filtering candidates..." };
  yield { type: "warning", message: "GitHub answered slowly." };
  yield {
    type: "error",
    message: "No repositories found. Try broadening your filters.",
    reason: "no-repositories",
  };
}
