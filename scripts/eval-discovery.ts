/**
 * Measures discovery (issue 23): for three developer profiles and two data sets, the share of the analyzed
 * candidates that have an unclaimed starter issue, and the share of the repositories in the data that have
 * one and match the search but were never discovered. Not a test: it prints a table, one column group per
 * discovery strategy (src/server/pipeline/discovery-strategies.ts), so a new strategy shows beside "before".
 * Run with `npm run eval:discovery`; `--missed` also lists the missed repositories; `--size <n>` measures
 * one generated catalog of n repositories instead of the bundled size, three and ten times it (see readSizes).
 *
 * Data sets, both the demo catalog anchored at one fixed date so every run prints the same figures:
 * - A: the live source (Octokit over HTTP) against the test GitHub server serving the catalog; it also
 *   reports the GitHub requests and GraphQL cost points of the search and of the candidates' details.
 * - B: the offline catalog source, in-process (no requests).
 */
import { parseEnv } from "@/env";
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import { createRedactingLogger } from "@/server/logger";
import { discoveryStrategies } from "@/server/pipeline/discovery-strategies";
import { measureDiscovery, type DiscoveryMeasure } from "@/server/pipeline/measure-discovery";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { DemoCatalog } from "@/server/sources/catalog/demo-catalog";
import { DEMO_CATALOG_SIZE, generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSearch } from "@/server/sources/catalog/search-catalog";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import type { RepositorySource } from "@/server/sources/repository-source";
import { searchFiltersSchema, type SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";
import { createCatalogGitHubData } from "../tests/fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer, type GitHubServerData } from "../tests/fakes/github-server";

/** The same anchor as the test harness, so the catalog and the default activity window never drift. */
const NOW = new Date("2025-06-01T12:00:00Z");
const TOKEN = "fake_gh_evalDiscovery00000000000000000000";

type EvalProfile = { label: string; profile: AnalysisProfile; filters: SearchFilters };

/**
 * Each profile's search is what such a developer would plausibly type into the form; everything left out
 * keeps the form's default (10 to 500,000 stars, pushed in the last six months, any license, no starter
 * requirement), because the measure is about what discovery does with ordinary searches.
 */
const profiles: readonly EvalProfile[] = [
  {
    // A newcomer keeps the defaults: small projects are welcome, and they would not know to narrow further.
    label: "beginner JavaScript",
    profile: {
      languages: ["JavaScript"],
      topics: ["web"],
      skillLevel: "beginner",
      goals: "Make a first open-source contribution to a web project",
    },
    filters: searchFiltersSchema.parse({ languages: ["JavaScript"] }),
  },
  {
    // The harness's typical profile: two languages, default star range.
    label: "intermediate Python/TypeScript",
    profile: {
      languages: ["Python", "TypeScript"],
      topics: ["web", "cli"],
      skillLevel: "intermediate",
      goals: "Contribute to developer tooling and web frameworks",
    },
    filters: searchFiltersSchema.parse({ languages: ["Python", "TypeScript"] }),
  },
  {
    // An experienced developer looks for established projects: at least 100 stars, which is also where
    // projects with real users and review capacity usually start.
    label: "advanced Go/Rust",
    profile: {
      languages: ["Go", "Rust"],
      topics: ["systems", "networking"],
      skillLevel: "advanced",
      goals: "Work on performance and protocol code in infrastructure projects",
    },
    filters: searchFiltersSchema.parse({ languages: ["Go", "Rust"], minStars: 100 }),
  },
];

type DataSet = {
  label: string;
  source: RepositorySource;
  listMatching: (query: string) => readonly RepoMetadata[];
  readCostPoints: () => number | null;
};

function createLiveDataSet(options: {
  data: GitHubServerData;
  server: GitHubServer;
  readmeMaxChars: number;
}): DataSet {
  const { data, server } = options;
  const logger = createRedactingLogger({ secrets: [TOKEN] });
  return {
    label: "A test server",
    // As the harness builds it: GraphQL spacing off, or the measure would time the throttle.
    source: createLiveGitHubSource({
      token: TOKEN,
      apiUrl: server.url,
      readmeMaxChars: options.readmeMaxChars,
      now: () => NOW,
      retry: { retries: 1, backoffBaseMs: 1 },
      throttle: { maxWaitSeconds: 1, maxRateLimitWaits: 1, msPerSecond: 1, graphqlMinIntervalMs: 0 },
      logger,
    }),
    listMatching: (query) => data.search(query).matches.map((repo) => repo.metadata),
    readCostPoints: () =>
      server.graphqlRequests().reduce((sum, request) => sum + (request.cost?.cost ?? 0), 0),
  };
}

function createCatalogDataSet(options: { catalog: DemoCatalog; readmeMaxChars: number }): DataSet {
  const { catalog } = options;
  const search = createCatalogSearch({ repos: catalog.repos, readReadme: catalog.readReadme });
  return {
    label: "B catalog",
    source: createCatalogSource({ catalog, readmeMaxChars: options.readmeMaxChars, now: () => NOW }),
    listMatching: (query) => search.search(query).matches.map((repo) => repo.metadata),
    readCostPoints: () => null,
  };
}

const percent = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);
const points = (value: number | null) => (value === null ? "-" : String(value));

/** One cell group of the table: the two shares with their counts, then what GitHub was asked. */
function formatCells(measure: DiscoveryMeasure): string[] {
  const { spend } = measure;
  const requests = spend.searchRequests + spend.detailsRequests;
  const cost =
    spend.searchCost === null || spend.detailsCost === null ? null : spend.searchCost + spend.detailsCost;
  return [
    `${percent(measure.candidateShare)} (${measure.candidatesWithWork}/${measure.candidates})`,
    `${percent(measure.missedShare)} (${measure.missed}/${measure.eligible})`,
    requests === 0 ? "-" : `${requests} (${spend.searchRequests}+${spend.detailsRequests})`,
    cost === null ? "-" : `${cost} (${points(spend.searchCost)}+${points(spend.detailsCost)})`,
  ];
}

function printTable(rows: string[][]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    );
    if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
  }
}

/**
 * The catalog sizes to measure: the bundled catalog (the data the issue names), three times and ten times
 * it. At the bundled size every profile's search matches fewer repositories than discovery collects, so
 * nothing can be missed and only the candidate share can move; the larger catalogs put discovery's
 * collection limit (three times) and GitHub's 1,000-result cap (ten times) to work, where the candidate
 * share of both strategies nears 100 % and the missed share tells them apart. `--size <n>` measures one
 * size instead.
 */
function readSizes(): number[] {
  const index = process.argv.indexOf("--size");
  if (index === -1) return [DEMO_CATALOG_SIZE, DEMO_CATALOG_SIZE * 3, DEMO_CATALOG_SIZE * 10];
  const size = Number(process.argv[index + 1]);
  if (!Number.isInteger(size) || size < 1) throw new Error("--size takes a whole number of repositories");
  return [size];
}

/** Every profile on both data sets of one catalog, with every strategy; prints the table and its notes. */
async function measureCatalogSize(options: {
  size: number;
  maxRepos: number;
  readmeMaxChars: number;
  listMissed: boolean;
}): Promise<void> {
  const { maxRepos, readmeMaxChars } = options;
  const catalog = generateDemoCatalog({ now: NOW, size: options.size });
  // One matcher over the catalog serves the server and set A's ground truth alike.
  const data = createCatalogGitHubData(catalog);
  const server = await startGitHubServer({ data, token: TOKEN, now: () => NOW });
  try {
    const dataSets = [
      createLiveDataSet({ data, server, readmeMaxChars }),
      createCatalogDataSet({ catalog, readmeMaxChars }),
    ];
    console.log(`Demo catalog of ${catalog.repos.length} repositories:\n`);
    const header = ["profile", "data"];
    for (const { name } of discoveryStrategies)
      header.push(`${name}: candidate share`, `${name}: missed share`, `${name}: requests`, `${name}: cost`);
    const rows: string[][] = [header];
    const notes: string[] = [];
    for (const { label, profile, filters } of profiles) {
      for (const dataSet of dataSets) {
        const row = [label, dataSet.label];
        for (const strategy of discoveryStrategies) {
          // Each measure starts with a full hour of GitHub's points, so no row is cut short by the ones before.
          server.setRateLimit({ remaining: 5000 });
          const measure = await measureDiscovery({
            strategy,
            source: dataSet.source,
            filters,
            profile,
            maxRepos,
            today: NOW,
            listMatching: dataSet.listMatching,
            readCostPoints: dataSet.readCostPoints,
          });
          row.push(...formatCells(measure));
          notes.push(
            `${label} / ${dataSet.label} / ${strategy.name}: "${measure.query}" matches ${measure.matching} ` +
              `(${measure.eligible} with an unclaimed starter issue); discovery returned ${measure.discovered} of ` +
              `repositoryCount ${measure.totalCount}, ${measure.candidates} candidates` +
              measure.warnings.map((warning) => `\n    warning: ${warning}`).join("") +
              (options.listMissed && measure.missedRepos.length > 0
                ? `\n    missed: ${measure.missedRepos.join(", ")}`
                : ""),
          );
        }
        rows.push(row);
      }
    }
    printTable(rows);
    console.log("");
    for (const note of notes) console.log(note);
    console.log("");
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const env = parseEnv({});
  console.log(
    `Discovery measure, catalogs anchored at ${NOW.toISOString()}; SCOUT_MAX_REPOS=${env.SCOUT_MAX_REPOS}.\n` +
      `Strategies: ${discoveryStrategies.map((strategy) => `${strategy.name} = ${strategy.description}`).join("; ")}.\n` +
      "candidate share: candidates (top SCOUT_MAX_REPOS after the filter stage) with >= 1 unclaimed starter issue.\n" +
      "missed share: repositories matching the search with >= 1 unclaimed starter issue that discovery never returned.\n" +
      "requests, cost: GitHub requests and GraphQL cost points, search + candidates' details (set A only).\n",
  );
  for (const size of readSizes())
    await measureCatalogSize({
      size,
      maxRepos: env.SCOUT_MAX_REPOS,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
      listMissed: process.argv.includes("--missed"),
    });
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
