/**
 * How many demo-catalog repositories get at least one picked starter issue from the built-in analyzer, for
 * a few typical profiles: over the whole catalog, and over what a default search for the profile's languages
 * sends to analysis. Repositories are analyzed with their details (as the catalog source serves them), in
 * batches as the pipeline would; rejected ones are counted apart. Not a test: it prints.
 * Run with `npx tsx scripts/measure-picked-issues.ts`.
 */
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { looksLikePromptInjection } from "@/server/analysis/heuristic/heuristic-issues";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import { filterCandidates } from "@/server/filtering/filter-candidates";
import { attachCandidateDetails, unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import { type AnalysisResult } from "@/shared/analysis";
import { searchFiltersSchema } from "@/shared/filters";
import { type RepoMetadata } from "@/shared/repos";

const now = new Date();
const catalog = generateDemoCatalog({ now });
const source = createCatalogSource({ catalog, readmeMaxChars: 16_000, now: () => now });
const analyzer = createHeuristicAnalyzer({ now: () => now });

const profiles: [string, AnalysisProfile][] = [
  [
    "intermediate Python/TypeScript, web and tooling",
    {
      languages: ["Python", "TypeScript"],
      topics: ["web", "cli"],
      skillLevel: "intermediate",
      goals: "Contribute to web frameworks and developer tools",
    },
  ],
  [
    "beginner JavaScript, front end",
    {
      languages: ["JavaScript"],
      topics: ["react", "frontend"],
      skillLevel: "beginner",
      goals: "Learn by fixing small bugs in UI libraries",
    },
  ],
  [
    "advanced Go/Rust, systems",
    {
      languages: ["Go", "Rust"],
      topics: ["databases", "networking"],
      skillLevel: "advanced",
      goals: "Performance work on storage engines and network runtimes",
    },
  ],
];

const repos = catalog.repos.map((repo) => repo.metadata);
const fetched = await source.fetchCandidateDetails(repos, {});
const withDetails = attachCandidateDetails(repos, fetched.details);
const withUnclaimed = withDetails.filter((repo) => unclaimedStarterIssues(repo).length > 0).length;
const yearAgo = now.getTime() - 365 * 86_400_000;
const withPickable = withDetails.filter((repo) =>
  unclaimedStarterIssues(repo).some(
    (issue) => Date.parse(issue.updatedAt) >= yearAgo && !looksLikePromptInjection(issue.title),
  ),
).length;
console.log(
  `${repos.length} catalog repositories; ${withUnclaimed} have an unclaimed starter issue, ${withPickable} one the built-in analyzer may pick (updated within a year, no injection title).`,
);

async function analyzeAll(profile: AnalysisProfile, batchRepos: readonly RepoMetadata[]) {
  const results: AnalysisResult[] = [];
  for (let start = 0; start < batchRepos.length; start += 8) {
    const batch = batchRepos.slice(start, start + 8);
    results.push(
      ...(await analyzer.analyzeBatch({ profile, repos: batch, readmes: fetched.readmes })).results,
    );
  }
  const accepted = results.filter((result) => !result.reject);
  const picked = accepted.filter((result) => (result.pickedIssues?.length ?? 0) > 0);
  const picks = picked.reduce((sum, result) => sum + (result.pickedIssues?.length ?? 0), 0);
  const share = ((100 * picked.length) / Math.max(1, accepted.length)).toFixed(1);
  return `${accepted.length} not rejected, ${picked.length} (${share}%) with a picked issue, ${(picks / Math.max(1, picked.length)).toFixed(2)} picks each`;
}

for (const [label, profile] of profiles) {
  console.log(`${label}:`);
  console.log(`  whole catalog: ${await analyzeAll(profile, withDetails)}`);
  // What a default search (active in the last 6 months, any stars) sends to analysis: the top 50.
  const filters = searchFiltersSchema.parse({ languages: profile.languages, minStars: 0 });
  const found = await source.searchRepositories(filters, { limit: 300 });
  const { candidates } = filterCandidates({ repos: found.repos, filters, maxRepos: 50 });
  const byName = new Map(withDetails.map((repo) => [repo.fullName, repo]));
  const searched = candidates.map((repo) => byName.get(repo.fullName) ?? repo);
  console.log(`  a default search's ${searched.length} candidates: ${await analyzeAll(profile, searched)}`);
}
