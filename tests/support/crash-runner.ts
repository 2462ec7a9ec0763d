import { writeSync } from "node:fs";
import { z } from "zod";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { createDb, type Db } from "@/server/db/client";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { driveRun } from "@/server/pipeline/drive-run";
import { createInProcessRunEventBus } from "@/server/pipeline/run-event-bus";
import { runSearchPipeline } from "@/server/pipeline/run-pipeline";
import { createRun } from "@/server/runs/run-writes";
import { searchFiltersSchema } from "@/shared/filters";
import { LOCAL_USER_ID } from "@/server/auth/viewer";

/**
 * A search in a process of its own, for tests that kill it for real (SIGKILL). It runs the real pipeline
 * on the given SQLite file against the test servers. Once at least `freezeAtResults` analyses are
 * committed, it reports "frozen <count>" on stdout and stops its event loop dead, right after that commit
 * and before anything else is written: the moment a crash hurts most. The parent then kills it.
 *
 * Usage: node --import tsx tests/support/crash-runner.ts '<json config>'
 */

const configSchema = z.object({
  databaseUrl: z.string(),
  runId: z.string(),
  githubUrl: z.string(),
  githubToken: z.string(),
  openaiUrl: z.string(),
  openaiKey: z.string(),
  freezeAtResults: z.number().int().positive(),
  /** The test servers' "today", so that "active in the last 6 months" means the same on both sides. */
  now: z.iso.datetime(),
});
const config = configSchema.parse(JSON.parse(process.argv[2] ?? "{}"));

const SAFETY_EXIT_MS = 60_000;

/** Blocks the whole process (no timer, no I/O callback runs) until it is killed, or gives up after a minute. */
function freeze(count: number): never {
  writeSync(1, `frozen ${count}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SAFETY_EXIT_MS);
  process.exit(1);
}

/** The database, with a check after every transaction: enough analyses committed means freeze now. */
function freezingAfterResults(db: Db, threshold: number): Db {
  const $transaction = (async (...args: Parameters<Db["$transaction"]>) => {
    const outcome: unknown = await (db.$transaction as (...a: typeof args) => Promise<unknown>)(...args);
    const count = await db.analysisResult.count({ where: { runId: config.runId } });
    if (count >= threshold) freeze(count);
    return outcome;
  }) as Db["$transaction"];
  return new Proxy(db, {
    get: (target, property, receiver) =>
      property === "$transaction" ? $transaction : (Reflect.get(target, property, receiver) as unknown),
  });
}

const now = () => new Date(config.now);
const filters = searchFiltersSchema.parse({ languages: ["Python"], minStars: 0 });
const logger = { error: () => {}, warn: () => {} };

const db = freezingAfterResults(createDb({ databaseUrl: config.databaseUrl }), config.freezeAtResults);
await createRun({
  db,
  runId: config.runId,
  userId: LOCAL_USER_ID,
  filters,
  clientKey: "crash-runner",
  now: now(),
});
const events = runSearchPipeline({
  runId: config.runId,
  userId: LOCAL_USER_ID,
  filters,
  profile: { languages: ["Python"], topics: ["cli"], skillLevel: "intermediate", goals: "" },
  signal: new AbortController().signal,
  deps: {
    db,
    clock: now,
    logger,
    settings: {
      maxRepos: 20,
      analysisBatchSize: 5,
      analysisBatchConcurrency: 1,
      analysisTimeoutMs: 10_000,
      runTimeoutMs: 60_000,
    },
    source: createLiveGitHubSource({
      token: config.githubToken,
      apiUrl: config.githubUrl,
      readmeMaxChars: 2_000,
      now,
      retry: { retries: 0, backoffBaseMs: 1 },
      throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 1, graphqlMinIntervalMs: 0 },
      logger: { warn: () => {}, error: () => {} },
    }),
    analyzer: createLlmAnalyzer({
      baseURL: config.openaiUrl,
      apiKey: config.openaiKey,
      model: "gpt-4o-mini",
      maxRetries: 0,
    }),
  },
});
await driveRun({ runId: config.runId, events, db, bus: createInProcessRunEventBus(), logger, clock: now });
const run = await db.searchRun.findUnique({ where: { id: config.runId }, select: { status: true } });
writeSync(1, `finished ${run?.status ?? "missing"}\n`);
