import { EventSource } from "eventsource";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createScoutClient, type ScoutClient } from "@/client";
import { createDb, type Db } from "@/server/db/client";
import { migrateStore } from "@/server/db/migrate-store";
import { readRunEvents, type StoredEvent } from "@/server/runs/run-events";
import { startPostgresCluster, type PostgresCluster } from "../../scripts/lib/postgres-cluster";
import {
  hostedServiceEnv,
  startApiInstance,
  startFakesProcess,
  startWorkerProcess,
  type FakesProcess,
  type ServiceProcess,
} from "../support/cluster-processes";

/**
 * The hosted mode as it is deployed, on loopback: one PostgreSQL, two web instances, two workers, and the
 * test GitHub and LLM servers (with latency) in processes of their own. Searches start on one instance and
 * are followed on the other; a cancel crosses instances; a worker is killed mid-analysis; PostgreSQL restarts
 * under load.
 */

const GITHUB_TOKEN = "fake_gh_clusterToken00000000000000000000";
const OPENAI_KEY = "fake_oa_cluster-0000000000000000000000";
// Short, so a killed worker is noticed within seconds; renewed every third of it. Not shorter: on a
// two-core machine running the whole suite, a worker's renewal can come two seconds late, and a lease
// that lapses then hands a healthy run to the other worker.
const LEASE_MS = 6000;
const silent = { error: () => undefined, warn: () => undefined };

let postgres: PostgresCluster;
let databaseUrl: string;
let db: Db;
let fakes: FakesProcess;
let webA: ServiceProcess & { url: string };
let webB: ServiceProcess & { url: string };
const workers: ServiceProcess[] = [];

function serviceEnv(): Record<string, string> {
  return hostedServiceEnv({
    databaseUrl,
    fakes,
    githubToken: GITHUB_TOKEN,
    openaiKey: OPENAI_KEY,
    overrides: {
      SCOUT_BATCH_SIZE: "5",
      SCOUT_BATCH_CONCURRENCY: "2",
      SCOUT_ANALYSIS_TIMEOUT_MS: "20000",
      SCOUT_RUN_LEASE_MS: String(LEASE_MS),
    },
  });
}

/** A client of one instance, as one user (their own forwarded address). */
function clientOf(instance: { url: string }, clientIp: string): ScoutClient {
  return createScoutClient(instance.url, { EventSource, headers: { "x-forwarded-for": clientIp } });
}

/** Follows a run on the given client from its first event to its terminal one. */
function followRun(
  client: ScoutClient,
  runId: string,
  onEvent: (entry: StoredEvent) => void = () => undefined,
): Promise<StoredEvent[]> {
  return new Promise((resolve, reject) => {
    const received: StoredEvent[] = [];
    const subscription = client.scout.stream.subscribe(
      { runId },
      {
        onData: ({ id, data }) => {
          const entry = { seq: Number(id), event: data };
          received.push(entry);
          onEvent(entry);
          if (["complete", "error", "cancelled"].includes(entry.event.type)) {
            subscription.unsubscribe();
            resolve(received);
          }
        },
        onError: reject,
      },
    );
  });
}

/** Resolves once the predicate holds, checking every 50 ms, or fails after `timeoutMs` saying what it saw. */
async function until(
  predicate: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
  describeState: () => Promise<string> = () => Promise.resolve(""),
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. ${await describeState()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Each run's row and the end of its log, for a failure message. */
async function describeRuns(ids: readonly string[]): Promise<string> {
  const runs = await db.searchRun.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, status: true, leaseOwner: true, leaseExpiresAt: true, attempts: true },
  });
  const lines = await Promise.all(
    runs.map(async (run) => {
      const log = await readRunEvents({ db, logger: silent, runId: run.id, afterSeq: 0 });
      const tail = log.slice(-3).map((entry) => `${entry.seq}:${entry.event.type}`);
      return `${JSON.stringify(run)} log …${tail.join(",")}`;
    }),
  );
  return lines.join("\n");
}

const profile = {
  languages: ["Python", "TypeScript"],
  topics: ["web"],
  skillLevel: "intermediate" as const,
  goals: "Developer tools",
};

beforeAll(async () => {
  postgres = await startPostgresCluster();
  databaseUrl = await postgres.createDatabase("scout_cluster");
  await migrateStore({ databaseUrl });
  db = createDb({ databaseUrl });
  fakes = await startFakesProcess({ githubToken: GITHUB_TOKEN, openaiKey: OPENAI_KEY });
  await fakes.control.injectGitHub({ kind: "latency", ms: 40, times: Number.POSITIVE_INFINITY });
  const [first, second, ...started] = await Promise.all([
    startApiInstance(serviceEnv()),
    startApiInstance(serviceEnv()),
    startWorkerProcess(serviceEnv()),
    startWorkerProcess(serviceEnv()),
  ]);
  webA = first;
  webB = second;
  workers.push(...started);
  await clientOf(webA, "10.1.0.1").profile.save.mutate(profile);
}, 120_000);

// A failing test shows what the processes said: that is where a cluster's problems show.
afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  for (const [name, service] of [
    ["web A", webA],
    ["web B", webB],
    ...workers.map((worker, index) => [`worker ${index + 1}`, worker] as const),
  ] as const) {
    console.error(`--- ${name} (pid ${service.pid}) ---\n${service.output().slice(-4000)}`);
  }
});

afterAll(async () => {
  await Promise.all([webA, webB, ...workers, fakes].filter(Boolean).map((service) => service.stop()));
  await db.$disconnect();
  postgres.stop();
}, 60_000);

describe("the hosted mode, two web instances and two workers", { timeout: 120_000 }, () => {
  it("follows a search started on one instance to its end on the other, event for event as stored", async () => {
    await fakes.control.setOpenAIStreaming({ timeToFirstTokenMs: 100, tokensPerSecond: 400 });
    const { runId } = await clientOf(webA, "10.1.0.2").scout.search.mutate({
      languages: ["Python"],
      minStars: 0,
    });
    const followed = await followRun(clientOf(webB, "10.1.0.3"), runId);

    const stored = await readRunEvents({ db, logger: silent, runId, afterSeq: 0 });
    expect(followed).toEqual(stored);
    expect(followed.map((entry) => entry.seq)).toEqual(stored.map((_, index) => index + 1));
    expect(followed.at(-1)?.event.type).toBe("complete");
    const run = await db.searchRun.findUniqueOrThrow({ where: { id: runId }, select: { attempts: true } });
    expect(run.attempts).toBe(1);
  });

  it("stops a run on whichever worker holds it when another instance is asked to cancel", async () => {
    // Slow answers, so the run is certainly mid-analysis when the cancel comes.
    await fakes.control.setOpenAIStreaming({ timeToFirstTokenMs: 200, tokensPerSecond: 40 });
    const { runId } = await clientOf(webA, "10.1.0.4").scout.search.mutate({
      languages: ["TypeScript"],
      minStars: 0,
    });
    let firstResult = false;
    const following = followRun(clientOf(webA, "10.1.0.4"), runId, (entry) => {
      if (entry.event.type === "results") firstResult = true;
    });
    await until(() => firstResult, "the first result");
    const held = await db.searchRun.findUniqueOrThrow({ where: { id: runId }, select: { leaseOwner: true } });
    expect(held.leaseOwner).not.toBeNull();

    const asked = Date.now();
    const answer = await clientOf(webB, "10.1.0.5").scout.cancel.mutate({ runId });
    const tookMs = Date.now() - asked;
    expect(answer).toEqual({ runId, status: "cancelled" });
    const events = await following;
    expect(
      events.filter((entry) => ["complete", "error", "cancelled"].includes(entry.event.type)),
    ).toHaveLength(1);
    expect(events.at(-1)?.event.type).toBe("cancelled");
    // The LLM calls in flight were cut, not left to finish.
    const { requests } = await fakes.control.openaiRequests();
    expect(requests.some((request) => request.outcome === "client-closed")).toBe(true);
    console.log(`cluster: cancel across instances answered after ${tookMs} ms`);
  });

  it("resumes a killed worker's run on the other worker, keeping every result and asking the LLM nothing twice", async () => {
    await fakes.control.reset();
    await fakes.control.injectGitHub({ kind: "latency", ms: 40, times: Number.POSITIVE_INFINITY });
    await fakes.control.setOpenAIStreaming({ timeToFirstTokenMs: 100, tokensPerSecond: 60 });
    const { runId } = await clientOf(webA, "10.1.0.6").scout.search.mutate({
      languages: ["Python", "TypeScript"],
      minStars: 0,
    });
    let results = 0;
    const following = followRun(clientOf(webB, "10.1.0.7"), runId, (entry) => {
      if (entry.event.type === "results") results += 1;
    });
    await until(() => results >= 3, "three results");

    const { leaseOwner } = await db.searchRun.findUniqueOrThrow({
      where: { id: runId },
      select: { leaseOwner: true },
    });
    const holder = workers.find((worker) => leaseOwner?.includes(`:${worker.pid}:`));
    expect(holder).toBeDefined();
    await holder?.kill();
    const killedAt = (await fakes.control.openaiRequests()).count;
    const analyzedBeforeKill = await db.analysisResult.findMany({
      where: { runId },
      select: { repository: { select: { fullName: true } } },
    });

    const events = await following;
    // A fresh worker takes the dead one's place for the tests that follow.
    workers.splice(workers.indexOf(holder as ServiceProcess), 1, await startWorkerProcess(serviceEnv()));

    const stored = await readRunEvents({ db, logger: silent, runId, afterSeq: 0 });
    expect(events).toEqual(stored);
    expect(stored.map((entry) => entry.seq)).toEqual(stored.map((_, index) => index + 1));
    const terminal = stored.filter((entry) => ["complete", "error", "cancelled"].includes(entry.event.type));
    expect(terminal.map((entry) => entry.event.type)).toEqual(["complete"]);
    const run = await db.searchRun.findUniqueOrThrow({
      where: { id: runId },
      select: { attempts: true, totalAnalyzed: true, status: true },
    });
    // A second attempt at least (a third, if a loaded machine let the resuming worker's lease lapse too).
    expect(run.attempts).toBeGreaterThanOrEqual(2);
    expect(await db.analysisResult.count({ where: { runId } })).toBe(run.totalAnalyzed);
    // Every repository streamed once, whichever worker analyzed it.
    const streamed = stored.flatMap((entry) =>
      entry.event.type === "results" ? entry.event.results.map((result) => result.repo.toLowerCase()) : [],
    );
    expect(new Set(streamed).size).toBe(streamed.length);
    // What was analyzed before the kill was not sent to the LLM again.
    const { requests } = await fakes.control.openaiRequests();
    const askedAfterKill = new Set(
      requests.slice(killedAt).flatMap((request) => request.repoIds.map((id) => id.toLowerCase())),
    );
    for (const { repository } of analyzedBeforeKill) {
      expect(askedAfterKill.has(repository.fullName.toLowerCase())).toBe(false);
    }
    expect(analyzedBeforeKill.length).toBeGreaterThanOrEqual(3);
    console.log(
      `cluster: killed worker ${holder?.pid ?? "?"} after ${analyzedBeforeKill.length} results; the run completed (${run.status}) on another worker with ${run.totalAnalyzed} results`,
    );
  });

  it("lives through a PostgreSQL restart under load: every run ends, and the next search works", async () => {
    await fakes.control.setOpenAIStreaming({ timeToFirstTokenMs: 100, tokensPerSecond: 120 });
    const started = await Promise.all(
      ["10.2.0.1", "10.2.0.2", "10.2.0.3"].map((ip, index) =>
        clientOf(index % 2 === 0 ? webA : webB, ip).scout.search.mutate({
          languages: ["Python"],
          minStars: 0,
        }),
      ),
    );
    await until(
      async () =>
        (await db.analysisResult.count({ where: { runId: { in: started.map((run) => run.runId) } } })) > 0,
      "a first result",
      30_000,
      () => describeRuns(started.map((run) => run.runId)),
    );
    postgres.restart();

    const ids = started.map((run) => run.runId);
    // Ended: no longer running, and the terminal event stored (it follows the status by a moment).
    await until(
      async () => {
        try {
          const running = await db.searchRun.count({ where: { id: { in: ids }, status: "running" } });
          const ended = await db.runEvent.count({
            where: { runId: { in: ids }, type: { in: ["complete", "error", "cancelled"] } },
          });
          return running === 0 && ended >= ids.length;
        } catch {
          return false;
        }
      },
      "every run to end with its terminal event",
      60_000,
      () => describeRuns(ids),
    );
    for (const runId of ids) {
      const stored = await readRunEvents({ db, logger: silent, runId, afterSeq: 0 });
      const terminal = stored.filter((entry) =>
        ["complete", "error", "cancelled"].includes(entry.event.type),
      );
      expect(terminal).toHaveLength(1);
      expect(stored.map((entry) => entry.seq)).toEqual(stored.map((_, index) => index + 1));
    }
    const statuses = await db.searchRun.findMany({ where: { id: { in: ids } }, select: { status: true } });
    console.log(
      `cluster: after the PostgreSQL restart the runs ended ${statuses.map((run) => run.status).join(", ")}`,
    );

    const after = clientOf(webB, "10.2.0.4");
    const { runId } = await after.scout.search.mutate({ languages: ["TypeScript"], minStars: 0 });
    const events = await followRun(after, runId);
    expect(events.at(-1)?.event.type).toBe("complete");
  });
});
