import { DAY_MS } from "@/lib/dates";
import "server-only";
import { getEnv, type Env } from "@/env";
import type { Analyzer } from "@/server/analysis/analyzer";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createDb, type Db } from "@/server/db/client";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { RepositorySource } from "@/server/sources/repository-source";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { createRedactingLogger, type Logger } from "@/server/logger";
import { RunRegistry } from "@/server/pipeline/run-registry";
import type { PipelineSettings } from "@/server/pipeline/run-pipeline";
import { createSearchRateLimiter, type SearchRateLimiter } from "@/server/rate-limit/search-rate-limiter";
import { deleteExpiredAnalyses } from "@/server/cache/analysis-cache";
import { deleteStaleReadmes } from "@/server/cache/readme-cache";
import { pruneRepositories } from "@/server/repos/repo-records";
import { markInterruptedRuns } from "@/server/runs/recover-interrupted-runs";
import type { ScoutConfig } from "@/shared/config";

/**
 * The composition root: every long-lived dependency of the server, built once from the validated
 * environment. Each use-case receives only the part it uses; tests build their own set with
 * `createAppDependencies`, overriding parts.
 */
export type AppDependencies = {
  env: Env;
  db: Db;
  source: RepositorySource;
  analyzer: Analyzer;
  registry: RunRegistry;
  rateLimiter: SearchRateLimiter;
  clock: () => Date;
  logger: Logger;
  settings: PipelineSettings;
};

export type AppDependencyOverrides = Partial<Omit<AppDependencies, "env">>;

export function createAppDependencies({
  env,
  ...overrides
}: { env: Env } & AppDependencyOverrides): AppDependencies {
  const clock = overrides.clock ?? (() => new Date());
  const logger =
    overrides.logger ?? createRedactingLogger({ secrets: [env.GITHUB_TOKEN, env.OPENAI_API_KEY] });
  return {
    env,
    clock,
    logger,
    db: overrides.db ?? createDb({ databaseUrl: env.DATABASE_URL }),
    source: overrides.source ?? createGitHubSource(env, clock, logger),
    analyzer: overrides.analyzer ?? createAnalyzer(env, clock),
    registry: overrides.registry ?? new RunRegistry(),
    rateLimiter:
      overrides.rateLimiter ?? createSearchRateLimiter({ searchesPerHour: env.SCOUT_SEARCH_RATE_LIMIT }),
    settings: overrides.settings ?? {
      maxRepos: env.SCOUT_MAX_REPOS,
      analysisBatchSize: env.SCOUT_BATCH_SIZE,
      analysisBatchConcurrency: env.SCOUT_BATCH_CONCURRENCY,
      analysisTimeoutMs: env.SCOUT_ANALYSIS_TIMEOUT_MS,
      runTimeoutMs: env.SCOUT_RUN_TIMEOUT_MS,
    },
  };
}

function createGitHubSource(env: Env, clock: () => Date, logger: Logger): RepositorySource {
  if (env.SCOUT_GITHUB_SOURCE === "live") {
    return createLiveGitHubSource({
      token: env.GITHUB_TOKEN,
      apiUrl: env.GITHUB_API_URL,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
      requestTimeoutMs: env.SCOUT_GITHUB_TIMEOUT_MS,
      now: clock,
      logger,
    });
  }
  return createCatalogSource({
    catalog: generateDemoCatalog({ now: clock() }),
    readmeMaxChars: env.SCOUT_README_MAX_CHARS,
    now: clock,
  });
}

function createAnalyzer(env: Env, clock: () => Date): Analyzer {
  if (env.SCOUT_ANALYZER === "llm") {
    return createLlmAnalyzer({
      baseURL: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      model: env.SCOUT_MODEL,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
      now: clock,
    });
  }
  return createHeuristicAnalyzer({ now: clock });
}

/** What actually runs: read from the source and analyzer that were built (or injected), not from env. */
export function describeConfig({
  source,
  analyzer,
}: Pick<AppDependencies, "source" | "analyzer">): ScoutConfig {
  return {
    githubSource: source.kind,
    analyzer: analyzer.kind,
    model: analyzer.model,
    githubWebOrigin: source.webOrigin,
  };
}

/** Stale repositories, expired cached analyses and long-unused cached READMEs go. */
async function pruneStaleData(deps: Pick<AppDependencies, "db" | "clock">): Promise<void> {
  await pruneRepositories({ db: deps.db, now: deps.clock() });
  await deleteExpiredAnalyses({ db: deps.db, now: deps.clock() });
  await deleteStaleReadmes({ db: deps.db, now: deps.clock() });
}

/** Start-up housekeeping: runs a dead process left running become interrupted; stale data goes. */
export async function recoverAndPrune(deps: Pick<AppDependencies, "db" | "clock" | "logger">): Promise<void> {
  const interrupted = await markInterruptedRuns({ db: deps.db, now: deps.clock() });
  if (interrupted.length > 0)
    deps.logger.warn(`Marked ${interrupted.length} run(s) left running by an earlier process as interrupted`);
  await pruneStaleData(deps);
}

// Next.js may evaluate server modules more than once (dev reloads, separate route bundles); one process
// must still share one database connection and one run registry.
const processWide = globalThis as typeof globalThis & {
  scoutAppDependencies?: { deps: AppDependencies; ready: Promise<void> };
};

/** The process's dependencies, and a promise that settles once start-up housekeeping is done. */
export function getAppDependencies(): { deps: AppDependencies; ready: Promise<void> } {
  if (!processWide.scoutAppDependencies) {
    const deps = createAppDependencies({ env: getEnv() });
    const ready = recoverAndPrune(deps).catch((error: unknown) => {
      deps.logger.error("Start-up housekeeping failed", error);
    });
    setInterval(() => {
      pruneStaleData(deps).catch((error: unknown) => {
        deps.logger.error("Daily pruning failed", error);
      });
    }, DAY_MS).unref();
    processWide.scoutAppDependencies = { deps, ready };
  }
  return processWide.scoutAppDependencies;
}
