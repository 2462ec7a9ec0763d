import { EventSource } from "eventsource";
import { createScoutClient, type ScoutClient } from "@/client";
import { createDb } from "@/server/db/client";
import { migrateStore } from "@/server/db/migrate-store";
import type { ScoutEvent } from "@/shared/events";
import type { SearchFiltersInput } from "@/shared/filters";
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
 * A worker runs `per-worker` searches at once (SCOUT_WORKER_CONCURRENCY; 5 here, where the app's default is 4).
 * Searches of about equal length run in rounds: with 4 a worker, twenty fill 5 rounds on one worker and 3 on
 * two, so no system could beat 5/3 = 1.67; with 5, the rounds are 4 and 2 and the ratio can reach 2. The
 * ideal for the chosen numbers is printed beside the measured one.
 *
 * GitHub's queries go out without the one-second pacing production keeps (SCOUT_GITHUB_QUERY_INTERVAL_MS=0),
 * as in bench:pipeline: the pacing is per process, so it would make each worker a queue of its own. The test
 * GitHub server writes its repositories' activity before it serves (`warm`): left to the first visit, that
 * work of the stand-in's would be timed as the app's. Each burst follows a warm-up round on other languages,
 * a search for every worker slot.
 */

const SEARCHES = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const WORKER_CONCURRENCY = Math.max(1, Number(process.argv[3] ?? 5) || 5);
const GITHUB_LATENCY_MS = 150;
const TIME_TO_FIRST_TOKEN_MS = 300;
const TOKENS_PER_SECOND = 100;
const GITHUB_TOKEN = "fake_gh_benchCluster000000000000000000000";
const OPENAI_KEY = "fake_oa_benchCluster-00000000000000000000";
const GOALS = { throughputRatio: 1.8, crossInstanceDelayP95Ms: 50 };

/**
 * Twenty searches that share no repository: five languages, each cut into four star bands. Shared
 * repositories would let later searches reuse earlier ones' cached analyses, and how many do depends on how
 * many ran side by side, which is the very thing compared; distinct searches make both bursts do the same work.
 */
const BENCH_LANGUAGES = ["Python", "TypeScript", "JavaScript", "Go", "Rust"] as const;
const STAR_BANDS = [
  { minStars: 0, maxStars: 8 },
  { minStars: 9, maxStars: 34 },
  { minStars: 35, maxStars: 160 },
  { minStars: 161 },
] as const;

/** Languages the burst leaves alone, for the warm-up round. */
const WARM_UP_LANGUAGES = [
  "Java",
  "C++",
  "C",
  "C#",
  "PHP",
  "Kotlin",
  "Ruby",
  "Swift",
  "Shell",
  "Dart",
] as const;

function distinctSearch(index: number): SearchFiltersInput {
  const language = BENCH_LANGUAGES[index % BENCH_LANGUAGES.length] ?? "Python";
  const band = STAR_BANDS[Math.floor(index / BENCH_LANGUAGES.length) % STAR_BANDS.length] ?? STAR_BANDS[0];
  return { languages: [language], ...band };
}

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
    fakes = await startFakesProcess({ githubToken: GITHUB_TOKEN, openaiKey: OPENAI_KEY, warm: true });
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
        SCOUT_GITHUB_QUERY_INTERVAL_MS: "0",
        SCOUT_MAX_ACTIVE_SEARCHES: String(SEARCHES + 2 * WORKER_CONCURRENCY),
      },
    });
    const [webA, webB] = await Promise.all([startApiInstance(env), startApiInstance(env)]);
    services.push(webA, webB);
    services.push(...(await Promise.all(Array.from({ length: workerCount }, () => startWorkerProcess(env)))));

    const client = (url: string, index: number): ScoutClient =>
      createScoutClient(url, {
        EventSource,
        headers: { "x-forwarded-for": `10.9.${Math.floor(index / 250)}.${(index % 250) + 1}` },
      });
    await client(webA.url, 0).profile.save.mutate({
      languages: ["Python", "TypeScript"],
      topics: ["web", "cli"],
      skillLevel: "intermediate",
      goals: "Developer tooling",
    });

    /** Starts a search on instance A as client `index` and follows it on instance B to its last event. */
    const runSearch = async (
      index: number,
      filters: SearchFiltersInput,
      onEvent: (runId: string, seq: number, event: ScoutEvent) => void = () => undefined,
    ): Promise<{ runId: string; last: ScoutEvent }> => {
      const { runId } = await client(webA.url, index).scout.search.mutate(filters);
      const last = await new Promise<ScoutEvent>((resolve, reject) => {
        const subscription = client(webB.url, index).scout.stream.subscribe(
          { runId },
          {
            onData: ({ id, data }) => {
              onEvent(runId, Number(id), data);
              if (data.type === "complete" || data.type === "error" || data.type === "cancelled") {
                subscription.unsubscribe();
                resolve(data);
              }
            },
            onError: reject,
          },
        );
      });
      return { runId, last };
    };

    // One round of searches on other repositories first, a slot each, so the burst times running
    // processes rather than their first minute (compiling hot code, opening connections).
    const slots = workerCount * WORKER_CONCURRENCY;
    await Promise.all(
      Array.from({ length: slots }, (_, index) =>
        runSearch(SEARCHES + index, {
          languages: [WARM_UP_LANGUAGES[index % WARM_UP_LANGUAGES.length] ?? "Java"],
          minStars: 0,
        }),
      ),
    );

    const deliveries: Delivery[] = [];
    const origin = performance.now();
    const runs = await Promise.all(
      Array.from({ length: SEARCHES }, async (_, index): Promise<RunTiming & { runId: string }> => {
        const startedMs = performance.now() - origin;
        let firstResultMs: number | null = null;
        const { runId, last } = await runSearch(index, distinctSearch(index), (runId, seq, event) => {
          deliveries.push({ runId, seq, receivedAt: Date.now() });
          if (event.type === "results" && firstResultMs === null) firstResultMs = performance.now() - origin;
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
const rounds = (slots: number) => Math.ceil(SEARCHES / slots);
const idealRatio = rounds(WORKER_CONCURRENCY) / rounds(2 * WORKER_CONCURRENCY);
console.log(
  `throughput ratio (2 workers ÷ 1): ${ratio.toFixed(2)}   (goal ≥ ${GOALS.throughputRatio}; ${idealRatio.toFixed(2)} if searches ran in even rounds)`,
);
console.log(
  `cross-instance event delay, stored → received on the other instance, over ${delays.length} events: p50 ${ms(percentile(delays, 50))}, p95 ${ms(percentile(delays, 95))} (goal < ${GOALS.crossInstanceDelayP95Ms} ms), p99 ${ms(percentile(delays, 99))}`,
);
