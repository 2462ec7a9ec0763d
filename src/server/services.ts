import "server-only";
import { getEnv, type Env } from "@/env";
import type { Analyzer } from "@/server/analysis/analyzer";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic-analyzer";
import { createLlmAnalyzer } from "@/server/analysis/llm-analyzer";
import { generateDemoCatalog } from "@/server/catalog/generate-demo-catalog";
import { createDb, type Db } from "@/server/db/client";
import { createCatalogSource } from "@/server/github/catalog-source";
import type { GitHubSource } from "@/server/github/github-source";
import { createLiveGitHubSource } from "@/server/github/live-source";
import { createRedactingLogger, type Logger } from "@/server/logger";
import { RunRegistry } from "@/server/pipeline/run-registry";
import type { PipelineSettings } from "@/server/pipeline/run-pipeline";
import { createSearchRateLimiter, type SearchRateLimiter } from "@/server/rate-limit/search-rate-limiter";
import { pruneRepositories } from "@/server/runs/repo-records";
import { markInterruptedRuns } from "@/server/runs/run-store";
import type { ScoutConfig } from "@/server/schemas";

/**
 * The composition root: every long-lived dependency of the server, built once from the validated
 * environment and passed down explicitly. Tests build their own with `createServices`, overriding parts.
 */
export type Services = {
  env: Env;
  db: Db;
  source: GitHubSource;
  analyzer: Analyzer;
  registry: RunRegistry;
  rateLimiter: SearchRateLimiter;
  clock: () => Date;
  logger: Logger;
  settings: PipelineSettings;
};

export type ServiceOverrides = Partial<Omit<Services, "env">>;

export function createServices({ env, ...overrides }: { env: Env } & ServiceOverrides): Services {
  const clock = overrides.clock ?? (() => new Date());
  const logger =
    overrides.logger ?? createRedactingLogger({ secrets: [env.GITHUB_TOKEN, env.OPENAI_API_KEY] });
  return {
    env,
    clock,
    logger,
    db: overrides.db ?? createDb({ databaseUrl: env.DATABASE_URL }),
    source: overrides.source ?? createGitHubSource(env, clock),
    analyzer: overrides.analyzer ?? createAnalyzer(env, clock),
    registry: overrides.registry ?? new RunRegistry(),
    rateLimiter:
      overrides.rateLimiter ?? createSearchRateLimiter({ searchesPerHour: env.SCOUT_SEARCH_RATE_LIMIT }),
    settings: overrides.settings ?? {
      maxRepos: env.SCOUT_MAX_REPOS,
      batchSize: env.SCOUT_BATCH_SIZE,
      batchConcurrency: env.SCOUT_BATCH_CONCURRENCY,
      analysisTimeoutMs: env.SCOUT_ANALYSIS_TIMEOUT_MS,
      runTimeoutMs: env.SCOUT_RUN_TIMEOUT_MS,
    },
  };
}

function createGitHubSource(env: Env, clock: () => Date): GitHubSource {
  if (env.SCOUT_GITHUB_SOURCE === "live") {
    return createLiveGitHubSource({
      token: env.GITHUB_TOKEN,
      apiUrl: env.GITHUB_API_URL,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
      requestTimeoutMs: env.SCOUT_GITHUB_TIMEOUT_MS,
      now: clock,
    });
  }
  return createCatalogSource({
    catalog: generateDemoCatalog({ now: clock() }),
    readmeMaxChars: env.SCOUT_README_MAX_CHARS,
    now: clock,
  });
}

function createAnalyzer(env: Env, clock: () => Date): Analyzer {
  if (env.SCOUT_ANALYZER === "llm" && env.OPENAI_API_KEY) {
    return createLlmAnalyzer({
      baseURL: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      model: env.SCOUT_MODEL,
      timeoutMs: env.SCOUT_ANALYSIS_TIMEOUT_MS,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
    });
  }
  return createHeuristicAnalyzer({ now: clock });
}

export function describeConfig(env: Env): ScoutConfig {
  return {
    githubSource: env.SCOUT_GITHUB_SOURCE,
    analyzer: env.SCOUT_ANALYZER,
    model: env.SCOUT_ANALYZER === "llm" ? env.SCOUT_MODEL : null,
  };
}

/** Start-up housekeeping: runs a dead process left running become interrupted; stale repositories go. */
export async function recoverAndPrune(services: Pick<Services, "db" | "clock" | "logger">): Promise<void> {
  const interrupted = await markInterruptedRuns({ db: services.db, now: services.clock() });
  if (interrupted.length > 0)
    services.logger.warn(
      `Marked ${interrupted.length} run(s) left running by an earlier process as interrupted`,
    );
  await pruneRepositories({ db: services.db, now: services.clock() });
}

const DAY_MS = 24 * 60 * 60 * 1000;

// Next.js may evaluate server modules more than once (dev reloads, separate route bundles); one process
// must still share one database connection and one run registry.
const processWide = globalThis as typeof globalThis & {
  scoutServices?: { services: Services; ready: Promise<void> };
};

/** The process's services, and a promise that settles once start-up housekeeping is done. */
export function getServerServices(): { services: Services; ready: Promise<void> } {
  if (!processWide.scoutServices) {
    const services = createServices({ env: getEnv() });
    const ready = recoverAndPrune(services).catch((error: unknown) => {
      services.logger.error("Start-up housekeeping failed", error);
    });
    setInterval(() => {
      pruneRepositories({ db: services.db, now: services.clock() }).catch((error: unknown) => {
        services.logger.error("Daily pruning failed", error);
      });
    }, DAY_MS).unref();
    processWide.scoutServices = { services, ready };
  }
  return processWide.scoutServices;
}
