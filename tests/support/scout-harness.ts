import { parseEnv } from "@/env";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { createCaller } from "@/server/api/root";
import type { DemoCatalog } from "@/server/sources/catalog/demo-catalog";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import type { Logger } from "@/server/logger";
import { localViewer, type Viewer } from "@/server/auth/viewer";
import {
  createAppDependencies,
  type AppDependencyOverrides,
  type AppDependencies,
} from "@/server/app-dependencies";
import type { ScoutEvent } from "@/shared/events";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { scoreEveryAskedRepo, startOpenAIServer, type OpenAIServer } from "../fakes/openai-server";
import { forgetCachedWork } from "./forget-cached-work";
import { createTempDb, type TempDb } from "./temp-db";

export const HARNESS_NOW = new Date("2025-06-01T12:00:00Z");
export const GITHUB_TOKEN = "fake_gh_harnessToken1234567890abcdefXYZ";
export const OPENAI_KEY = "fake_oa_harness-key-0987654321-abcdefghijklmnop";

const demoCatalog = generateDemoCatalog({ now: HARNESS_NOW });

export type Harness = {
  temp: TempDb;
  github: GitHubServer;
  openai: OpenAIServer;
  logs: string[];
  deps: (overrides?: AppDependencyOverrides & { env?: Record<string, string> }) => AppDependencies;
  /**
   * A fresh start for the next test: the test servers forget their faults and logs, and every stored
   * analysis and README is forgotten, so a search is answered by the test servers rather than by an
   * earlier test's cached work.
   */
  reset: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Real parts end to end: a migrated SQLite file, the test GitHub and LLM servers over HTTP, real clients.
 * The test GitHub server serves the demo catalog, or the catalog given.
 */
export async function startHarness({
  catalog = demoCatalog,
}: { catalog?: DemoCatalog } = {}): Promise<Harness> {
  const temp = createTempDb();
  const github = await startGitHubServer({ data: createCatalogGitHubData(catalog), token: GITHUB_TOKEN });
  const openai = await startOpenAIServer({ apiKey: OPENAI_KEY });
  const logs: string[] = [];
  const record = (message: string, details?: unknown) =>
    logs.push(
      details === undefined
        ? message
        : `${message} ${details instanceof Error ? String(details) : JSON.stringify(details)}`,
    );
  const logger: Logger = { error: record, warn: record };
  return {
    temp,
    github,
    openai,
    logs,
    deps: ({ env: envOverrides = {}, ...overrides } = {}) => {
      const env = parseEnv({
        GITHUB_TOKEN,
        OPENAI_API_KEY: OPENAI_KEY,
        GITHUB_API_URL: github.url,
        OPENAI_BASE_URL: openai.url,
        SCOUT_MAX_REPOS: "20",
        SCOUT_BATCH_SIZE: "5",
        SCOUT_BATCH_CONCURRENCY: "2",
        SCOUT_ANALYSIS_TIMEOUT_MS: "2000",
        ...envOverrides,
      });
      return createAppDependencies({
        env,
        db: temp.db,
        clock: () => HARNESS_NOW,
        logger,
        source: createLiveGitHubSource({
          token: GITHUB_TOKEN,
          apiUrl: github.url,
          readmeMaxChars: env.SCOUT_README_MAX_CHARS,
          requestTimeoutMs: env.SCOUT_GITHUB_TIMEOUT_MS,
          now: () => HARNESS_NOW,
          retry: { retries: 1, backoffBaseMs: 1 },
          throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 1, graphqlMinIntervalMs: 0 },
          logger,
        }),
        analyzer: createLlmAnalyzer({
          baseURL: openai.url,
          apiKey: OPENAI_KEY,
          model: "gpt-4o-mini",
          maxRetries: 0,
        }),
        ...overrides,
      });
    },
    reset: async () => {
      github.reset();
      openai.reset();
      await forgetCachedWork(temp.db);
    },
    close: async () => {
      await github.close();
      await openai.close();
      await temp.cleanup();
    },
  };
}

/** The API as one caller sees it: from this address, as this user (the local one unless given; null: nobody). */
export function callerFor(deps: AppDependencies, clientIp = "10.0.0.1", viewer: Viewer | null = localViewer) {
  return createCaller({ deps, clientIp, viewer });
}

export const typicalProfile = {
  languages: ["Python", "TypeScript"],
  topics: ["web", "cli"],
  skillLevel: "intermediate" as const,
  goals: "Contribute to developer tooling and web frameworks",
};

/**
 * Holds every analysis the test LLM server is asked for until `release` is called, then scores each asked
 * repository: a run stays mid-analysis for as long as a test needs.
 */
export function holdAnalyses(openai: OpenAIServer): { release: () => void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  openai.setHandler(async (request) => {
    await held;
    return scoreEveryAskedRepo(request);
  });
  return {
    release: () => {
      release();
    },
  };
}

/** Every event of the run from the start, until its terminal event. */
export async function collectRunEvents(deps: AppDependencies, runId: string): Promise<ScoutEvent[]> {
  const events: ScoutEvent[] = [];
  for await (const { event } of followRunFromStart(deps, runId)) events.push(event);
  return events;
}

/** The run's stored events from the first, then its live ones, ending after the terminal event. */
function followRunFromStart(deps: AppDependencies, runId: string) {
  return streamRunEvents({ db: deps.db, logger: deps.logger, events: deps.events, runId, afterSeq: 0 });
}

/** Resolves once the run has emitted an event matching the predicate. */
export async function waitForRunEvent(
  deps: AppDependencies,
  runId: string,
  matches: (event: ScoutEvent) => boolean,
): Promise<void> {
  for await (const { event } of followRunFromStart(deps, runId)) {
    if (matches(event)) return;
  }
  throw new Error("the run ended without the awaited event");
}
