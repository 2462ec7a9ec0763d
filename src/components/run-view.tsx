"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useReducer, useState } from "react";
import { phases, type AnalysisResult, type RepoMetadata, type ScoutEvent } from "@/server/schemas";
import { useTRPC } from "@/trpc/react";
import { RepoCard } from "./repo-card";
import {
  applyRunEvent,
  initialRunViewState,
  loadRunViewState,
  saveRunViewState,
  type RunViewState,
} from "./run-state";
import { SearchForm } from "./search-form";

type SortKey = "fit" | "stars" | "recent";

const phaseLabels: Record<(typeof phases)[number] | "done", string> = {
  discovering: "Discovering",
  filtering: "Filtering",
  fetching: "Fetching",
  analyzing: "Analyzing",
  saving: "Analyzing",
  done: "Done",
};
const steps = ["discovering", "filtering", "fetching", "analyzing", "done"] as const;

const emptyMessages = new Set([
  "No repositories found. Try broadening your filters.",
  "All repos filtered out. Try adjusting your filters.",
]);

/** The run page: restores what this tab saw of the run, then resumes the live stream after it. */
export function RunView({ runId }: { runId: string }) {
  const [restored, setRestored] = useState<RunViewState | null>(null);
  // sessionStorage exists only in the browser; reading it after mount keeps server and client HTML equal.
  useEffect(() => {
    setRestored(loadRunViewState(runId) ?? initialRunViewState);
  }, [runId]);
  if (!restored) return <p className="muted">Loading the search…</p>;
  return <LiveRun key={runId} runId={runId} restored={restored} />;
}

function reduce(state: RunViewState, action: { id: string; event: ScoutEvent }) {
  return applyRunEvent(state, action.id, action.event);
}

function LiveRun({ runId, restored }: { runId: string; restored: RunViewState }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(reduce, restored);
  const [resumeFrom] = useState(restored.lastEventId ?? undefined);
  const [sortKey, setSortKey] = useState<SortKey>("fit");
  const [showRejected, setShowRejected] = useState(false);

  const snapshot = useQuery(trpc.scout.results.queryOptions({ runId }, { retry: false }));
  const stream = useSubscription(
    trpc.scout.stream.subscriptionOptions(
      { runId, lastEventId: resumeFrom },
      {
        enabled: restored.terminal === null,
        onData: (tracked) => {
          dispatch({ id: tracked.id, event: tracked.data });
        },
      },
    ),
  );

  useEffect(() => {
    saveRunViewState(runId, state);
  }, [runId, state]);

  // The candidates' metadata is known once filtering is done; the final status once the run ends.
  const phaseKey = state.phase === "fetching" || state.phase === "analyzing" ? "candidates" : state.phase;
  useEffect(() => {
    if (phaseKey === "candidates" || state.terminal) {
      void snapshot.refetch();
      void queryClient.invalidateQueries({ queryKey: trpc.scout.runs.queryKey() });
    }
    // Refetch on phase changes only, not on every snapshot object change.
  }, [phaseKey, state.terminal]);

  const cancel = useMutation(trpc.scout.cancel.mutationOptions({ onSuccess: () => void snapshot.refetch() }));
  const retry = useMutation(
    trpc.scout.search.mutationOptions({
      onSuccess: ({ runId: next }) => {
        router.push(`/runs/${next}`);
      },
    }),
  );

  const data = state.final ?? snapshot.data;
  const reposByName = useMemo(() => {
    const map = new Map<string, RepoMetadata>();
    for (const repo of data?.repos ?? []) map.set(repo.fullName, repo);
    return map;
  }, [data]);

  const allResults = useMemo(() => {
    const merged = new Map<string, AnalysisResult>();
    for (const result of [...(snapshot.data?.results ?? []), ...(snapshot.data?.rejected ?? [])])
      merged.set(result.repo, result);
    for (const result of Object.values(state.results)) merged.set(result.repo, result);
    return [...merged.values()];
  }, [snapshot.data, state.results]);

  const accepted = sortResults(
    allResults.filter((result) => !result.reject),
    sortKey,
    reposByName,
  );
  const rejected = allResults.filter((result) => result.reject);

  const runStatus = state.final?.status ?? snapshot.data?.status;
  const running = state.terminal === null && runStatus !== undefined && runStatus === "running";
  const isEmpty = state.terminal?.type === "error" && emptyMessages.has(state.terminal.message);
  const isFailure = state.terminal?.type === "error" && !isEmpty;
  const skipped = state.final?.skipped ?? snapshot.data?.skipped ?? [];
  const currentStep = state.phase === "saving" ? "analyzing" : state.phase;
  const total =
    state.total ??
    (state.passed !== null ? Math.min(state.passed, data?.repos.length || state.passed) : null);

  if (snapshot.error && snapshot.error.data?.code === "NOT_FOUND") {
    return (
      <section className="card" data-testid="run-not-found">
        <h2>Search not found</h2>
        <p className="muted">This search does not exist. Start a new one from the home page.</p>
      </section>
    );
  }

  return (
    <div className="run-layout">
      <div className="run-side">
        <SearchForm initialFilters={snapshot.data?.filters} runActive={running} />
      </div>
      <div className="run-main">
        <section className="card" aria-labelledby="progress-heading" data-testid="run-progress">
          <header className="card-header progress-header">
            <h2 id="progress-heading">Progress</h2>
            {running ? (
              <button
                type="button"
                className="button button-danger"
                onClick={() => {
                  cancel.mutate({ runId });
                }}
                disabled={cancel.isPending}
                data-testid="cancel-run"
              >
                {cancel.isPending ? "Cancelling…" : "Cancel"}
              </button>
            ) : null}
          </header>
          <ol className="phase-steps" aria-label="Search phases" data-testid="phase-steps">
            {steps.map((step) => {
              const reached = currentStep !== null && steps.indexOf(step) <= steps.indexOf(currentStep);
              const isCurrent = step === currentStep;
              return (
                <li
                  key={step}
                  className={`phase-step${reached ? " is-reached" : ""}${isCurrent ? " is-current" : ""}`}
                  aria-current={isCurrent ? "step" : undefined}
                  data-testid={`phase-${step}`}
                >
                  {phaseLabels[step]}
                </li>
              );
            })}
          </ol>
          <p className="progress-message" role="status" aria-live="polite" data-testid="progress-message">
            {state.terminal?.type === "cancelled" ? "Search cancelled." : state.message}
          </p>
          <dl className="progress-counts">
            <div>
              <dt>Discovered</dt>
              <dd data-testid="count-discovered">{state.discovered ?? "–"}</dd>
            </div>
            <div>
              <dt>Passed filters</dt>
              <dd data-testid="count-passed">{state.passed ?? "–"}</dd>
            </div>
            <div>
              <dt>Analyzed</dt>
              <dd data-testid="count-analyzed">{total !== null ? `${state.analyzed}/${total}` : "–"}</dd>
            </div>
          </dl>
          <progress
            className="progress-bar"
            max={total ?? 1}
            value={total ? state.analyzed : 0}
            aria-label="Analysis progress"
            data-testid="progress-bar"
          />
          {stream.status === "error" && state.terminal === null ? (
            <p className="form-alert" role="alert">
              Lost the live connection: {stream.error?.message}. Reload to resume.
            </p>
          ) : null}
        </section>

        {state.warnings.length > 0 ? (
          <section
            className="banner banner-offline warnings"
            aria-label="Warnings"
            data-testid="run-warnings"
          >
            <ul>
              {state.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </section>
        ) : null}

        {isEmpty ? (
          <section className="card empty-state" data-testid="empty-state">
            <h2>{state.terminal?.message}</h2>
            <p>Try broadening the search:</p>
            <ul>
              <li>use fewer topics, or none;</li>
              <li>widen the star range;</li>
              <li>pick an older “active since” date;</li>
              <li>drop the license or the search text.</li>
            </ul>
          </section>
        ) : null}

        {isFailure ? (
          <section className="card error-state" role="alert" data-testid="failed-state">
            <h2>The search did not finish</h2>
            <p>{state.terminal?.message}</p>
            {snapshot.data?.filters ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => snapshot.data?.filters && retry.mutate(snapshot.data.filters)}
                disabled={retry.isPending}
                data-testid="retry-search"
              >
                Try again
              </button>
            ) : null}
            {retry.error ? <p className="field-error">{retry.error.message}</p> : null}
          </section>
        ) : null}

        {skipped.length > 0 && state.terminal !== null ? (
          <section className="banner banner-offline" data-testid="skipped-note">
            <p>
              {skipped.length} {skipped.length === 1 ? "repository" : "repositories"} could not be analyzed
              and {skipped.length === 1 ? "is" : "are"} not ranked: {skipped.join(", ")}.
            </p>
          </section>
        ) : null}

        {accepted.length > 0 || rejected.length > 0 ? (
          <section aria-labelledby="results-heading" className="results">
            <header className="results-header">
              <h2 id="results-heading">
                Ranked repositories <span className="muted">({accepted.length})</span>
              </h2>
              <div className="results-controls">
                <label className="inline-field">
                  Sort by{" "}
                  <select
                    className="input"
                    value={sortKey}
                    onChange={(event) => {
                      setSortKey(event.target.value as SortKey);
                    }}
                    data-testid="sort-results"
                  >
                    <option value="fit">Fit</option>
                    <option value="stars">Stars</option>
                    <option value="recent">Recent activity</option>
                  </select>
                </label>
                {rejected.length > 0 ? (
                  <label className="inline-field">
                    <input
                      type="checkbox"
                      checked={showRejected}
                      onChange={(event) => {
                        setShowRejected(event.target.checked);
                      }}
                      data-testid="toggle-rejected"
                    />{" "}
                    Show rejected ({rejected.length})
                  </label>
                ) : null}
              </div>
            </header>
            <div className="card-grid" data-testid="result-list">
              {accepted.map((result) => (
                <RepoCard key={result.repo} result={result} repo={reposByName.get(result.repo)} />
              ))}
            </div>
            {showRejected ? (
              <div className="card-grid rejected-list" data-testid="rejected-list">
                {rejected.map((result) => (
                  <RepoCard key={result.repo} result={result} repo={reposByName.get(result.repo)} />
                ))}
              </div>
            ) : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}

function sortResults(
  results: AnalysisResult[],
  key: SortKey,
  repos: Map<string, RepoMetadata>,
): AnalysisResult[] {
  const value = (result: AnalysisResult): number => {
    const repo = repos.get(result.repo);
    if (key === "stars") return repo?.stars ?? -1;
    if (key === "recent") return repo?.pushedAt ? Date.parse(repo.pushedAt) : 0;
    return result.fitScore;
  };
  return [...results].sort(
    (a, b) => value(b) - value(a) || b.fitScore - a.fitScore || a.repo.localeCompare(b.repo),
  );
}
