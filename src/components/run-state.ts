import type { AnalysisResult, Phase, ScoutEvent, ScoutSearchResult } from "@/server/schemas";

/** What the run page knows of a run, rebuilt from its event stream and kept across reloads. */
export type RunViewState = {
  lastEventId: string | null;
  phase: Phase | "done" | null;
  message: string;
  discovered: number | null;
  passed: number | null;
  analyzed: number;
  total: number | null;
  warnings: string[];
  /** Every analysis so far, rejected ones too, by "owner/name". */
  results: Record<string, AnalysisResult>;
  final: ScoutSearchResult | null;
  terminal: { type: "complete" | "error" | "cancelled"; message: string } | null;
};

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

/** Applies one stream event; an event at or before the last one applied is ignored, so replays are harmless. */
export function applyRunEvent(state: RunViewState, id: string, event: ScoutEvent): RunViewState {
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
    case "results": {
      const results = { ...state.results };
      for (const result of event.results) results[result.repo] = result;
      return { ...next, results };
    }
    case "warning":
      return state.warnings.includes(event.message)
        ? next
        : { ...next, warnings: [...state.warnings, event.message] };
    case "complete": {
      const results = { ...state.results };
      for (const result of [...event.data.results, ...(event.data.rejected ?? [])])
        results[result.repo] = result;
      return {
        ...next,
        phase: "done",
        message: event.data.status === "partial" ? "Done, with some repositories skipped" : "Done",
        results,
        final: event.data,
        discovered: event.data.totalDiscovered,
        passed: event.data.totalFiltered,
        terminal: { type: "complete", message: "Done" },
      };
    }
    case "error":
    case "cancelled":
      return {
        ...next,
        phase: "done",
        message: event.message,
        terminal: { type: event.type, message: event.message },
      };
  }
}

const storagePrefix = "scout-run:";

export function loadRunViewState(runId: string): RunViewState | null {
  try {
    const raw = window.sessionStorage.getItem(storagePrefix + runId);
    return raw ? { ...initialRunViewState, ...(JSON.parse(raw) as Partial<RunViewState>) } : null;
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
