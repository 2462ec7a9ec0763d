/**
 * Measures the offline catalog source: how long generating the demo catalog takes, and how long a typical
 * search plus its README fetch takes once it exists. Run with `npx tsx scripts/measure-catalog-search.ts`.
 */
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import { searchFiltersSchema, type SearchFiltersInput } from "@/shared/filters";

const RUNS = 30;
const README_COUNT = 50;

const scenarios: { label: string; input: SearchFiltersInput }[] = [
  { label: "one language, defaults", input: { languages: ["Python"] } },
  { label: "two languages, defaults", input: { languages: ["Python", "TypeScript"] } },
  {
    label: "two languages, topic and text",
    input: { languages: ["Go", "Rust"], topics: ["cli"], query: "fast" },
  },
  {
    label: "broad (hits the 1,000 cap)",
    input: {
      languages: ["Python", "TypeScript", "JavaScript", "Go", "Rust", "Java"],
      minStars: 0,
      pushedAfter: "2020-01-01",
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const now = new Date();
  const generationStart = performance.now();
  const catalog = generateDemoCatalog({ now });
  const generationMs = performance.now() - generationStart;
  const source = createCatalogSource({ catalog, readmeMaxChars: 16_000, now: () => now });
  console.log(
    `Generated ${catalog.repos.length} repositories in ${generationMs.toFixed(1)} ms (first call, cold).`,
  );

  for (const { label, input } of scenarios) {
    const filters = searchFiltersSchema.parse(input);
    const searchTimes: number[] = [];
    const readmeTimes: number[] = [];
    let summary = "";
    for (let run = 0; run < RUNS; run += 1) {
      const searchStart = performance.now();
      const outcome = await source.searchRepositories(filters, { limit: 1000 });
      searchTimes.push(performance.now() - searchStart);
      const readmeStart = performance.now();
      await source.fetchCandidateDetails(outcome.repos.slice(0, README_COUNT), {});
      readmeTimes.push(performance.now() - readmeStart);
      summary = `${outcome.totalCount} matches, ${outcome.repos.length} returned, requests ${outcome.requests}`;
    }
    console.log(`\n${label}\n  q = ${buildSearchQuery({ filters, today: now })}\n  ${summary}`);
    console.log(
      `  search: first ${searchTimes[0]?.toFixed(2)} ms, median ${median(searchTimes).toFixed(2)} ms; ` +
        `${README_COUNT} READMEs with details: median ${median(readmeTimes).toFixed(2)} ms`,
    );
  }
}

await main();
