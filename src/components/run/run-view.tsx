"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, type Ref } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { useTRPC } from "@/trpc/react";
import { SearchForm } from "../search-form";
import { ExportLinks } from "./export-links";
import { FilteredOutList } from "./filtered-out-list";
import { ProgressPanel } from "./progress-panel";
import { ResultList } from "./result-list";
import { RunCost } from "./run-cost";
import { describeOutcomeForListeners, RunAnnouncer } from "./run-announcer";
import { RunOutcomeNotice, RunWarnings } from "./run-outcome";
import { useRunStream } from "./use-run-stream";

/** The run page: restores what this tab saw of the run, then resumes the live stream after it. */
export function RunView({ runId }: { runId: string }) {
  // What the tab saw lives in sessionStorage, which the server cannot read: render it after hydration only.
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <>
        <RunHeading title="Search results" />
        <p className="muted">Loading the search…</p>
      </>
    );
  }
  return <LiveRun key={runId} runId={runId} />;
}

/** The page's h1. It takes focus when the page opens on a run, so a screen reader starts there. */
function RunHeading({ title, ref }: { title: string; ref?: Ref<HTMLHeadingElement> }) {
  return (
    <h1 className="page-title" tabIndex={-1} ref={ref} data-testid="run-heading">
      {title}
    </h1>
  );
}

function LiveRun({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const run = useRunStream(runId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLElement>(null);
  const cancel = useMutation(trpc.scout.cancel.mutationOptions({ onSuccess: run.refresh }));

  const retry = useMutation(
    trpc.scout.search.mutationOptions({
      onSuccess: ({ runId: next }) => {
        router.push(`/runs/${next}`);
      },
    }),
  );

  // A search just started (or a run was opened): the page changed under the user, who starts at its title.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // The cancel button goes away with the running run: focus moves to how the run ended, once.
  const cancelRequested = cancel.isPending || cancel.isSuccess;
  const outcomeFocused = useRef(false);
  useEffect(() => {
    if (run.outcome === "running" || !cancelRequested || outcomeFocused.current) return;
    outcomeFocused.current = true;
    (outcomeRef.current ?? headingRef.current)?.focus();
  }, [run.outcome, cancelRequested]);

  if (run.notFound) {
    return (
      <>
        <RunHeading title="Search not found" ref={headingRef} />
        <section className="card" data-testid="run-not-found">
          <p className="muted">This search does not exist. Start a new one from the home page.</p>
        </section>
      </>
    );
  }

  const { state, filters } = run;
  const ranked = run.results.filter((result) => !result.reject).length;
  const terminalMessage = state.terminal?.type === "error" ? state.terminal.message : state.message;
  return (
    <>
      <RunHeading title="Search results" ref={headingRef} />
      <RunAnnouncer
        message={state.message}
        outcome={describeOutcomeForListeners({
          outcome: run.outcome,
          message: terminalMessage,
          ranked,
          skipped: run.skipped.length,
        })}
      />
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
          {run.usage && run.startedAt ? (
            <RunCost usage={run.usage} startedAt={run.startedAt} firstResultAt={run.firstResultAt} />
          ) : null}
          <RunWarnings warnings={state.warnings} />
          <RunOutcomeNotice
            outcome={run.outcome}
            message={terminalMessage}
            ranked={ranked}
            skipped={run.skipped}
            focusRef={outcomeRef}
            onRetry={
              filters
                ? () => {
                    retry.mutate(filters);
                  }
                : undefined
            }
            retrying={retry.isPending}
            retryError={retry.error ? retry.error.message : null}
            blockedBy={state.terminal?.type === "error" ? state.terminal.blockedBy : undefined}
            returnTo={`/runs/${runId}`}
          />
          {run.outcome === "running" ? null : <ExportLinks runId={runId} />}
          <ResultList results={run.results} repos={run.repos} />
          <FilteredOutList filteredOut={run.filteredOut} />
        </div>
      </div>
    </>
  );
}
