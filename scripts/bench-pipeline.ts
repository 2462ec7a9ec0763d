/**
 * Benchmarks whole searches against the test GitHub and LLM servers with injected latency, and compares
 * their time to first result and wall time with the ideal critical path those latencies and limits allow.
 * Not a test: it prints ratios. Run with `npm run bench:pipeline` (optional argument: the number of
 * cold + warm pairs to measure, default 1).
 *
 * Set-up (issue 13, "Benchmark"): SCOUT_MAX_REPOS=50, batch size 8, concurrency 3; every GitHub request is
 * held 150 ms; the LLM streams its answer with a 300 ms time to first token at 50 output tokens per second,
 * about 120 tokens per repository. Each pair is a cold search (the analysis and README caches emptied, as for
 * a query this server has not seen), then the identical search again (warm: the caches are filled). One
 * database and one server's dependencies serve every search, as in a long-running server. The test servers run in a process of their own
 * (tests/fakes/serve-fakes.ts), as GitHub and the LLM provider do: their work does not take turns with the
 * pipeline's on one event loop, and only their injected latency stands for theirs. The live source is built with
 * `graphqlMinIntervalMs: 0`: production spaces GraphQL calls 1 s apart (GitHub's secondary limits punish
 * bursts), which would otherwise measure the throttle instead of the pipeline.
 */
import { parseEnv } from "@/env";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { createRedactingLogger } from "@/server/logger";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { startSearch } from "@/server/pipeline/start-search";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { saveProfile } from "@/server/profile/profile-store";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import { searchFiltersSchema } from "@/shared/filters";
import { profileInputSchema } from "@/shared/profile";
import { type ScoutSearchResult } from "@/shared/runs";
import type { StreamingOptions } from "../tests/fakes/openai-server";
import type { FakesControl } from "../tests/e2e/support/fakes-control";
import { forgetCachedWork } from "../tests/support/forget-cached-work";
import { startFakesProcess } from "../tests/support/cluster-processes";
import { createTempDb, type TempDb } from "../tests/support/temp-db";
import { LOCAL_USER_ID } from "@/server/auth/viewer";

const GITHUB_LATENCY_MS = 150;
const TIME_TO_FIRST_TOKEN_MS = 300;
const TOKENS_PER_SECOND = 50;
const MAX_REPOS = 50;
const BATCH_SIZE = 8;
const CONCURRENCY = 3;
const GOALS = { firstResultRatio: 1.15, wallRatio: 1.05, warmFirstResultAfterDiscoveryMs: 1000 };
const TOKEN = "fake_gh_benchToken000000000000000000000000";
const API_KEY = "fake_oa_bench-000000000000000000000000";

const pairCount = Math.max(1, Number(process.argv[2] ?? 1) || 1);
const now = new Date();

/** When each upstream request of a search was sent and answered (headers), from the search's start. */
type Trip = { kind: "github" | "llm"; sentAt: number; answeredAt: number };

/** Wraps fetch to time each request up to its answer's headers; the body still streams to the caller. */
function timedFetch(kind: Trip["kind"], trips: Trip[], origin: () => number): typeof globalThis.fetch {
  return async (input, init) => {
    const sentAt = performance.now() - origin();
    const response = await fetch(input, init);
    trips.push({ kind, sentAt, answeredAt: performance.now() - origin() });
    return response;
  };
}

type RunFigures = {
  label: string;
  wallMs: number;
  discoveredMs: number;
  firstResultMs: number;
  searchPages: number;
  /**
   * The pages of the best-match search: one after another (each continues from the last one's cursor),
   * while the other lanes' pages go out side by side with them; so the ideal waits for these alone.
   */
  bestMatchPages: number;
  detailsQueries: number;
  readmeObjects: number;
  githubRequests: number;
  graphqlCost: number;
  llmCalls: number;
  llmPeakInFlight: number;
  result: ScoutSearchResult;
  trips: Trip[];
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const verdict = (met: boolean) => (met ? "met" : "NOT met");

/** One search through the real start-up path, timed from the request to each event the user would see. */
async function measureSearch(options: {
  label: string;
  deps: AppDependencies;
  fakes: FakesControl;
  /** The LLM's pace for this search; unpaced for the warm-up. */
  streaming: Pick<StreamingOptions, "timeToFirstTokenMs" | "tokensPerSecond">;
  trips: Trip[];
  clock: { start: number };
}): Promise<RunFigures> {
  const { label, deps, fakes, trips, clock } = options;
  trips.length = 0;
  await fakes.reset();
  await fakes.injectGitHub({ kind: "latency", ms: GITHUB_LATENCY_MS, times: Infinity });
  await fakes.setOpenAIStreaming(options.streaming);
  const filters = searchFiltersSchema.parse({ languages: ["Python", "TypeScript"], minStars: 0 });
  const bestMatchQuery = buildSearchQuery({ filters, today: new Date() });
  const start = performance.now();
  clock.start = start;
  let discoveredMs = 0;
  let firstResultMs = 0;
  let result: ScoutSearchResult | undefined;
  const { runId } = await startSearch({ deps, userId: LOCAL_USER_ID, filters, clientKey: "127.0.0.1" });
  for await (const { event } of streamRunEvents({
    db: deps.db,
    logger: deps.logger,
    events: deps.events,
    runId,
    afterSeq: 0,
  })) {
    const at = performance.now() - start;
    if (event.type === "status" && event.discovered !== undefined) discoveredMs = at;
    if (event.type === "results" && firstResultMs === 0) firstResultMs = at;
    if (event.type === "complete") result = event.data;
    if (event.type === "error" || event.type === "cancelled")
      throw new Error(`${label} ended with ${JSON.stringify(event)}`);
  }
  const wallMs = performance.now() - start;
  if (!result) throw new Error(`${label} ended without a result`);
  const github = await fakes.githubRequests();
  const openai = await fakes.openaiRequests();
  const graphql = github.requests.filter((request) => request.cost !== null);
  return {
    label,
    wallMs,
    discoveredMs,
    firstResultMs,
    searchPages: graphql.filter((request) => request.search).length,
    bestMatchPages: graphql.filter((request) => request.searchQuery === bestMatchQuery).length,
    detailsQueries: graphql.filter((request) => !request.search).length,
    readmeObjects: graphql.reduce((sum, request) => sum + request.readmeObjects, 0),
    githubRequests: github.count,
    graphqlCost: graphql.reduce((sum, request) => sum + (request.cost ?? 0), 0),
    llmCalls: openai.count,
    llmPeakInFlight: openai.inFlightPeak,
    result,
    trips: [...trips],
  };
}

/** The LLM's time for one batch: the first token, then its repositories' verdicts written out. */
const batchMs = (repos: number, tokensPerRepo: number) =>
  TIME_TO_FIRST_TOKEN_MS + (repos * tokensPerRepo * 1000) / TOKENS_PER_SECOND;

/** The best match's pages, one round of README+details queries side by side, then the analysis waves. */
function idealWallMs(run: RunFigures, tokensPerRepo: number): number {
  const candidates = run.result.repos.length;
  const batches = Array.from({ length: Math.ceil(candidates / BATCH_SIZE) }, (_, index) =>
    Math.min(BATCH_SIZE, candidates - index * BATCH_SIZE),
  );
  let analysis = 0;
  for (let wave = 0; wave < batches.length; wave += CONCURRENCY)
    analysis += Math.max(
      ...batches.slice(wave, wave + CONCURRENCY).map((repos) => batchMs(repos, tokensPerRepo)),
    );
  return (run.bestMatchPages + 1) * GITHUB_LATENCY_MS + analysis;
}

/** The best match's pages, one README+details query, the first token, and one repository's verdict. */
function idealFirstResultMs(run: RunFigures, tokensPerRepo: number): number {
  return (run.bestMatchPages + 1) * GITHUB_LATENCY_MS + batchMs(1, tokensPerRepo);
}

function describeRun(run: RunFigures): string {
  const { usage } = run.result;
  const github = run.trips.filter((trip) => trip.kind === "github");
  const llm = run.trips.filter((trip) => trip.kind === "llm");
  const details = github.slice(run.searchPages);
  const pages = github.slice(0, run.searchPages);
  const timeline =
    `    timeline: search pages ${pages.map((trip) => `${seconds(trip.sentAt)}-${seconds(trip.answeredAt)}`).join(", ")}; details queries sent at ${details.map((trip) => seconds(trip.sentAt)).join(", ") || "-"}, answered by ${seconds(Math.max(0, ...details.map((trip) => trip.answeredAt)))}; ` +
    `LLM calls sent at ${llm.map((trip) => seconds(trip.sentAt)).join(", ") || "-"}\n`;
  return (
    timeline +
    `${run.label}: wall ${seconds(run.wallMs)}, discovered at ${seconds(run.discoveredMs)}, first result at ${seconds(run.firstResultMs)} ` +
    `(${seconds(run.firstResultMs - run.discoveredMs)} after discovery); ${run.result.totalAnalyzed} analyzed, ${run.result.status}\n` +
    `    GitHub: ${run.githubRequests} requests (${run.searchPages} search pages + ${run.detailsQueries} README/details queries), ` +
    `${run.readmeObjects} README objects resolved, ${run.graphqlCost} GraphQL cost points; READMEs from the cache ${usage.readmesFromCache ?? 0}\n` +
    `    LLM: ${run.llmCalls} calls (peak ${run.llmPeakInFlight} in flight), ${usage.llmInputTokens} input + ${usage.llmOutputTokens} output tokens; ` +
    `${usage.cachedResults ?? 0} results from the cache, ~${usage.llmInputTokensSaved ?? 0} input tokens saved`
  );
}

async function main(): Promise<void> {
  const fakesProcess = await startFakesProcess({ githubToken: TOKEN, openaiKey: API_KEY });
  const fakes = fakesProcess.control;
  const streaming = { timeToFirstTokenMs: TIME_TO_FIRST_TOKEN_MS, tokensPerSecond: TOKENS_PER_SECOND };
  const databases: TempDb[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  /** A database and the dependencies startSearch uses, against the test servers. */
  const trips: Trip[] = [];
  const clock = { start: 0 };
  async function freshDeps(): Promise<AppDependencies> {
    const temp = createTempDb();
    databases.push(temp);
    const env = parseEnv({
      DATABASE_URL: temp.databaseUrl,
      GITHUB_TOKEN: TOKEN,
      OPENAI_API_KEY: API_KEY,
      GITHUB_API_URL: fakesProcess.githubUrl,
      OPENAI_BASE_URL: fakesProcess.openaiUrl,
      SCOUT_MAX_REPOS: String(MAX_REPOS),
      SCOUT_BATCH_SIZE: String(BATCH_SIZE),
      SCOUT_BATCH_CONCURRENCY: String(CONCURRENCY),
      SCOUT_ANALYSIS_TIMEOUT_MS: "120000",
      SCOUT_SEARCH_RATE_LIMIT: "1000",
    });
    const logger = createRedactingLogger({ secrets: [TOKEN, API_KEY] });
    await saveProfile({
      db: temp.db,
      userId: LOCAL_USER_ID,
      input: profileInputSchema.parse({
        languages: ["Python", "TypeScript"],
        topics: ["web", "cli"],
        skillLevel: "intermediate",
        goals: "Developer tooling",
      }),
    });
    return createAppDependencies({
      env,
      db: temp.db,
      clock: () => new Date(),
      logger,
      settings: {
        maxRepos: MAX_REPOS,
        analysisBatchSize: BATCH_SIZE,
        analysisBatchConcurrency: CONCURRENCY,
        analysisTimeoutMs: env.SCOUT_ANALYSIS_TIMEOUT_MS,
        runTimeoutMs: env.SCOUT_RUN_TIMEOUT_MS,
      },
      source: createLiveGitHubSource({
        token: TOKEN,
        apiUrl: fakesProcess.githubUrl,
        readmeMaxChars: env.SCOUT_README_MAX_CHARS,
        now: () => now,
        retry: { retries: 1, backoffBaseMs: 10 },
        throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 10, graphqlMinIntervalMs: 0 },
        logger,
        fetch: timedFetch("github", trips, () => clock.start),
      }),
      analyzer: createLlmAnalyzer({
        baseURL: fakesProcess.openaiUrl,
        apiKey: API_KEY,
        model: env.SCOUT_MODEL,
        fetch: timedFetch("llm", trips, () => clock.start),
      }),
    });
  }

  try {
    console.log(
      `Pipeline benchmark: ${pairCount} cold + warm pair(s); SCOUT_MAX_REPOS=${MAX_REPOS}, batch ${BATCH_SIZE}, concurrency ${CONCURRENCY}; ` +
        `GitHub ${GITHUB_LATENCY_MS} ms/request; LLM streams at ${TOKENS_PER_SECOND} tokens/s after ${TIME_TO_FIRST_TOKEN_MS} ms; ` +
        `GraphQL spacing 0 ms (production: 1000 ms)\n`,
    );
    // The first searches in a process pay one-off costs (Prisma's first queries, JIT, the test servers'
    // first GraphQL executions) that a long-lived server pays once: a pair against an unpaced LLM first.
    const deps = await freshDeps();
    for (const label of ["warm-up cold", "warm-up warm"])
      await measureSearch({ label, deps, fakes, streaming: {}, trips, clock });

    const pairs: { cold: RunFigures; warm: RunFigures }[] = [];
    for (let index = 0; index < pairCount; index += 1) {
      const run = (label: string) => measureSearch({ label, deps, fakes, streaming, trips, clock });
      await forgetCachedWork(deps.db);
      const cold = await run(`pair ${index + 1} cold`);
      const warm = await run(`pair ${index + 1} warm`);
      pairs.push({ cold, warm });
      console.log(describeRun(cold));
      console.log(describeRun(warm));
    }

    console.log("");
    for (const [index, { cold, warm }] of pairs.entries()) {
      const tokensPerRepo = cold.result.usage.llmOutputTokens / Math.max(1, cold.result.totalAnalyzed);
      const firstRatio = cold.firstResultMs / idealFirstResultMs(cold, tokensPerRepo);
      const wallRatio = cold.wallMs / idealWallMs(cold, tokensPerRepo);
      const warmAfterDiscovery = warm.firstResultMs - warm.discoveredMs;
      console.log(
        `pair ${index + 1} (${tokensPerRepo.toFixed(0)} output tokens per repository):\n` +
          `  cold time to first result ÷ ideal (${cold.bestMatchPages} best-match pages in a row + 1 details query + first token + one verdict = ${seconds(idealFirstResultMs(cold, tokensPerRepo))}): ` +
          `${firstRatio.toFixed(3)} (goal <= ${GOALS.firstResultRatio}: ${verdict(firstRatio <= GOALS.firstResultRatio)})\n` +
          `  cold wall ÷ pipelined ideal (best-match pages + 1 details round trip + analysis waves = ${seconds(idealWallMs(cold, tokensPerRepo))}): ` +
          `${wallRatio.toFixed(3)} (goal <= ${GOALS.wallRatio}: ${verdict(wallRatio <= GOALS.wallRatio)})\n` +
          `  warm LLM input tokens: ${warm.result.usage.llmInputTokens} (goal 0: ${verdict(warm.result.usage.llmInputTokens === 0)}); ` +
          `warm GitHub requests: ${warm.githubRequests} = ${warm.searchPages} search pages + ${warm.detailsQueries} details queries, ` +
          `${warm.readmeObjects} README objects (goal no README query: ${verdict(warm.readmeObjects === 0)}); ` +
          `warm first result ${seconds(warmAfterDiscovery)} after discovery (goal < 1 s: ${verdict(warmAfterDiscovery < GOALS.warmFirstResultAfterDiscoveryMs)})`,
      );
    }
    if (pairs.length > 1) {
      const median = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const middle = Math.floor(sorted.length / 2);
        return sorted.length % 2 === 1
          ? (sorted[middle] ?? 0)
          : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
      };
      const ratios = pairs.map(({ cold }) => {
        const tokensPerRepo = cold.result.usage.llmOutputTokens / Math.max(1, cold.result.totalAnalyzed);
        return {
          first: cold.firstResultMs / idealFirstResultMs(cold, tokensPerRepo),
          wall: cold.wallMs / idealWallMs(cold, tokensPerRepo),
        };
      });
      const firstMedian = median(ratios.map((ratio) => ratio.first));
      const wallMedian = median(ratios.map((ratio) => ratio.wall));
      console.log(
        `median of ${pairs.length} pairs: time to first result ${firstMedian.toFixed(3)} (goal <= ${GOALS.firstResultRatio}: ${verdict(firstMedian <= GOALS.firstResultRatio)}), ` +
          `wall ${wallMedian.toFixed(3)} (goal <= ${GOALS.wallRatio}: ${verdict(wallMedian <= GOALS.wallRatio)})`,
      );
    }
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    console.log(
      `peak RSS: ${mib(Math.max(peakRss, maxRssBytes))} (sampled every 20 ms: ${mib(peakRss)}; resourceUsage().maxRSS: ${mib(maxRssBytes)})`,
    );
  } finally {
    clearInterval(sampler);
    await fakesProcess.stop();
    for (const temp of databases) await temp.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
