import type { ScoutSearchResult } from "@/shared/runs";
import { toExportRows } from "./run-report-parts";

// OWASP's CSV injection list: a spreadsheet treats a cell starting with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet shows as text: a would-be formula gets a leading apostrophe (OWASP). */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field holding a quote, comma or line break is quoted, with its quotes doubled. */
export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const toCell = (value: string | number | boolean | null | undefined) =>
  quoteCsvField(neutralizeFormula(value === null || value === undefined ? "" : String(value)));

const header = [
  "rank",
  "repo",
  "url",
  "fit_score",
  "stars",
  "language",
  "license",
  "new_since_last_run",
  "reason",
  "contributions",
  "picked_issues",
  "picked_issue_urls",
];

/**
 * One row per ranked result, in rank order, with a header row; CRLF line ends (RFC 4180). Lists inside a
 * cell are joined with "; ". Every cell, whatever it holds, is protected against formula injection.
 */
export function formatRunAsCsv({
  run,
  githubWebOrigin,
}: {
  run: ScoutSearchResult;
  githubWebOrigin: string;
}): string {
  const rows = toExportRows(run, githubWebOrigin).map(({ rank, result, repo, repoHref, picks }) => [
    rank,
    result.repo,
    repoHref ?? repo?.url ?? "",
    result.fitScore,
    repo?.stars,
    repo?.primaryLanguage,
    repo?.license,
    result.newSinceLastRun,
    result.reason,
    result.contributions.join("; "),
    picks.map(({ issue, why }) => `#${issue.number} ${issue.title}: ${why}`).join("; "),
    picks.map(({ issue }) => issue.url).join("; "),
  ]);
  return [header, ...rows].map((row) => row.map(toCell).join(",")).join("\r\n") + "\r\n";
}
