"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { RunSummary } from "@/shared/runs";
import { runHistoryInput } from "@/lib/run-history-input";
import { useTRPC } from "@/trpc/react";
import { LocalDateTime } from "./local-date-time";

/** "Python, TypeScript · topics: cli · 10–500000 ★ · mit · “parser”": what a search asks for, in one line. */
export function summarizeFilters(filters: RunSummary["filters"]): string {
  const parts = [filters.languages.join(", ")];
  if (filters.topics.length > 0) parts.push(`topics: ${filters.topics.join(", ")}`);
  parts.push(`${filters.minStars}–${filters.maxStars} ★`);
  if (filters.license) parts.push(filters.license);
  if (filters.query) parts.push(`“${filters.query}”`);
  return parts.join(" · ");
}

/** Past runs, newest first; each reopens its run page. */
export function RunHistory({ currentRunId }: { currentRunId?: string }) {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.scout.runs.queryOptions(runHistoryInput), refetchInterval: 15_000 });
  return (
    <section className="card" aria-labelledby="history-heading" data-testid="run-history">
      <header className="card-header">
        <h2 id="history-heading">Past searches</h2>
      </header>
      {runs.isPending ? <p className="muted">Loading…</p> : null}
      {runs.data && runs.data.items.length === 0 ? <p className="muted">No searches yet.</p> : null}
      <ol className="history-list">
        {runs.data?.items.map((run) => (
          <li key={run.runId} className={run.runId === currentRunId ? "is-current" : undefined}>
            <Link
              href={`/runs/${run.runId}`}
              className="history-item"
              data-testid="history-item"
              data-run-id={run.runId}
            >
              <span className="history-top">
                <LocalDateTime className="history-date" iso={run.startedAt} />
                <span className={`status-pill status-${run.status}`} data-testid="history-status">
                  {run.status}
                </span>
              </span>
              <span className="history-filters">{summarizeFilters(run.filters)}</span>
              <span className="history-counts">
                {run.totalDiscovered} found · {run.totalFiltered} passed · {run.totalAnalyzed} analyzed
                {run.topScore !== null ? ` · top ${run.topScore}/10` : ""}
                {run.newCount !== undefined ? (
                  <span data-testid="history-new-count"> · {run.newCount} new</span>
                ) : null}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
