import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useMemo, useReducer, useState } from "react";
import type { ScoutEvent } from "@/shared/events";
import type { RepoMetadata } from "@/shared/repos";
import { useTRPC } from "@/trpc/react";
import {
  applyRunEvent,
  describeOutcome,
  initialRunViewState,
  loadRunViewState,
  saveRunViewState,
  selectAnalysisTotal,
} from "./run-state";

/** Events after which the stored run has more to show: candidates' metadata, or its final state. */
function revealsRunData(event: ScoutEvent): boolean {
  if (event.type === "status") return event.phase === "fetching" || event.phase === "analyzing";
  return event.type === "complete" || event.type === "error" || event.type === "cancelled";
}

/**
 * Follows one run: restores what this tab saw of it (sessionStorage), resumes the event stream after the
 * last event applied, and reduces the events into the run's state, the only source of its results. The
 * results query adds what events do not carry: the candidates' metadata, the filters and the run status.
 * Must render in the browser only (it reads sessionStorage while it mounts).
 */
export function useRunStream(runId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [restored] = useState(() => loadRunViewState(runId) ?? initialRunViewState);
  const [state, dispatch] = useReducer(applyRunEvent, restored);

  const snapshot = useQuery(trpc.scout.results.queryOptions({ runId }, { retry: false }));
  const stream = useSubscription(
    trpc.scout.stream.subscriptionOptions(
      { runId, lastEventId: restored.lastEventId ?? undefined },
      {
        // A run this tab saw end has nothing left to stream.
        enabled: restored.terminal === null,
        onData: ({ id, data }) => {
          dispatch({ id, event: data });
          // Candidates become known group by group while analysis runs: a result for one the stored run
          // did not list yet needs its metadata.
          const stored = queryClient.getQueryData(trpc.scout.results.queryKey({ runId }));
          const storedNames = new Set(stored?.repos.map((repo) => repo.fullName));
          const unknownResult =
            data.type === "results" && data.results.some((result) => !storedNames.has(result.repo));
          if (revealsRunData(data) || unknownResult) {
            void queryClient.invalidateQueries({ queryKey: trpc.scout.results.queryKey({ runId }) });
            void queryClient.invalidateQueries({ queryKey: trpc.scout.runs.pathKey() });
          }
        },
      },
    ),
  );

  useEffect(() => {
    saveRunViewState(runId, state);
  }, [runId, state]);

  const run = state.final ?? snapshot.data;
  const repos = useMemo(
    () => new Map<string, RepoMetadata>((run?.repos ?? []).map((repo) => [repo.fullName, repo])),
    [run],
  );
  // Marks change after a run: the results query reads the current ones, the events those of their day.
  const results = useMemo(() => {
    const marks = new Map(
      [...(snapshot.data?.results ?? []), ...(snapshot.data?.rejected ?? [])].map((r) => [r.repo, r.mark]),
    );
    return Object.values(state.results).map((result) => ({
      ...result,
      mark: (marks.has(result.repo) ? marks.get(result.repo) : result.mark) ?? null,
    }));
  }, [state.results, snapshot.data]);

  return {
    state,
    outcome: describeOutcome(state.terminal),
    running: state.terminal === null && run?.status === "running",
    results,
    repos,
    analysisTotal: selectAnalysisTotal(state, run?.repos),
    skipped: run?.skipped ?? [],
    filteredOut: run?.filteredOut ?? [],
    filters: snapshot.data?.filters,
    usage: run?.usage,
    startedAt: run?.startedAt,
    firstResultAt: run?.firstResultAt,
    notFound: snapshot.error?.data?.code === "NOT_FOUND",
    connectionError: stream.status === "error" && state.terminal === null ? stream.error.message : null,
    refresh: () => {
      void snapshot.refetch();
    },
  };
}
