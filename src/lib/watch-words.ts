import type { Digest, WatchSchedule, Weekday } from "@/shared/watches";
import { capitalize, formatCountOf } from "./words";

/** A watch's schedule and its digests in plain words, for the watches page. */

const formatNumber = (value: number) => value.toLocaleString("en-US");

/** 9 → "09:00": schedules run on the hour. */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** "monday" → "Monday". */
export function weekdayName(weekday: Weekday): string {
  return capitalize(weekday);
}

/** The text as a sentence: a full stop added unless it already ends like one. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Daily at 09:00 (Europe/Berlin)", "Mondays at 07:00 (UTC)", "Cron 0 9 * * 1-5 (UTC)". */
export function describeSchedule(schedule: WatchSchedule): string {
  switch (schedule.kind) {
    case "daily":
      return `Daily at ${formatHour(schedule.hour)} (${schedule.timeZone})`;
    case "weekly":
      return `${weekdayName(schedule.weekday)}s at ${formatHour(schedule.hour)} (${schedule.timeZone})`;
    case "cron":
      return `Cron ${schedule.expression} (${schedule.timeZone})`;
  }
}

/** "2 new repositories · 1 new starter issue · 1 taken issue"; the kinds with nothing are left out. */
export function describeDigestCounts(digest: Pick<Digest, "newRepositories" | "newIssues" | "goneIssues">) {
  const parts = [
    [digest.newRepositories.length, "new repository", "new repositories"],
    [digest.newIssues.length, "new starter issue", "new starter issues"],
    [digest.goneIssues.length, "taken issue", "taken issues"],
  ] as const;
  return parts
    .filter(([count]) => count > 0)
    .map(([count, one, other]) => formatCountOf(count, one, other, formatNumber))
    .join(" · ");
}

/** "3 GitHub requests · 0 LLM tokens · 8 cached analyses · 8 READMEs reused": what the digest's run cost. */
export function describeDigestCost(cost: Digest["cost"]): string {
  return [
    formatCountOf(cost.githubRequests, "GitHub request", "GitHub requests", formatNumber),
    formatCountOf(cost.llmInputTokens + cost.llmOutputTokens, "LLM token", "LLM tokens", formatNumber),
    formatCountOf(cost.cachedResults, "cached analysis", "cached analyses", formatNumber),
    `${formatCountOf(cost.readmesFromCache, "README", "READMEs", formatNumber)} reused`,
  ].join(" · ");
}
