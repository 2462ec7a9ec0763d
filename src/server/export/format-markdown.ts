import type { ScoutSearchResult } from "@/shared/runs";
import { escapeMarkdownText, toMarkdownDestination } from "./markdown-text";
import { describeFilters, toExportRows, type ExportRow } from "./run-report-parts";

/** "2026-06-01 12:00 UTC": a report is read anywhere, so its times say their zone. */
function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const formatInteger = (value: number) => value.toLocaleString("en-US");

function formatRow(row: ExportRow): string[] {
  const { result, repo } = row;
  const name = escapeMarkdownText(result.repo);
  const title = row.repoHref ? `[${name}](${toMarkdownDestination(row.repoHref)})` : name;
  const facts = [
    `fit ${result.fitScore}/10`,
    ...(repo ? [`★ ${formatInteger(repo.stars)}`] : []),
    ...(repo?.primaryLanguage ? [escapeMarkdownText(repo.primaryLanguage)] : []),
    ...(result.newSinceLastRun ? ["new since your last search"] : []),
  ];
  const lines = [
    `### ${row.rank}. ${title}`,
    "",
    facts.join(" · "),
    "",
    `Why: ${escapeMarkdownText(result.reason)}`,
  ];
  if (result.contributions.length > 0) {
    lines.push("", "Ways to contribute:", "");
    for (const contribution of result.contributions) lines.push(`- ${escapeMarkdownText(contribution)}`);
  }
  if (row.picks.length > 0) {
    lines.push("", "Picked issues:", "");
    for (const { issue, why, link } of row.picks) {
      const text = escapeMarkdownText(`#${issue.number} ${issue.title}`);
      const shown =
        link.kind === "link"
          ? `[${text}](${toMarkdownDestination(link.href)})`
          : `${text}${link.kind === "demo" ? " (demo data, not on GitHub)" : ""}`;
      lines.push(`- ${shown}: ${escapeMarkdownText(why)}`);
    }
  }
  return [...lines, ""];
}

/**
 * A readable report of the run: when, how it ended, the filters it used, then its ranked repositories with
 * score, stars, reason, ways to contribute and picked issues. Every text that came from GitHub or the
 * analyzer is escaped, so the report's structure is only ever its own.
 */
export function formatRunAsMarkdown({
  run,
  githubWebOrigin,
}: {
  run: ScoutSearchResult;
  githubWebOrigin: string;
}): string {
  const rows = toExportRows(run, githubWebOrigin);
  const lines = [
    "# GitHub Scout report",
    "",
    `- Run: ${escapeMarkdownText(run.runId)}`,
    `- Started: ${formatUtc(run.startedAt)}`,
    ...(run.finishedAt ? [`- Finished: ${formatUtc(run.finishedAt)}`] : []),
    `- Status: ${run.status}`,
    `- Repositories: ${run.totalDiscovered} found, ${run.totalFiltered} passed the filters, ${run.totalAnalyzed} analyzed, ${run.results.length} ranked`,
    ...(run.skipped.length > 0 ? [`- Skipped: ${run.skipped.map(escapeMarkdownText).join(", ")}`] : []),
    "",
    "## Filters",
    "",
  ];
  const filters = describeFilters(run.filters);
  if (filters.length === 0) lines.push("Not recorded for this run.");
  for (const { label, value } of filters) lines.push(`- ${label}: ${escapeMarkdownText(value)}`);
  lines.push("", "## Ranked repositories", "");
  if (rows.length === 0) lines.push("No repository was ranked.", "");
  for (const row of rows) lines.push(...formatRow(row));
  return `${lines.join("\n").trimEnd()}\n`;
}
