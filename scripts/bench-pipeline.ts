/**
 * Benchmarks one whole search against the test GitHub and LLM servers with injected latency, and compares
 * its wall time with the ideal critical path those latencies and limits allow. Not a test: it prints.
 * Run with `npm run bench:pipeline` (optional argument: the number of runs, default 3).
 *
 * Set-up (issue 5, "Benchmark"): SCOUT_MAX_REPOS=50, batch size 8, concurrency 3; every GitHub request is
 * held 150 ms, every LLM call 2 s. The live source is built with `graphqlMinIntervalMs: 0`: production
 * spaces GraphQL calls 1 s apart (GitHub's secondary limits punish bursts), which would otherwise add about
 * 1 s per GitHub request and measure the throttle instead of the pipeline.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseEnv } from "@/env";
import { createLlmAnalyzer } from "@/server/analysis/llm-analyzer";
import { generateDemoCatalog } from "@/server/catalog/generate-demo-catalog";
import { README_BATCH_SIZE, SEARCH_PAGE_SIZE } from "@/server/github/graphql-queries";
import { createLiveGitHubSource } from "@/server/github/live-source";
import { createRedactingLogger } from "@/server/logger";
import { RunRegistry } from "@/server/pipeline/run-registry";
import { startSearch, type StartSearchDeps } from "@/server/pipeline/start-search";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { saveProfile } from "@/server/profile/profile-store";
import { createSearchRateLimiter } from "@/server/rate-limit/search-rate-limiter";
import { profileInputSchema, searchFiltersSchema, type ScoutEvent } from "@/server/schemas";
import { createCatalogGitHubData } from "../tests/fakes/catalog-github-data";
import { startGitHubServer } from "../tests/fakes/github-server";
import { scoreEveryAskedRepo, startOpenAIServer } from "../tests/fakes/openai-server";
import { createTempDb } from "../tests/support/temp-db";

const GITHUB_LATENCY_MS = 150;
const LLM_LATENCY_MS = 2000;
const MAX_REPOS = 50;
const BATCH_SIZE = 8;
const CONCURRENCY = 3;
const GOAL_RATIO = 1.1;
const TOKEN = "fake_gh_benchToken000000000000000000000000";
const API_KEY = "fake_oa_bench-000000000000000000000000";

const runCount = Math.max(1, Number(process.argv[2] ?? 3) || 3);
// The first search in a process pays one-off costs (Prisma's first queries, JIT, the test server's first
// GraphQL executions); a long-lived server pays them once, so it is shown but not averaged.
const WARM_UP_RUNS = 1;
const now = new Date();

type RoundTrip = { kind: "search" | "readme" | "llm"; ms: number; end: number };

/** Wraps fetch to time every upstream round trip, so the wall time can be split into waiting and the rest. */
function timedFetch(
  trips: RoundTrip[],
  classify: (init: RequestInit | undefined) => RoundTrip["kind"],
): typeof globalThis.fetch {
  return async (input, init) => {
    const start = performance.now();
    const response = await fetch(input, init);
    // The body is read by the caller; buffering it here keeps its transfer inside the timed round trip.
    const body = await response.arrayBuffer();
    const end = performance.now();
    trips.push({ kind: classify(init), ms: end - start, end });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

type PhaseMarks = {
  start: number;
  discovered: number;
  fetching: number;
  analyzing: number;
  firstResults: number;
  done: number;
};

type RunFigures = {
  wallMs: number;
  idealMs: number;
  ratio: number;
  searchPages: number;
  readmeQueries: number;
  githubRequests: number;
  /** GraphQL rate-limit points the test server charged (GitHub's formula), discovery and README queries. */
  searchCost: number;
  readmeCost: number;
  llmCalls: number;
  llmPeakInFlight: number;
  candidates: number;
  totalFiltered: number;
  status: string;
  marks: PhaseMarks;
  trips: RoundTrip[];
};

/** The ideal critical path: sequential discovery pages, the README+details queries as issued, then waves of batches. */
function idealCriticalPathMs({
  searchPages,
  readmeQueries,
  candidates,
}: {
  searchPages: number;
  readmeQueries: number;
  candidates: number;
}): number {
  const waves = Math.ceil(Math.ceil(candidates / BATCH_SIZE) / CONCURRENCY);
  return (searchPages + readmeQueries) * GITHUB_LATENCY_MS + waves * LLM_LATENCY_MS;
}

/** Where the time went: upstream round trips (injected latency + test-server work) against the phases' wall time. */
function describeRoundTrips(run: RunFigures): string {
  const sum = (kind: RoundTrip["kind"]) =>
    run.trips.filter((trip) => trip.kind === kind).reduce((total, trip) => total + trip.ms, 0);
  const llm = run.trips.filter((trip) => trip.kind === "llm");
  const llmMean = llm.reduce((total, trip) => total + trip.ms, 0) / Math.max(1, llm.length);
  const search = sum("search");
  const readme = sum("readme");
  const analysis = run.marks.done - run.marks.analyzing;
  const waves = Math.ceil(Math.ceil(run.candidates / BATCH_SIZE) / CONCURRENCY);
  const glue = run.wallMs - search - readme - analysis;
  const lastSearchEnd =
    Math.max(...run.trips.filter((trip) => trip.kind === "search").map((trip) => trip.end)) - run.marks.start;
  const afterDiscovery = run.marks.discovered - lastSearchEnd;
  return (
    `round trips: search ${Math.round(search)} ms (injected ${run.searchPages * GITHUB_LATENCY_MS}), ` +
    `README+details ${Math.round(readme)} ms (injected ${run.readmeQueries * GITHUB_LATENCY_MS}), ` +
    `LLM mean ${Math.round(llmMean)} ms (injected ${LLM_LATENCY_MS}); analysis phase ${Math.round(analysis)} ms for ${waves} waves; ` +
    `everything else (DB, events, filtering) ${Math.round(glue)} ms, of which ${Math.round(afterDiscovery)} ms between the last search ` +
    `answer and "Discovered" (upserting every discovered repository)`
  );
}

const format = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const temp = createTempDb();
  const github = await startGitHubServer({
    data: createCatalogGitHubData(generateDemoCatalog({ now })),
    token: TOKEN,
  });
  // A handler that waits, rather than a queued delay fault, so every call of every run is held the same.
  const slowLlm = async (request: Parameters<typeof scoreEveryAskedRepo>[0]) => {
    await sleep(LLM_LATENCY_MS);
    return scoreEveryAskedRepo(request);
  };
  const openai = await startOpenAIServer({ apiKey: API_KEY, handler: slowLlm });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  try {
    const env = parseEnv({
      DATABASE_URL: temp.databaseUrl,
      GITHUB_TOKEN: TOKEN,
      OPENAI_API_KEY: API_KEY,
      GITHUB_API_URL: github.url,
      OPENAI_BASE_URL: openai.url,
      SCOUT_MAX_REPOS: String(MAX_REPOS),
      SCOUT_BATCH_SIZE: String(BATCH_SIZE),
      SCOUT_BATCH_CONCURRENCY: String(CONCURRENCY),
      SCOUT_SEARCH_RATE_LIMIT: "1000",
    });
    const clock = () => now;
    const trips: RoundTrip[] = [];
    const githubFetch = timedFetch(trips, (init) =>
      typeof init?.body === "string" && init.body.includes("search(") ? "search" : "readme",
    );
    const llmFetch = timedFetch(trips, () => "llm");
    const logger = createRedactingLogger({ secrets: [TOKEN, API_KEY] });
    // Only what startSearch uses; the composition root itself is a `server-only` module.
    const deps: StartSearchDeps = {
      db: temp.db,
      clock,
      logger,
      registry: new RunRegistry(),
      rateLimiter: createSearchRateLimiter({ searchesPerHour: env.SCOUT_SEARCH_RATE_LIMIT }),
      settings: {
        maxRepos: MAX_REPOS,
        batchSize: BATCH_SIZE,
        batchConcurrency: CONCURRENCY,
        analysisTimeoutMs: env.SCOUT_ANALYSIS_TIMEOUT_MS,
        runTimeoutMs: env.SCOUT_RUN_TIMEOUT_MS,
      },
      source: createLiveGitHubSource({
        token: TOKEN,
        apiUrl: github.url,
        readmeMaxChars: env.SCOUT_README_MAX_CHARS,
        now: clock,
        retry: { retries: 1, backoffBaseMs: 10 },
        throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 10, graphqlMinIntervalMs: 0 },
        logger,
        fetch: githubFetch,
      }),
      analyzer: createLlmAnalyzer({
        baseURL: openai.url,
        apiKey: API_KEY,
        model: env.SCOUT_MODEL,
        fetch: llmFetch,
      }),
    };
    await saveProfile({
      db: temp.db,
      input: profileInputSchema.parse({
        languages: ["Python", "TypeScript"],
        topics: ["web", "cli"],
        skillLevel: "intermediate",
        goals: "Developer tooling",
      }),
    });
    const filters = searchFiltersSchema.parse({ languages: ["Python", "TypeScript"], minStars: 0 });

    console.log(
      `Pipeline benchmark: ${runCount} run(s), SCOUT_MAX_REPOS=${MAX_REPOS}, batch ${BATCH_SIZE}, concurrency ${CONCURRENCY}, ` +
        `GitHub ${GITHUB_LATENCY_MS} ms/request, LLM ${LLM_LATENCY_MS} ms/call, GraphQL spacing 0 ms (production: 1000 ms)\n`,
    );

    const figures: RunFigures[] = [];
    for (let index = 0; index < WARM_UP_RUNS + runCount; index += 1) {
      github.reset();
      github.inject({ kind: "latency", ms: GITHUB_LATENCY_MS, times: Infinity });
      openai.reset();
      openai.setHandler(slowLlm);
      trips.length = 0;

      const start = performance.now();
      const marks: PhaseMarks = { start, discovered: 0, fetching: 0, analyzing: 0, firstResults: 0, done: 0 };
      const { runId } = await startSearch({ deps, filters, clientIp: "127.0.0.1" });
      let last: ScoutEvent | undefined;
      for await (const { event } of streamRunEvents({
        db: deps.db,
        logger: deps.logger,
        registry: deps.registry,
        runId,
        afterSeq: 0,
      })) {
        const at = performance.now() - start;
        if (event.type === "status" && event.message.startsWith("Discovered")) marks.discovered = at;
        if (event.type === "status" && event.phase === "fetching") marks.fetching = at;
        if (event.type === "status" && event.phase === "analyzing") marks.analyzing = at;
        if (event.type === "results" && marks.firstResults === 0) marks.firstResults = at;
        last = event;
      }
      const wallMs = performance.now() - start;
      marks.done = wallMs;
      if (last?.type !== "complete") throw new Error(`Run ${index} ended with ${JSON.stringify(last)}`);

      const graphql = github.graphqlRequests();
      const searchPages = graphql.filter(
        (request) => request.graphql?.query.includes("search(") ?? false,
      ).length;
      const readmeQueries = graphql.length - searchPages;
      const costOf = (isSearch: boolean) =>
        graphql
          .filter((request) => (request.graphql?.query.includes("search(") ?? false) === isSearch)
          .reduce((sum, request) => sum + (request.cost?.cost ?? 0), 0);
      const candidates = last.data.repos.length;
      const idealMs = idealCriticalPathMs({ searchPages, readmeQueries, candidates });
      figures.push({
        wallMs,
        idealMs,
        ratio: wallMs / idealMs,
        searchPages,
        readmeQueries,
        githubRequests: github.requests.length,
        searchCost: costOf(true),
        readmeCost: costOf(false),
        llmCalls: openai.requests.length,
        llmPeakInFlight: openai.inFlightPeak,
        candidates,
        totalFiltered: last.data.totalFiltered,
        status: last.data.status,
        marks,
        trips: [...trips],
      });
      const run = figures.at(-1);
      if (!run) continue;
      console.log(
        `${index < WARM_UP_RUNS ? "warm-up" : `run ${index - WARM_UP_RUNS + 1}`}: wall ${format(run.wallMs)}, ideal ${format(run.idealMs)}, ratio ${run.ratio.toFixed(3)}; ` +
          `GitHub requests ${run.githubRequests} (${run.searchPages} search pages + ${run.readmeQueries} README+details queries), ` +
          `GraphQL cost ${run.searchCost + run.readmeCost} points (search ${run.searchCost} + README+details ${run.readmeCost}), ` +
          `LLM calls ${run.llmCalls} (peak ${run.llmPeakInFlight} in flight); ${run.candidates} analyzed of ${run.totalFiltered} filtered, ${run.status}`,
      );
      console.log(
        `        phases: discovered at ${format(marks.discovered)}, READMEs+details from ${format(marks.fetching)} to ${format(marks.analyzing)}, ` +
          `first results at ${format(marks.firstResults)}, complete at ${format(marks.done)}`,
      );
      console.log(`        ${describeRoundTrips(run)}`);
    }

    const measured = figures.slice(WARM_UP_RUNS);
    const mean = (pick: (run: RunFigures) => number) =>
      measured.reduce((sum, run) => sum + pick(run), 0) / measured.length;
    const ratio = mean((run) => run.ratio);
    const first = measured[0];
    console.log(
      `\naverage of ${measured.length} run(s) after the warm-up: wall ${format(mean((run) => run.wallMs))}, ideal ${format(mean((run) => run.idealMs))}, ratio ${ratio.toFixed(3)} ` +
        `(goal <= ${GOAL_RATIO.toFixed(2)}: ${ratio <= GOAL_RATIO ? "met" : "NOT met"}); ` +
        `GitHub requests ${mean((run) => run.githubRequests).toFixed(1)}, LLM calls ${mean((run) => run.llmCalls).toFixed(1)} per run`,
    );
    if (first) {
      const floorMs = idealCriticalPathMs({
        searchPages: first.searchPages,
        readmeQueries: Math.min(1, first.readmeQueries),
        candidates: first.candidates,
      });
      console.log(
        `note: the ideal counts the ${first.readmeQueries} README+details queries (${README_BATCH_SIZE} repos each) as the live source issues them, one after another; ` +
          `issued side by side they would cost one round trip (ideal ${format(floorMs)}). Discovery pages (${SEARCH_PAGE_SIZE} each) are inherently sequential (cursor).`,
      );
    }
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    console.log(
      `peak RSS: ${mib(Math.max(peakRss, maxRssBytes))} (sampled every 20 ms: ${mib(peakRss)}; resourceUsage().maxRSS: ${mib(maxRssBytes)})`,
    );
  } finally {
    clearInterval(sampler);
    await github.close();
    await openai.close();
    await temp.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
