import { formatTimeToFirstResult } from "@/lib/dates";
import Table from "cli-table3";
import { format } from "date-fns";
import type { SearchFilters } from "@/shared/filters";
import type { Profile } from "@/shared/profile";
import type { RunSummary, ScoutSearchResult } from "@/shared/runs";

/** Plain tables: no colour codes, so piped output and logs stay readable. */
function createTable(head: string[], colAligns: ("left" | "right")[]) {
  return new Table({ head, colAligns, style: { head: [], border: [], compact: true } });
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}

export function formatTime(iso: string | null): string {
  return iso === null ? "—" : format(new Date(iso), "yyyy-MM-dd HH:mm");
}

export function formatProfile(profile: Profile): string {
  const rows: [string, string][] = [
    ["Languages", profile.languages.join(", ")],
    ["Topics", profile.topics.length > 0 ? profile.topics.join(", ") : "—"],
    ["Skill level", profile.skillLevel],
    ["Goals", profile.goals === "" ? "—" : profile.goals],
    ["Updated", formatTime(profile.updatedAt)],
  ];
  return rows.map(([label, value]) => `${`${label}:`.padEnd(13)}${value}`).join("\n") + "\n";
}

export function formatFilters(filters: SearchFilters): string {
  const parts = [
    `languages ${filters.languages.join(", ")}`,
    `stars ${filters.minStars}..${filters.maxStars}`,
    filters.topics.length > 0 ? `topics ${filters.topics.join(", ")}` : null,
    filters.pushedAfter ? `active since ${filters.pushedAfter}` : null,
    filters.license ? `license ${filters.license}` : null,
    filters.query ? `text "${filters.query}"` : null,
    filters.requireStarterIssues ? "starter issues required" : null,
  ];
  return parts.filter((part) => part !== null).join(" · ");
}

/** A few lines on what the run did; the ranked table follows it. */
export function formatRunSummary(result: ScoutSearchResult): string {
  const lines = [
    `Run ${result.runId}: ${result.status}, started ${formatTime(result.startedAt)}`,
    `Discovered ${result.totalDiscovered} · passed the filters ${result.totalFiltered} · analyzed ${result.totalAnalyzed}` +
      (result.skipped.length > 0 ? ` · could not analyze ${result.skipped.length}` : ""),
  ];
  if (result.filters) lines.push(`Filters: ${formatFilters(result.filters)}`);
  const { githubRequests, llmInputTokens, llmOutputTokens, cachedResults = 0 } = result.usage;
  const saved = result.usage.llmInputTokensSaved ?? 0;
  lines.push(
    `Cost: ${count(githubRequests)} GitHub requests · ${count(llmInputTokens)} LLM input tokens · ${count(llmOutputTokens)} output tokens` +
      ` · ${count(cachedResults)} from the cache${saved > 0 ? ` (~${count(saved)} input tokens saved)` : ""}`,
  );
  const firstResult = result.firstResultAt
    ? formatTimeToFirstResult(result.startedAt, result.firstResultAt)
    : null;
  if (firstResult !== null) lines.push(`First result after ${firstResult}`);
  for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
  if (result.skipped.length > 0) lines.push(`Not analyzed: ${result.skipped.join(", ")}`);
  return lines.join("\n") + "\n";
}

/** The ranked results: score, repository, stars and the starter issues the analysis picked. */
export function formatResultsTable(result: ScoutSearchResult): string {
  if (result.results.length === 0) return "No repositories to recommend in this run.\n";
  const starsByRepo = new Map(result.repos.map((repo) => [repo.fullName.toLowerCase(), repo.stars]));
  const table = createTable(
    ["#", "Score", "Repository", "Stars", "Picked issues"],
    ["right", "right", "left", "right", "left"],
  );
  result.results.forEach((entry, index) => {
    const stars = starsByRepo.get(entry.repo.toLowerCase());
    const picked = (entry.pickedIssues ?? []).map((issue) => `#${issue.number}`).join(" ");
    table.push([
      index + 1,
      entry.fitScore.toFixed(1),
      entry.repo,
      stars === undefined ? "—" : count(stars),
      picked === "" ? "—" : picked,
    ]);
  });
  return table.toString() + "\n";
}

export function formatRunsTable(runs: RunSummary[]): string {
  if (runs.length === 0) return "No searches yet. Start one with: scout search --lang <language>\n";
  const table = createTable(
    ["Run", "Status", "Started", "Languages", "Analyzed", "Top score"],
    ["left", "left", "left", "left", "right", "right"],
  );
  for (const run of runs) {
    table.push([
      run.runId,
      run.status,
      formatTime(run.startedAt),
      run.filters.languages.join(", "),
      run.totalAnalyzed,
      run.topScore === null ? "—" : run.topScore.toFixed(1),
    ]);
  }
  return table.toString() + "\n";
}
