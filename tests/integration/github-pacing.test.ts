import { afterAll, beforeAll, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createAppDependencies } from "@/server/app-dependencies";
import { searchFiltersSchema } from "@/shared/filters";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { createTempDb, type TempDb } from "../support/temp-db";

const NOW = new Date("2025-06-01T12:00:00Z");
let github: GitHubServer;
let temp: TempDb;

beforeAll(async () => {
  github = await startGitHubServer({ data: createCatalogGitHubData(generateDemoCatalog({ now: NOW })) });
  temp = createTempDb();
});
afterAll(async () => {
  await github.close();
  await temp.cleanup();
});

async function gapBetweenTwoSearches(queryIntervalMs: string): Promise<number> {
  github.reset();
  const env = parseEnv({
    DATABASE_URL: temp.databaseUrl,
    SCOUT_GITHUB_SOURCE: "live",
    GITHUB_TOKEN: github.token,
    GITHUB_API_URL: github.url,
    SCOUT_GITHUB_QUERY_INTERVAL_MS: queryIntervalMs,
  });
  const deps = createAppDependencies({ env, db: temp.db, clock: () => NOW });
  // Two searches asked for at the same moment, as two runs on one worker would.
  await Promise.all(
    ["Python", "Go"].map((language) =>
      deps.source.searchRepositories(searchFiltersSchema.parse({ languages: [language], minStars: 500 }), {
        limit: 10,
      }),
    ),
  );
  const [first, second] = github.graphqlRequests().map((request) => request.receivedAt);
  if (first === undefined || second === undefined) throw new Error("expected two GitHub queries");
  return Math.abs(second - first);
}

it("spaces one process's GitHub queries by SCOUT_GITHUB_QUERY_INTERVAL_MS", async () => {
  expect(await gapBetweenTwoSearches("1500")).toBeGreaterThanOrEqual(1400);
});
