/**
 * Measures discovery (issue 23): for three developer profiles and two data sets, the share of the analyzed
 * candidates that have an unclaimed starter issue, and the share of the repositories in the data that have
 * one and match the search but were never discovered. Not a test: it prints a table, one column group per
 * discovery strategy (src/server/pipeline/discovery-strategies.ts), so a new strategy shows beside "before".
 * Run with `npm run eval:discovery`; `--missed` also lists the missed repositories.
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
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSearch } from "@/server/sources/catalog/search-catalog";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import type { RepositorySource } from "@/server/sources/repository-source";
import { searchFiltersSchema, type SearchFilters } from "@/shared/filters";
import type { RepoMetadata } from "@/shared/repos";
import { createCatalogGitHubData } from "../tests/fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../tests/fakes/github-server";

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

function createLiveDataSet(options: { server: GitHubServer; readmeMaxChars: number }): DataSet {
  const { server } = options;
  const logger = createRedactingLogger({ secrets: [TOKEN] });
  const data = createCatalogGitHubData(catalog);
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

function createCatalogDataSet(options: { readmeMaxChars: number }): DataSet {
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
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd());
    if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
  }
}

const catalog: DemoCatalog = generateDemoCatalog({ now: NOW });

async function main(): Promise<void> {
  const started = performance.now();
  const listMissed = process.argv.includes("--missed");
  const env = parseEnv({});
  const maxRepos = env.SCOUT_MAX_REPOS;
  const server = await startGitHubServer({ data: createCatalogGitHubData(catalog), token: TOKEN, now: () => NOW });
  try {
    const dataSets = [
      createLiveDataSet({ server, readmeMaxChars: env.SCOUT_README_MAX_CHARS }),
      createCatalogDataSet({ readmeMaxChars: env.SCOUT_README_MAX_CHARS }),
    ];
    console.log(
      `Discovery measure: demo catalog of ${catalog.repos.length} repositories anchored at ${NOW.toISOString()}; ` +
        `SCOUT_MAX_REPOS=${maxRepos}.\nStrategies: ${discoveryStrategies.map((strategy) => `${strategy.name} = ${strategy.description}`).join("; ")}.\n`,
    );
    const header = ["profile", "data"];
    for (const { name } of discoveryStrategies)
      header.push(`${name}: candidate share`, `${name}: missed share`, `${name}: requests`, `${name}: cost`);
    const rows: string[][] = [header];
    const notes: string[] = [];
    for (const { label, profile, filters } of profiles) {
      for (const dataSet of dataSets) {
        const row = [label, dataSet.label];
        for (const strategy of discoveryStrategies) {
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
              (listMissed && measure.missedRepos.length > 0 ? `\n    missed: ${measure.missedRepos.join(", ")}` : ""),
          );
        }
        rows.push(row);
      }
    }
    printTable(rows);
    console.log(
      "\ncandidate share: candidates (top SCOUT_MAX_REPOS after the filter stage) with >= 1 unclaimed starter issue." +
        "\nmissed share: repositories matching the search with >= 1 unclaimed starter issue that discovery never returned." +
        "\nrequests, cost: GitHub requests and GraphQL cost points, search + candidates' details (set A only).\n",
    );
    for (const note of notes) console.log(note);
    console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
