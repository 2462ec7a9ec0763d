import { formatTimeToFirstResult } from "@/lib/dates";
import { capitalize, formatCountOf } from "@/lib/words";
import Table from "cli-table3";
import { format } from "date-fns";
import type { SearchFilters } from "@/shared/filters";
import type { Profile } from "@/shared/profile";
import type { RunSummary, ScoutSearchResult } from "@/shared/runs";
import type { Watch, WatchHealth, WatchSchedule } from "@/shared/watches";

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
    `Cost: ${count(githubRequests)} GitHub requests${result.usage.searchRequests ? ` (${count(result.usage.searchRequests)} searching)` : ""} · ${count(llmInputTokens)} LLM input tokens · ${count(llmOutputTokens)} output tokens` +
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

/** "09:00": schedules run on the hour. */
function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** A schedule in words, with the time zone its hour is read in: "every Monday at 09:00 (Europe/Berlin)". */
export function formatSchedule(schedule: WatchSchedule): string {
  switch (schedule.kind) {
    case "daily":
      return `every day at ${formatHour(schedule.hour)} (${schedule.timeZone})`;
    case "weekly":
      return `every ${capitalize(schedule.weekday)} at ${formatHour(schedule.hour)} (${schedule.timeZone})`;
    case "cron":
      return `cron "${schedule.expression}" (${schedule.timeZone})`;
  }
}

export function formatWatchHealth(health: WatchHealth): string {
  if (health.backoffUntil !== null) return `backing off until ${formatTime(health.backoffUntil)}`;
  if (health.consecutiveFailures > 0)
    return `${formatCountOf(health.consecutiveFailures, "failed run", "failed runs")} in a row`;
  return "ok";
}

/** The latest slot's outcome; a slot refused before its run started has no run status. */
function formatLastRun(lastRun: Watch["lastRun"]): string {
  if (lastRun === null) return "never";
  const status = lastRun.status ?? "refused";
  return lastRun.kind === "manual" ? `${status} (manual)` : status;
}

export function formatWatchesTable(watches: Watch[]): string {
  if (watches.length === 0)
    return "No watches yet. Add one with: scout watch add <name> --lang <language> --daily 9\n";
  const table = createTable(
    ["Watch", "Name", "Schedule", "Next run", "Last run", "Health", "Email"],
    ["left", "left", "left", "left", "left", "left", "left"],
  );
  for (const watch of watches) {
    table.push([
      watch.id,
      watch.name,
      formatSchedule(watch.schedule),
      formatTime(watch.nextRunAt),
      formatLastRun(watch.lastRun),
      formatWatchHealth(watch.health),
      watch.emailTo ?? "—",
    ]);
  }
  return table.toString() + "\n";
}

/** One watch in full, with its feed's address on this server. */
export function formatWatch(watch: Watch, feedUrl: string): string {
  const { profile, lastRun, health } = watch;
  const rows: [string, string][] = [
    ["Watch", watch.id],
    ["Name", watch.name],
    ["Schedule", formatSchedule(watch.schedule)],
    ["Next run", formatTime(watch.nextRunAt)],
    ["Last run", formatLastRun(lastRun) + (lastRun?.runId ? `, run ${lastRun.runId}` : "")],
    ["Health", formatWatchHealth(health)],
    ...(health.lastError === null ? [] : [["Last error", health.lastError] as [string, string]]),
    ["Email", watch.emailTo ?? "— (the feed only)"],
    ["Filters", formatFilters(watch.filters)],
    [
      "Ranks for",
      [profile.languages.join(", "), profile.topics.join(", "), profile.skillLevel]
        .filter((part) => part !== "")
        .join(" · "),
    ],
    ["Feed", feedUrl],
  ];
  return rows.map(([label, value]) => `${`${label}:`.padEnd(12)}${value}`).join("\n") + "\n";
}
