import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScoutClient, type ScoutClient } from "@/client";
import { parseEnv } from "@/env";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { createRandom, hashSeed, type Random } from "@/server/sources/catalog/seeded-random";
import { sqliteFilePath } from "@/server/db/migrate";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { readRunEvents } from "@/server/runs/run-events";
import type { ScoutEvent } from "@/shared/events";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import {
  createFakesControl,
  type FakesControl,
  type OpenAIInjectOptions,
} from "../e2e/support/fakes-control";
import type { GitHubFault } from "../fakes/github-server";
import type { OpenAIFault } from "../fakes/openai-server";
import { serveApi } from "../support/http-app";
import { typicalProfile } from "../support/scout-harness";
import { createTempDb, type TempDb } from "../support/temp-db";
import { within } from "../support/within";

/**
 * `npm run test:faults`: a bounded soak of the real pipeline and API (over HTTP, SSE included) against the
 * test GitHub and LLM servers. 20 searches in a row, each with random faults from a seeded generator
 * (5xx, hangs, malformed JSON, rate limits, LLM garbage, cancels at random points), and 200 subscribers
 * joining and leaving them. Afterwards the database must be sound, every run must have ended exactly once
 * with totals that match its rows, and the process's memory must be back near where it started.
 *
 * The stand-ins run in a process of their own (tests/fakes/serve-fakes.ts, steered over its control API),
 * so the memory measured here is the app's and its clients', not the stand-ins' caches of the demo catalog.
 * The seed is printed; set FAULTS_SEED to replay another one.
 */

// Test tooling, not the app: the one knob is the seed, so a failure can be replayed.
const SEED = Number(process.env.FAULTS_SEED ?? 20_261_129);
const SEARCHES = 20;
const SUBSCRIBERS_PER_SEARCH = 10;
const RUN_BOUND_MS = 15_000;
const GITHUB_TOKEN = "fake_gh_faultSoak00000000000000000000000000";
const OPENAI_KEY = "fake_oa_fault-soak-000000000000000000000000";

type Gc = () => void;
const gc = (globalThis as { gc?: Gc }).gc;

let fakesProcess: ChildProcess | undefined;
let fakes: FakesControl;
let temp: TempDb;
let deps: AppDependencies;
let api: { url: string; close: () => Promise<void> };
let client: ScoutClient;
let logLines = 0;

/** Starts serve-fakes on ports the OS picks, and reads their URLs from its ready line. */
function startFakes(): Promise<{ githubUrl: string; openaiUrl: string; controlUrl: string }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "tests/fakes/serve-fakes.ts",
      ...["--github-port", "0", "--openai-port", "0", "--control-port", "0"],
      ...["--github-token", GITHUB_TOKEN, "--openai-key", OPENAI_KEY],
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  fakesProcess = child;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      reject(new Error(`serve-fakes exited with ${String(code)} before it was ready`));
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      const ready = /^serve-fakes ready: github=(\S+) openai=(\S+) control=(\S+)$/.exec(line);
      if (ready?.[1] && ready[2] && ready[3])
        resolve({ githubUrl: ready[1], openaiUrl: ready[2], controlUrl: ready[3] });
    });
  });
}

beforeAll(async () => {
  const urls = await startFakes();
  fakes = createFakesControl(urls.controlUrl);
  temp = createTempDb();
  const env = parseEnv({
    DATABASE_URL: temp.databaseUrl,
    GITHUB_TOKEN,
    OPENAI_API_KEY: OPENAI_KEY,
    GITHUB_API_URL: urls.githubUrl,
    OPENAI_BASE_URL: urls.openaiUrl,
    SCOUT_MAX_REPOS: "20",
    SCOUT_BATCH_SIZE: "5",
    SCOUT_BATCH_CONCURRENCY: "2",
    SCOUT_SEARCH_RATE_LIMIT: "1000",
    SCOUT_GITHUB_TIMEOUT_MS: "500",
    SCOUT_RUN_TIMEOUT_MS: "6000",
    SCOUT_ANALYSIS_TIMEOUT_MS: "1500",
  });
  const countLine = () => {
    logLines += 1;
  };
  deps = createAppDependencies({
    env,
    db: temp.db,
    logger: { error: countLine, warn: countLine },
    // The production clients with their schedules shrunk: backoff n² ms, a "second" of retry-after is 1 ms.
    source: createLiveGitHubSource({
      token: GITHUB_TOKEN,
      apiUrl: env.GITHUB_API_URL,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
      requestTimeoutMs: env.SCOUT_GITHUB_TIMEOUT_MS,
      retry: { retries: 1, backoffBaseMs: 1 },
      throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 1, graphqlMinIntervalMs: 0 },
      logger: { warn: countLine, error: countLine },
    }),
    analyzer: createLlmAnalyzer({
      baseURL: env.OPENAI_BASE_URL,
      apiKey: OPENAI_KEY,
      model: env.SCOUT_MODEL,
      maxRetries: 0,
    }),
  });
  api = await serveApi(deps);
  client = createScoutClient(api.url, { EventSource });
  await client.profile.save.mutate(typicalProfile);
});
afterAll(async () => {
  await api.close();
  await temp.cleanup();
  fakesProcess?.kill("SIGTERM");
});

const isTerminal = (event: ScoutEvent) => ["complete", "error", "cancelled"].includes(event.type);

type Received = { id: number; event: ScoutEvent };

/** One SSE subscriber: follows the run from `lastEventId` to its terminal event, or leaves after `leaveAfter` events. */
function subscribe(options: {
  runId: string;
  lastEventId?: number;
  leaveAfter?: number;
  onEvent?: (entry: Received) => void;
}): Promise<{ received: Received[]; left: boolean }> {
  const { runId, lastEventId, leaveAfter, onEvent } = options;
  return new Promise((resolve, reject) => {
    const received: Received[] = [];
    const subscription = client.scout.stream.subscribe(
      { runId, ...(lastEventId === undefined ? {} : { lastEventId: String(lastEventId) }) },
      {
        onData: ({ id, data }) => {
          const entry = { id: Number(id), event: data };
          received.push(entry);
          onEvent?.(entry);
          const leaving = leaveAfter !== undefined && received.length >= leaveAfter && !isTerminal(data);
          if (isTerminal(data) || leaving) {
            // Resolved first: unsubscribing calls onComplete at once.
            resolve({ received, left: leaving });
            subscription.unsubscribe();
          }
        },
        onComplete: () => {
          resolve({ received, left: false });
        },
        onError: reject,
      },
    );
  });
}

type Plan = {
  github: GitHubFault[];
  openai: { fault: OpenAIFault; options: OpenAIInjectOptions }[];
  /** Cancel once the watcher has seen this many events. */
  cancelAfterEvents: number | null;
  labels: string[];
};

function planFaults(random: Random): Plan {
  const plan: Plan = { github: [], openai: [], cancelAfterEvents: null, labels: [] };
  const after = () => random.int(0, 3);
  const githubFaults: (() => GitHubFault)[] = [
    () => ({
      kind: "status",
      status: random.pick([500, 502, 503, 504] as const),
      times: random.int(1, 3),
      after: after(),
    }),
    () => ({ kind: "hang", times: random.int(1, 2), after: after() }),
    () => ({ kind: "malformed-json", after: after() }),
    () => ({ kind: "rate-limit", resetInSeconds: 3600, times: Infinity, after: after() }),
    () => ({ kind: "secondary-rate-limit", retryAfterSeconds: 1, after: after() }),
    () => ({ kind: "graphql-rate-limited", resetInSeconds: 3600, times: Infinity, after: after() }),
    () => ({ kind: "network-error", times: random.int(1, 2), after: after() }),
    () => ({ kind: "latency", ms: random.int(20, 300), times: random.int(1, 4) }),
  ];
  const openaiFaults: (() => { fault: OpenAIFault; options: OpenAIInjectOptions })[] = [
    () => ({ fault: { kind: "server-error" }, options: { times: random.int(1, 4) } }),
    () => ({ fault: { kind: "rate-limit", retryAfterSeconds: 1 }, options: { times: random.int(1, 2) } }),
    () => ({ fault: { kind: "invalid-json" }, options: { times: random.int(1, 2) } }),
    () => ({
      fault: {
        kind: "schema-violation",
        target: random.pick(["envelope", "score-out-of-range", "missing-field"] as const),
      },
      options: { times: random.int(1, 3) },
    }),
    () => ({ fault: { kind: "omit-repo" }, options: { times: random.int(1, 3) } }),
    () => ({ fault: { kind: "extra-repo", repo: "evil/injected" }, options: {} }),
    // Longer than SCOUT_ANALYSIS_TIMEOUT_MS: the batch times out.
    () => ({ fault: { kind: "delay", ms: 5_000 }, options: { times: random.int(1, 2) } }),
    // Every batch fails: a run in which every candidate was skipped.
    () => ({ fault: { kind: "server-error" }, options: { times: Infinity } }),
  ];
  for (let count = random.int(0, 2); count > 0; count -= 1) {
    const fault = random.pick(githubFaults)();
    plan.github.push(fault);
    plan.labels.push(`github:${fault.kind}`);
  }
  for (let count = random.int(0, 2); count > 0; count -= 1) {
    const entry = random.pick(openaiFaults)();
    plan.openai.push(entry);
    plan.labels.push(`llm:${entry.fault.kind}${entry.options.times === Infinity ? "(all)" : ""}`);
  }
  if (random.chance(0.3)) {
    plan.cancelAfterEvents = random.int(1, 14);
    plan.labels.push(`cancel@${plan.cancelAfterEvents}`);
  }
  return plan;
}

type RunReport = { status: string; githubRequests: number; labels: string[]; elapsedMs: number };

const figures = {
  runs: [] as RunReport[],
  subscribers: { joined: 0, leftEarly: 0, followedToEnd: 0, resumed: 0 },
  rssPeakMb: 0,
};

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function settleMemory(): Promise<NodeJS.MemoryUsage> {
  for (let round = 0; round < 5; round += 1) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

/** One search with its faults, its watcher, its cancel, and its subscribers joining and leaving. */
async function runOneSearch(random: Random, index: number): Promise<void> {
  await fakes.reset();
  const plan = planFaults(random);
  for (const fault of plan.github) await fakes.injectGitHub(fault);
  for (const { fault, options } of plan.openai) await fakes.injectOpenAI(fault, options);
  const what = `search ${index + 1} (${plan.labels.join(", ") || "no faults"})`;

  const started = performance.now();
  const { runId } = await client.scout.search.mutate({
    languages: random.sample(["Python", "TypeScript", "Go", "Rust", "JavaScript"], random.int(1, 2)),
    minStars: random.pick([0, 10, 100]),
  });

  const seen: Received[] = [];
  const subscribers: Promise<{ received: Received[]; left: boolean; from: number }>[] = [];
  const join = () => {
    const resume = seen.length > 0 && random.chance(0.3) ? random.pick(seen).id : undefined;
    const leaveAfter = random.chance(0.4) ? random.int(1, 6) : undefined;
    figures.subscribers.joined += 1;
    if (resume !== undefined) figures.subscribers.resumed += 1;
    const from = resume ?? 0;
    subscribers.push(
      subscribe({ runId, lastEventId: resume, leaveAfter }).then((outcome) => ({ ...outcome, from })),
    );
  };
  // Each subscriber joins once the run has emitted this many events (0: at once; beyond its end: afterwards).
  const joinAfter = Array.from({ length: SUBSCRIBERS_PER_SEARCH }, () => random.int(0, 16));
  const joinAt = (count: number) => {
    for (const after of joinAfter) if (after === count) join();
  };

  joinAt(0);
  let cancelling: Promise<unknown> | undefined;
  const watched = await within(
    subscribe({
      runId,
      onEvent: (entry) => {
        seen.push(entry);
        joinAt(seen.length);
        if (plan.cancelAfterEvents === seen.length && !isTerminal(entry.event))
          cancelling = client.scout.cancel.mutate({ runId });
      },
    }),
    RUN_BOUND_MS,
    `the end of ${what}`,
  );
  await cancelling;
  for (const after of joinAfter) if (after > seen.length) join();
  const outcomes = await within(Promise.all(subscribers), RUN_BOUND_MS, `the subscribers of ${what}`);

  const log = (await readRunEvents({ db: deps.db, logger: deps.logger, runId, afterSeq: 0 })).map(
    ({ seq, event }) => ({
      id: seq,
      event,
    }),
  );
  expect(watched.received, `the watcher of ${what}`).toEqual(log);
  for (const { received, left, from } of outcomes) {
    // Whoever joined, from wherever, got the log's events after that point, in order and without a gap.
    const expected = log.filter(({ id }) => id > from);
    if (left) {
      expect(received, `a subscriber of ${what} that left`).toEqual(expected.slice(0, received.length));
      figures.subscribers.leftEarly += 1;
    } else {
      expect(received, `a subscriber of ${what} from event ${from} to the end`).toEqual(expected);
      figures.subscribers.followedToEnd += 1;
    }
  }

  const result = await client.scout.results.query({ runId });
  const githubRequests = (await fakes.githubRequests()).count;
  // Every attempt counts, the failed and cancelled ones too.
  expect(result.usage.githubRequests, `usage.githubRequests of ${what}`).toBe(githubRequests);
  figures.runs.push({
    status: result.status,
    githubRequests,
    labels: plan.labels,
    elapsedMs: Math.round(performance.now() - started),
  });
  figures.rssPeakMb = Math.max(figures.rssPeakMb, mb(process.memoryUsage().rss));
}

/** Reads the database file directly: integrity, and each run's log, totals and status. */
async function checkDatabase() {
  const file = new Database(sqliteFilePath(temp.databaseUrl), { readonly: true });
  const integrity = String(file.pragma("integrity_check", { simple: true }));
  const foreignKeyProblems = (file.pragma("foreign_key_check") as unknown[]).length;
  file.close();

  const runs = await deps.db.searchRun.findMany({
    select: { id: true, status: true, totalAnalyzed: true },
  });
  const problems: string[] = [];
  let events = 0;
  for (const run of runs) {
    const log = await readRunEvents({ db: deps.db, logger: deps.logger, runId: run.id, afterSeq: 0 });
    events += log.length;
    const terminals = log.filter(({ event }) => isTerminal(event)).length;
    if (terminals !== 1) problems.push(`${run.id}: ${terminals} terminal events`);
    const last = log.at(-1);
    if (last && !isTerminal(last.event))
      problems.push(`${run.id}: the log does not end with its terminal event`);
    if (log.some(({ seq }, position) => seq !== position + 1))
      problems.push(`${run.id}: a gap in the event log`);
    const rows = await deps.db.analysisResult.count({ where: { runId: run.id } });
    if (rows !== run.totalAnalyzed)
      problems.push(`${run.id}: totalAnalyzed ${run.totalAnalyzed}, ${rows} rows`);
    if (run.status === "partial" && rows === 0) problems.push(`${run.id}: partial without a result`);
  }
  const running = runs.filter((run) => run.status === "running").length;
  return { integrity, foreignKeyProblems, runs: runs.length, events, problems, running };
}

describe("the fault soak", () => {
  it(`survives ${SEARCHES} searches with random faults and ${SEARCHES * SUBSCRIBERS_PER_SEARCH} subscribers`, async () => {
    expect(gc, "run it with node --expose-gc (npm run test:faults does)").toBeTypeOf("function");
    const random = createRandom(hashSeed("fault-soak", SEED));

    // Warm-up: a clean search runs every code path once, so the baseline is not a cold start.
    const warmUp = await client.scout.search.mutate({ languages: ["Python"], minStars: 0 });
    await within(subscribe({ runId: warmUp.runId }), RUN_BOUND_MS, "the warm-up search");
    const start = await settleMemory();

    const began = performance.now();
    for (let index = 0; index < SEARCHES; index += 1) await runOneSearch(random, index);
    const durationMs = performance.now() - began;

    await fakes.reset();
    const end = await settleMemory();
    const db = await checkDatabase();

    const statuses = figures.runs.map((run) => run.status);
    const byStatus = Object.fromEntries(
      [...new Set(statuses)].map((status) => [status, statuses.filter((entry) => entry === status).length]),
    );
    const rssChange = (end.rss / start.rss - 1) * 100;
    console.log(
      [
        `fault soak, seed ${SEED}: ${SEARCHES} searches in ${(durationMs / 1000).toFixed(1)} s`,
        ...figures.runs.map(
          (run, index) =>
            `  #${String(index + 1).padStart(2)} ${run.status.padEnd(9)} ${String(run.elapsedMs).padStart(5)} ms, ${String(run.githubRequests).padStart(2)} GitHub requests  ${run.labels.join(", ") || "no faults"}`,
        ),
        `  outcomes: ${JSON.stringify(byStatus)}`,
        `  subscribers: ${figures.subscribers.joined} joined (${figures.subscribers.resumed} resuming from an event id), ${figures.subscribers.leftEarly} left early, ${figures.subscribers.followedToEnd} followed to the end`,
        `  database: integrity_check ${db.integrity}, ${db.foreignKeyProblems} foreign-key problems, ${db.runs} runs, ${db.events} events`,
        `  runs left running: ${db.running}; active in the registry: ${deps.registry.activeCount}; ${logLines} log lines`,
        `  invariant problems: ${db.problems.length === 0 ? "none" : db.problems.join("; ")}`,
        `  RSS: ${mb(start.rss)} MB at start, ${figures.rssPeakMb} MB peak, ${mb(end.rss)} MB after GC (${rssChange >= 0 ? "+" : ""}${rssChange.toFixed(1)}%); heap ${mb(start.heapUsed)} -> ${mb(end.heapUsed)} MB`,
      ].join("\n"),
    );

    expect(db.integrity).toBe("ok");
    expect(db.foreignKeyProblems).toBe(0);
    expect(db.problems).toEqual([]);
    expect(db.running).toBe(0);
    expect(db.runs).toBe(SEARCHES + 1);
    expect(deps.registry.activeCount).toBe(0);
    expect(figures.subscribers.joined).toBe(SEARCHES * SUBSCRIBERS_PER_SEARCH);
    expect(rssChange).toBeLessThanOrEqual(20);
  });
});
