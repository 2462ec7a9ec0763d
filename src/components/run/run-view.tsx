"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useHydrated } from "@/lib/use-hydrated";
import { useTRPC } from "@/trpc/react";
import { SearchForm } from "../search-form";
import { FilteredOutList } from "./filtered-out-list";
import { ProgressPanel } from "./progress-panel";
import { ResultList } from "./result-list";
import { RunOutcomeNotice, RunWarnings } from "./run-outcome";
import { useRunStream } from "./use-run-stream";

/** The run page: restores what this tab saw of the run, then resumes the live stream after it. */
export function RunView({ runId }: { runId: string }) {
  // What the tab saw lives in sessionStorage, which the server cannot read: render it after hydration only.
  const hydrated = useHydrated();
  if (!hydrated) return <p className="muted">Loading the search…</p>;
  return <LiveRun key={runId} runId={runId} />;
}

function LiveRun({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const run = useRunStream(runId);
  const cancel = useMutation(trpc.scout.cancel.mutationOptions({ onSuccess: run.refresh }));
  const retry = useMutation(
    trpc.scout.search.mutationOptions({
      onSuccess: ({ runId: next }) => {
        router.push(`/runs/${next}`);
      },
    }),
  );

  if (run.notFound) {
    return (
      <section className="card" data-testid="run-not-found">
        <h2>Search not found</h2>
        <p className="muted">This search does not exist. Start a new one from the home page.</p>
      </section>
    );
  }

  const { state, filters } = run;
  return (
    <div className="run-layout">
      <div className="run-side">
        <SearchForm initialFilters={filters} runActive={run.running} />
      </div>
      <div className="run-main">
        <ProgressPanel
          phase={state.phase}
          message={state.message}
          discovered={state.discovered}
          passed={state.passed}
          analyzed={state.analyzed}
          total={run.analysisTotal}
          running={run.running}
          cancelling={cancel.isPending}
          onCancel={() => {
            cancel.mutate({ runId });
          }}
          connectionError={run.connectionError}
        />
        <RunWarnings warnings={state.warnings} />
        <RunOutcomeNotice
          outcome={run.outcome}
          message={state.terminal?.type === "error" ? state.terminal.message : state.message}
          skipped={run.skipped}
          onRetry={
            filters
              ? () => {
                  retry.mutate(filters);
                }
              : undefined
          }
          retrying={retry.isPending}
          retryError={retry.error ? retry.error.message : null}
        />
        <ResultList results={run.results} repos={run.repos} />
        <FilteredOutList filteredOut={run.filteredOut} />
      </div>
    </div>
  );
}
