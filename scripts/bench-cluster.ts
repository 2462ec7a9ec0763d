import { EventSource } from "eventsource";
import { createScoutClient, type ScoutClient } from "@/client";
import { createDb } from "@/server/db/client";
import { migrateStore } from "@/server/db/migrate-store";
import type { ScoutEvent } from "@/shared/events";
import {
  hostedServiceEnv,
  startApiInstance,
  startFakesProcess,
  startWorkerProcess,
  type FakesProcess,
  type ServiceProcess,
} from "../tests/support/cluster-processes";
import { startPostgresCluster } from "./lib/postgres-cluster";

/**
 * `npm run bench:cluster [searches] [per-worker]`: the hosted mode under a burst. 20 clients each start a search at
 * once through web instance A and follow it through web instance B, against the test GitHub server (150 ms
 * a request) and a streaming test LLM; first with one worker, then with two. It prints the throughput ratio
 * (two workers ÷ one), the time to each search's first result, and the cross-instance event delay: from the
 * moment a worker stored an event to the moment a subscriber on the other web instance received it.
 * A worker runs `per-worker` searches at once (SCOUT_WORKER_CONCURRENCY, default 4). The burst runs
 * roughly in waves (20 searches: 5 on one worker of 4, 3 on two), blurred by searches of unequal length.
 */

const SEARCHES = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const WORKER_CONCURRENCY = Math.max(1, Number(process.argv[3] ?? 4) || 4);
const GITHUB_LATENCY_MS = 150;
const TIME_TO_FIRST_TOKEN_MS = 300;
const TOKENS_PER_SECOND = 100;
const GITHUB_TOKEN = "fake_gh_benchCluster000000000000000000000";
const OPENAI_KEY = "fake_oa_benchCluster-00000000000000000000";
const GOALS = { throughputRatio: 1.8, crossInstanceDelayP95Ms: 50 };

type RunTiming = { startedMs: number; firstResultMs: number | null; endedMs: number; status: string };
type Delivery = { runId: string; seq: number; receivedAt: number };

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (value: number) => (Number.isNaN(value) ? "n/a" : `${Math.round(value)} ms`);

async function runBurst(
  workerCount: number,
): Promise<{ wallMs: number; runs: RunTiming[]; delaysMs: number[] }> {
  const postgres = await startPostgresCluster();
  const services: ServiceProcess[] = [];
  let fakes: FakesProcess | undefined;
  try {
    const databaseUrl = await postgres.createDatabase("scout_bench");
    await migrateStore({ databaseUrl });
    fakes = await startFakesProcess({ githubToken: GITHUB_TOKEN, openaiKey: OPENAI_KEY });
    await fakes.control.injectGitHub({
      kind: "latency",
      ms: GITHUB_LATENCY_MS,
      times: Number.POSITIVE_INFINITY,
    });
    await fakes.control.setOpenAIStreaming({
      timeToFirstTokenMs: TIME_TO_FIRST_TOKEN_MS,
      tokensPerSecond: TOKENS_PER_SECOND,
    });
    const env = hostedServiceEnv({
      databaseUrl,
      fakes,
      githubToken: GITHUB_TOKEN,
      openaiKey: OPENAI_KEY,
      overrides: {
        SCOUT_BATCH_SIZE: "8",
        SCOUT_BATCH_CONCURRENCY: "2",
        SCOUT_ANALYSIS_TIMEOUT_MS: "120000",
        SCOUT_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
        SCOUT_MAX_ACTIVE_SEARCHES: String(SEARCHES),
      },
    });
    const [webA, webB] = await Promise.all([startApiInstance(env), startApiInstance(env)]);
    services.push(webA, webB);
    services.push(...(await Promise.all(Array.from({ length: workerCount }, () => startWorkerProcess(env)))));

    const client = (url: string, index: number): ScoutClient =>
      createScoutClient(url, { EventSource, headers: { "x-forwarded-for": `10.9.0.${index + 1}` } });
    await client(webA.url, 0).profile.save.mutate({
      languages: ["Python", "TypeScript"],
      topics: ["web", "cli"],
      skillLevel: "intermediate",
      goals: "Developer tooling",
    });

    const deliveries: Delivery[] = [];
    const origin = performance.now();
    const languages = [["Python"], ["TypeScript"], ["Python", "TypeScript"], ["Go"], ["Rust"]];
    const runs = await Promise.all(
      Array.from({ length: SEARCHES }, async (_, index): Promise<RunTiming & { runId: string }> => {
        const startedMs = performance.now() - origin;
        const { runId } = await client(webA.url, index).scout.search.mutate({
          languages: languages[index % languages.length] ?? ["Python"],
          minStars: 0,
        });
        let firstResultMs: number | null = null;
        const last = await new Promise<ScoutEvent>((resolve, reject) => {
          const subscription = client(webB.url, index).scout.stream.subscribe(
            { runId },
            {
              onData: ({ id, data }) => {
                deliveries.push({ runId, seq: Number(id), receivedAt: Date.now() });
                if (data.type === "results" && firstResultMs === null)
                  firstResultMs = performance.now() - origin;
                if (data.type === "complete" || data.type === "error" || data.type === "cancelled") {
                  subscription.unsubscribe();
                  resolve(data);
                }
              },
              onError: reject,
            },
          );
        });
        return { runId, startedMs, firstResultMs, endedMs: performance.now() - origin, status: last.type };
      }),
    );
    const wallMs = Math.max(...runs.map((run) => run.endedMs));

    // When each event was stored, by the database's clock (the same machine's): the delay to its arrival.
    const db = createDb({ databaseUrl });
    const stored = await db.runEvent.findMany({
      where: { runId: { in: runs.map((run) => run.runId) } },
      select: { runId: true, seq: true, createdAt: true },
    });
    await db.$disconnect();
    const storedAt = new Map(stored.map((row) => [`${row.runId} ${row.seq}`, row.createdAt.getTime()]));
    const delaysMs = deliveries.flatMap((delivery) => {
      const at = storedAt.get(`${delivery.runId} ${delivery.seq}`);
      return at === undefined ? [] : [Math.max(0, delivery.receivedAt - at)];
    });
    return { wallMs, runs, delaysMs };
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await fakes?.stop();
    postgres.stop();
  }
}

const one = await runBurst(1);
const two = await runBurst(2);
const throughput = (burst: { wallMs: number; runs: RunTiming[] }) =>
  burst.runs.length / (burst.wallMs / 1000);
const ratio = throughput(two) / throughput(one);
const firstResults = (burst: { runs: RunTiming[] }) =>
  burst.runs.flatMap((run) => (run.firstResultMs === null ? [] : [run.firstResultMs - run.startedMs]));
const delays = [...one.delaysMs, ...two.delaysMs];

console.log(
  `\n${SEARCHES} searches from ${SEARCHES} clients at once; workers take ${WORKER_CONCURRENCY} each`,
);
for (const [label, burst] of [
  ["1 worker ", one],
  ["2 workers", two],
] as const) {
  const statuses = burst.runs.map((run) => run.status);
  console.log(
    `${label}: wall ${(burst.wallMs / 1000).toFixed(1)} s, ${throughput(burst).toFixed(3)} searches/s, first result p50 ${ms(percentile(firstResults(burst), 50))} p95 ${ms(percentile(firstResults(burst), 95))}, outcomes ${statuses.filter((status) => status === "complete").length}/${statuses.length} complete`,
  );
}
console.log(`throughput ratio (2 workers ÷ 1): ${ratio.toFixed(2)}   (goal ≥ ${GOALS.throughputRatio})`);
console.log(
  `cross-instance event delay, stored → received on the other instance, over ${delays.length} events: p50 ${ms(percentile(delays, 50))}, p95 ${ms(percentile(delays, 95))} (goal < ${GOALS.crossInstanceDelayP95Ms} ms), p99 ${ms(percentile(delays, 99))}`,
);
