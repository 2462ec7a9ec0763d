import { randomUUID } from "node:crypto";
import os from "node:os";
import { getEnv, type Env } from "@/env";
import type { Analyzer } from "@/server/analysis/analyzer";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import {
  publicUrlOf,
  createAuthFromEnv,
  createGitHubAccountSourcesFromEnv,
  createTokenCipherFromEnv,
} from "@/server/auth/auth-from-env";
import type { Auth } from "@/server/auth/create-auth";
import type { GitHubAccountSources } from "@/server/auth/github-account-sources";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { createDb, type Db } from "@/server/db/client";
import { storeKindOf } from "@/server/db/database-url";
import { createAdvisoryAdmission } from "@/server/hosted/advisory-admission";
import { createHostedServices, type HostedServices } from "@/server/hosted/hosted-services";
import { createJobDispatcher } from "@/server/hosted/job-queue";
import { createPostgresRunEventBus } from "@/server/hosted/postgres-run-event-bus";
import { createRedactingLogger, redactingAlso, type Logger } from "@/server/logger";
import type { ExecutorIdentity } from "@/server/pipeline/execute-run";
import { createInProcessDispatcher, type RunDispatcher } from "@/server/pipeline/run-dispatcher";
import { createInProcessRunEventBus, type RunEventBus } from "@/server/pipeline/run-event-bus";
import type { PipelineSettings } from "@/server/pipeline/run-pipeline";
import { RunRegistry } from "@/server/pipeline/run-registry";
import { createInProcessAdmission, type SearchAdmission } from "@/server/pipeline/search-admission";
import { createSearchRateLimiter, type SearchRateLimiter } from "@/server/rate-limit/search-rate-limiter";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { createLiveGitHubSource, type LiveGitHubSourceOptions } from "@/server/sources/github/live-source";
import type { RepositorySource } from "@/server/sources/repository-source";
import type { ScoutConfig } from "@/shared/config";
import { createDigestMailer } from "@/server/watches/digest-mail";
import {
  startInProcessWatchScheduler,
  tickWatches,
  type DigestMailSettings,
} from "@/server/watches/watch-scheduler";
import { startHousekeeping } from "./housekeeping";

export { recoverAndPrune } from "./housekeeping";

/**
 * The composition root: every long-lived dependency of the server, built once from the validated
 * environment. Each use-case receives only the part it uses; tests build their own set with
 * `createAppDependencies`, overriding parts.
 *
 * The storage engine decides how runs travel. With SQLite (the embedded default) this process executes every
 * run and announces its events itself. With PostgreSQL (the hosted mode) runs are jobs for the workers,
 * events are announced with LISTEN/NOTIFY, and the limits are kept in the database, so any number of web
 * instances and workers agree.
 */
export type AppDependencies = {
  env: Env;
  db: Db;
  source: RepositorySource;
  analyzer: Analyzer;
  /** The runs this process executes. */
  registry: RunRegistry;
  rateLimiter: SearchRateLimiter;
  clock: () => Date;
  logger: Logger;
  settings: PipelineSettings;
  events: RunEventBus;
  dispatcher: RunDispatcher;
  admission: SearchAdmission;
  /** This process as an executor of runs: its name in run leases, and how long a lease holds. */
  executor: ExecutorIdentity;
  limits: { maxActiveSearches: number; pickupTimeoutMs: number };
  /**
   * SCOUT_USER_MONTHLY_LLM_TOKENS, when the analyzer is the LLM: what each person may spend of it in a month.
   * Null: no budget (or no LLM to spend it on).
   */
  llmTokensPerMonth: number | null;
  /** The hosted mode's connections; null on SQLite. */
  hosted: HostedServices | null;
  /** Sign-in with GitHub; null in the local mode, where every request is the local user's. */
  auth: Auth | null;
  /**
   * GitHub with each person's own token (the accounts mode with live GitHub): their runs search with it instead
   * of `source`. Null wherever every run uses `source`.
   */
  githubAccounts: GitHubAccountSources | null;
  /** Where watch digests are mailed from and through (SCOUT_SMTP_URL); null: the feeds only. */
  mail: DigestMailSettings | null;
};

export type AppDependencyOverrides = Partial<Omit<AppDependencies, "env">>;

/** A PostgreSQL or SMTP URL's password is a secret like the others: logs never show it. */
function urlPassword(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const password = new URL(url).password;
  return password ? decodeURIComponent(password) : undefined;
}

function databasePassword(databaseUrl: string): string | undefined {
  return storeKindOf(databaseUrl) === "postgres" ? urlPassword(databaseUrl) : undefined;
}

export function createAppDependencies({
  env,
  ...overrides
}: { env: Env } & AppDependencyOverrides): AppDependencies {
  const clock = overrides.clock ?? (() => new Date());
  const logger =
    overrides.logger ??
    createRedactingLogger({
      secrets: [
        env.GITHUB_TOKEN,
        env.OPENAI_API_KEY,
        databasePassword(env.DATABASE_URL),
        urlPassword(env.SCOUT_SMTP_URL),
        ...(env.auth.mode === "accounts" ? [env.auth.githubClientSecret, env.auth.sessionSecret] : []),
      ],
    });
  const postgres = storeKindOf(env.DATABASE_URL) === "postgres";
  const hosted =
    overrides.hosted !== undefined
      ? overrides.hosted
      : postgres
        ? createHostedServices({
            databaseUrl: env.DATABASE_URL,
            runTimeoutMs: env.SCOUT_RUN_TIMEOUT_MS,
            logger,
          })
        : null;
  const registry = overrides.registry ?? new RunRegistry();
  const db = overrides.db ?? createDb({ databaseUrl: env.DATABASE_URL });
  const cipher = createTokenCipherFromEnv(env);
  const source = overrides.source ?? createGitHubSource(env, clock, logger);
  const analyzer = overrides.analyzer ?? createAnalyzer(env, clock);
  const deps: AppDependencies = {
    env,
    clock,
    logger,
    db,
    auth: overrides.auth !== undefined ? overrides.auth : createAuthFromEnv({ env, db, logger, cipher }),
    githubAccounts:
      overrides.githubAccounts !== undefined
        ? overrides.githubAccounts
        : createGitHubAccountSourcesFromEnv({
            env,
            db,
            logger,
            clock,
            cipher,
            webOrigin: source.webOrigin,
            createSource: (token) =>
              createLiveSource(env, clock, redactingAlso(logger, [token]), { token, tokenHolder: "person" }),
          }),
    source,
    analyzer,
    llmTokensPerMonth:
      overrides.llmTokensPerMonth !== undefined
        ? overrides.llmTokensPerMonth
        : analyzer.kind === "llm"
          ? env.SCOUT_USER_MONTHLY_LLM_TOKENS
          : null,
    registry,
    rateLimiter:
      overrides.rateLimiter ??
      createSearchRateLimiter({ searchesPerHour: env.SCOUT_SEARCH_RATE_LIMIT, pool: hosted?.pool }),
    settings: overrides.settings ?? {
      maxRepos: env.SCOUT_MAX_REPOS,
      analysisBatchSize: env.SCOUT_BATCH_SIZE,
      analysisBatchConcurrency: env.SCOUT_BATCH_CONCURRENCY,
      analysisTimeoutMs: env.SCOUT_ANALYSIS_TIMEOUT_MS,
      runTimeoutMs: env.SCOUT_RUN_TIMEOUT_MS,
    },
    events:
      overrides.events ??
      (hosted ? createPostgresRunEventBus(hosted.notifier) : createInProcessRunEventBus()),
    // Replaced just below for the embedded default, which executes with these very dependencies.
    dispatcher: overrides.dispatcher ?? (hosted ? createJobDispatcher(hosted) : placeholderDispatcher),
    admission:
      overrides.admission ??
      (hosted ? createAdvisoryAdmission(hosted.admissionPool) : createInProcessAdmission()),
    executor: overrides.executor ?? {
      owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseMs: env.SCOUT_RUN_LEASE_MS,
    },
    limits: overrides.limits ?? {
      maxActiveSearches: env.SCOUT_MAX_ACTIVE_SEARCHES,
      pickupTimeoutMs: env.SCOUT_RUN_PICKUP_TIMEOUT_MS,
    },
    hosted,
    mail:
      overrides.mail !== undefined
        ? overrides.mail
        : env.SCOUT_SMTP_URL
          ? {
              mailer: createDigestMailer({ smtpUrl: env.SCOUT_SMTP_URL, logger }),
              from: env.SCOUT_MAIL_FROM,
              publicBaseUrl: publicUrlOf(env),
            }
          : null,
  };
  if (deps.dispatcher === placeholderDispatcher) {
    deps.dispatcher = createInProcessDispatcher({ deps: () => deps, logger });
  }
  return deps;
}

const placeholderDispatcher: RunDispatcher = {
  dispatch: () => Promise.reject(new Error("No run dispatcher was set up")),
  signalCancel: () => Promise.reject(new Error("No run dispatcher was set up")),
};

function createLiveSource(
  env: Env,
  clock: () => Date,
  logger: Logger,
  credential: Pick<LiveGitHubSourceOptions, "token" | "tokenHolder">,
): RepositorySource {
  return createLiveGitHubSource({
    ...credential,
    apiUrl: env.GITHUB_API_URL,
    readmeMaxChars: env.SCOUT_README_MAX_CHARS,
    requestTimeoutMs: env.SCOUT_GITHUB_TIMEOUT_MS,
    throttle: { graphqlMinIntervalMs: env.SCOUT_GITHUB_QUERY_INTERVAL_MS },
    now: clock,
    logger,
  });
}

function createGitHubSource(env: Env, clock: () => Date, logger: Logger): RepositorySource {
  if (env.SCOUT_GITHUB_SOURCE === "live") {
    return createLiveSource(env, clock, logger, { token: env.GITHUB_TOKEN, tokenHolder: "operator" });
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

/** Closes the process's connections (tests, a stopping worker). */
export async function closeAppDependencies(deps: Pick<AppDependencies, "db" | "hosted">): Promise<void> {
  await deps.hosted?.close();
  await deps.db.$disconnect();
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
    const ready = startHousekeeping(deps).then(
      () => {
        // The hosted mode's workers run the watch scheduler (src/server/worker.ts); web instances do not.
        if (!deps.hosted && deps.env.SCOUT_WATCH_SCHEDULER) {
          startInProcessWatchScheduler({ tick: () => tickWatches(deps), logger: deps.logger });
        }
      },
      (error: unknown) => {
        deps.logger.error("Start-up housekeeping failed", error);
      },
    );
    processWide.scoutAppDependencies = { deps, ready };
  }
  return processWide.scoutAppDependencies;
}
