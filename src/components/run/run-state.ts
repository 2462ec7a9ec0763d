import { z } from "zod";
import { phaseSchema, type ScoutEvent } from "@/shared/events";
import { type RepoMetadata } from "@/shared/repos";
import {
  runAnalysisResultSchema,
  scoutSearchResultSchema,
  searchBlockerSchema,
  terminalErrorReasonSchema,
  type RunAnalysisResult,
} from "@/shared/runs";

/**
 * What the run page knows of a run, rebuilt from its event stream alone and kept across reloads. The stream
 * replays every stored event after `lastEventId`, so this state is the one source of truth for the run's
 * progress and results; the results query only adds the candidates' metadata.
 */

const terminalSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("complete") }),
  // Runs recorded before the reason existed ended without one; whatever they were, they did not succeed.
  z.object({
    type: z.literal("error"),
    message: z.string(),
    reason: terminalErrorReasonSchema.default("failed"),
    blockedBy: searchBlockerSchema.optional(),
  }),
  z.object({ type: z.literal("cancelled"), message: z.string() }),
]);
export type RunTerminal = z.infer<typeof terminalSchema>;

const runViewStateSchema = z.object({
  lastEventId: z.string().nullable(),
  phase: z.union([phaseSchema, z.literal("done")]).nullable(),
  message: z.string(),
  discovered: z.number().nullable(),
  passed: z.number().nullable(),
  analyzed: z.number(),
  total: z.number().nullable(),
  warnings: z.array(z.string()),
  /** Every analysis so far, rejected ones too, by "owner/name". */
  results: z.record(z.string(), runAnalysisResultSchema),
  final: scoutSearchResultSchema.nullable(),
  terminal: terminalSchema.nullable(),
});
export type RunViewState = z.infer<typeof runViewStateSchema>;

export const initialRunViewState: RunViewState = {
  lastEventId: null,
  phase: null,
  message: "Starting…",
  discovered: null,
  passed: null,
  analyzed: 0,
  total: null,
  warnings: [],
  results: {},
  final: null,
  terminal: null,
};

export type RunEventAction = { id: string; event: ScoutEvent };

function withResults(state: RunViewState, results: RunAnalysisResult[]): RunViewState["results"] {
  const merged = { ...state.results };
  for (const result of results) merged[result.repo] = result;
  return merged;
}

/**
 * Applies one stream event. Event ids grow with each event of a run, so an event at or before the last one
 * applied is a replay (a reconnect, or a resume that overlaps) and changes nothing.
 */
export function applyRunEvent(state: RunViewState, { id, event }: RunEventAction): RunViewState {
  if (state.lastEventId !== null && Number(id) <= Number(state.lastEventId)) return state;
  const next = { ...state, lastEventId: id };
  switch (event.type) {
    case "status":
      return {
        ...next,
        phase: event.phase,
        message: event.message,
        discovered: event.discovered ?? state.discovered,
        passed: event.passed ?? state.passed,
      };
    case "progress":
      return { ...next, analyzed: event.analyzed, total: event.total, message: event.message };
    case "results":
      return { ...next, results: withResults(state, event.results) };
    case "warning":
      return state.warnings.includes(event.message)
        ? next
        : { ...next, warnings: [...state.warnings, event.message] };
    case "complete":
      return {
        ...next,
        phase: "done",
        message: event.data.status === "partial" ? "Done, with some repositories skipped" : "Done",
        results: withResults(state, [...event.data.results, ...(event.data.rejected ?? [])]),
        final: event.data,
        discovered: event.data.totalDiscovered,
        passed: event.data.totalFiltered,
        terminal: { type: "complete" },
      };
    case "error":
      return {
        ...next,
        phase: "done",
        message: event.message,
        terminal: {
          type: "error",
          message: event.message,
          reason: event.reason ?? "failed",
          ...(event.blockedBy ? { blockedBy: event.blockedBy } : {}),
        },
      };
    case "cancelled":
      return {
        ...next,
        phase: "done",
        message: "Search cancelled.",
        terminal: { type: "cancelled", message: event.message },
      };
  }
}

/** How the run ended, as the page shows it; "running" until a terminal event arrives. */
export type RunOutcome = "running" | "completed" | "empty" | "failed" | "cancelled";

export function describeOutcome(terminal: RunTerminal | null): RunOutcome {
  if (terminal === null) return "running";
  switch (terminal.type) {
    case "complete":
      return "completed";
    case "cancelled":
      return "cancelled";
    case "error":
      switch (terminal.reason) {
        case "no-repositories":
        case "all-filtered":
          return "empty";
        case "failed":
        case "interrupted":
          return "failed";
      }
  }
}

export const resultSortKeys = ["fit", "stars", "recent"] as const;
export type ResultSortKey = (typeof resultSortKeys)[number];

/** Highest first by the chosen key; ties go to the better fit, then to the name, so the order is stable. */
export function sortResults(
  results: RunAnalysisResult[],
  key: ResultSortKey,
  repos: ReadonlyMap<string, RepoMetadata>,
): RunAnalysisResult[] {
  const value = (result: RunAnalysisResult): number => {
    const repo = repos.get(result.repo);
    if (key === "stars") return repo?.stars ?? -1;
    if (key === "recent") return repo?.pushedAt ? Date.parse(repo.pushedAt) : 0;
    return result.fitScore;
  };
  return [...results].sort(
    (a, b) => value(b) - value(a) || b.fitScore - a.fitScore || a.repo.localeCompare(b.repo),
  );
}

/** The results no earlier search for the same profile had analyzed; runs from before the verdict have none. */
export function selectNewResults(results: RunAnalysisResult[]): RunAnalysisResult[] {
  return results.filter((result) => result.newSinceLastRun === true);
}

/** How many candidates go to analysis: the progress events say so; before the first, the candidates known. */
export function selectAnalysisTotal(
  state: RunViewState,
  candidates: RepoMetadata[] | undefined,
): number | null {
  if (state.total !== null) return state.total;
  if (state.passed === null) return null;
  return candidates && candidates.length > 0 ? Math.min(state.passed, candidates.length) : state.passed;
}

const storagePrefix = "scout-run:";

/**
 * What this tab saw of the run before a reload, or null when there is nothing usable (never stored, storage
 * disabled, or written by an older version): the stream then replays the run from its first event.
 */
export function loadRunViewState(runId: string): RunViewState | null {
  try {
    const raw = window.sessionStorage.getItem(storagePrefix + runId);
    if (!raw) return null;
    const parsed = runViewStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveRunViewState(runId: string, state: RunViewState): void {
  try {
    window.sessionStorage.setItem(storagePrefix + runId, JSON.stringify(state));
  } catch {
    // Storage full or disabled: a reload then replays the run from its first event instead.
  }
}
