import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  applyRunEvent,
  describeOutcome,
  initialRunViewState,
  loadRunViewState,
  saveRunViewState,
  selectAnalysisTotal,
  sortResults,
  type RunViewState,
} from "@/components/run/run-state";
import type { AnalysisResult } from "@/shared/analysis";
import type { ScoutEvent } from "@/shared/events";
import type { RepoMetadata } from "@/shared/repos";
import type { ScoutSearchResult } from "@/shared/runs";

function analysis(repo: string, fitScore: number, reject = false): AnalysisResult {
  return {
    repo,
    fitScore,
    reason: `${repo} fits`,
    contributions: reject ? [] : ["Fix a bug"],
    reject,
    rejectReason: reject ? "Tutorial" : null,
  };
}

function repoMetadata(fullName: string, stars: number, pushedAt: string | null): RepoMetadata {
  const [owner = "", name = ""] = fullName.split("/");
  return {
    githubId: stars,
    owner,
    name,
    fullName,
    url: `https://github.com/${fullName}`,
    description: null,
    primaryLanguage: "Go",
    languages: ["Go"],
    stars,
    forks: 0,
    openIssues: 0,
    topics: [],
    license: null,
    pushedAt,
    createdAt: null,
    goodFirstIssues: 0,
    helpWantedIssues: 0,
  };
}

function finalResult(overrides: Partial<ScoutSearchResult> = {}): ScoutSearchResult {
  return {
    runId: "run-1",
    status: "completed",
    totalDiscovered: 40,
    totalFiltered: 12,
    totalAnalyzed: 3,
    results: [analysis("a/one", 9), analysis("b/two", 6)],
    repos: [],
    skipped: [],
    warnings: [],
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:01:00.000Z",
    usage: { githubRequests: 3, llmInputTokens: 0, llmOutputTokens: 0 },
    rejected: [analysis("c/tutorial", 0, true)],
    ...overrides,
  };
}

/** Applies events numbered from `firstId`, as the stream delivers them. */
function applyAll(state: RunViewState, events: ScoutEvent[], firstId = 1): RunViewState {
  return events.reduce(
    (current, event, index) => applyRunEvent(current, { id: String(firstId + index), event }),
    state,
  );
}

const runEvents: ScoutEvent[] = [
  { type: "status", phase: "discovering", message: "Searching GitHub…" },
  { type: "status", phase: "filtering", message: "Found 40", discovered: 40 },
  { type: "status", phase: "analyzing", message: "12 passed", passed: 12 },
  { type: "results", results: [analysis("a/one", 9), analysis("c/tutorial", 0, true)] },
  { type: "progress", phase: "analyzing", analyzed: 8, total: 12, message: "Analyzed 8/12 repos..." },
  { type: "results", results: [analysis("b/two", 6)] },
  { type: "progress", phase: "analyzing", analyzed: 12, total: 12, message: "Analyzed 12/12 repos..." },
  { type: "complete", data: finalResult() },
];

describe("applyRunEvent", () => {
  it("status: moves to the phase and keeps counts an event leaves out", () => {
    const state = applyAll(initialRunViewState, runEvents.slice(0, 3));
    expect(state).toMatchObject({
      lastEventId: "3",
      phase: "analyzing",
      message: "12 passed",
      discovered: 40,
      passed: 12,
      terminal: null,
    });
  });

  it("progress: counts analyzed repositories out of the total", () => {
    const state = applyAll(initialRunViewState, [runEvents[4] as ScoutEvent]);
    expect(state).toMatchObject({ analyzed: 8, total: 12, message: "Analyzed 8/12 repos..." });
  });

  it("results: adds each batch, rejected ones included, and a repeated repository replaces its entry", () => {
    const state = applyAll(initialRunViewState, [
      { type: "results", results: [analysis("a/one", 5), analysis("c/tutorial", 0, true)] },
      { type: "results", results: [analysis("a/one", 9), analysis("b/two", 6)] },
    ]);
    expect(Object.keys(state.results).sort()).toEqual(["a/one", "b/two", "c/tutorial"]);
    expect(state.results["a/one"]?.fitScore).toBe(9);
  });

  it("warning: lists each distinct warning once", () => {
    const warning: ScoutEvent = { type: "warning", message: "Results may be incomplete" };
    const state = applyAll(initialRunViewState, [warning, warning, { type: "warning", message: "Other" }]);
    expect(state.warnings).toEqual(["Results may be incomplete", "Other"]);
    expect(state.lastEventId).toBe("3");
  });

  it("complete: ends the run with its final data, totals and every result", () => {
    const state = applyAll(initialRunViewState, runEvents);
    expect(state.phase).toBe("done");
    expect(state.message).toBe("Done");
    expect(state.terminal).toEqual({ type: "complete" });
    expect(state.final?.runId).toBe("run-1");
    expect(state).toMatchObject({ discovered: 40, passed: 12 });
    expect(Object.keys(state.results).sort()).toEqual(["a/one", "b/two", "c/tutorial"]);
    expect(describeOutcome(state.terminal)).toBe("completed");
  });

  it("complete: a partial run says some repositories were skipped", () => {
    const state = applyAll(initialRunViewState, [
      { type: "complete", data: finalResult({ status: "partial", skipped: ["d/late"] }) },
    ]);
    expect(state.message).toBe("Done, with some repositories skipped");
    expect(describeOutcome(state.terminal)).toBe("completed");
  });

  it("error: keeps the reason the server gave", () => {
    const state = applyAll(initialRunViewState, [
      { type: "error", message: "No repositories found.", reason: "no-repositories" },
    ]);
    expect(state.phase).toBe("done");
    expect(state.message).toBe("No repositories found.");
    expect(state.terminal).toEqual({
      type: "error",
      message: "No repositories found.",
      reason: "no-repositories",
    });
  });

  it("error without a reason (a run recorded before reasons existed) counts as a failure", () => {
    const state = applyAll(initialRunViewState, [{ type: "error", message: "Something broke" }]);
    expect(state.terminal).toMatchObject({ type: "error", reason: "failed" });
    expect(describeOutcome(state.terminal)).toBe("failed");
  });

  it("cancelled: ends the run and says so", () => {
    const state = applyAll(initialRunViewState, [
      runEvents[0] as ScoutEvent,
      { type: "cancelled", message: "The search was cancelled" },
    ]);
    expect(state.phase).toBe("done");
    expect(state.message).toBe("Search cancelled.");
    expect(describeOutcome(state.terminal)).toBe("cancelled");
  });

  it("ignores an event it has already applied, and any older one", () => {
    const state = applyAll(initialRunViewState, runEvents.slice(0, 5));
    expect(applyRunEvent(state, { id: "5", event: runEvents[4] as ScoutEvent })).toBe(state);
    expect(
      applyRunEvent(state, { id: "2", event: { type: "status", phase: "discovering", message: "again" } }),
    ).toBe(state);
  });

  it("compares event ids as numbers, so event 10 comes after event 9", () => {
    const state = applyRunEvent(
      { ...initialRunViewState, lastEventId: "9" },
      { id: "10", event: { type: "warning", message: "late" } },
    );
    expect(state.warnings).toEqual(["late"]);
  });
});

describe("describeOutcome", () => {
  it("shows the empty state for searches that found nothing and the failure screen for the rest", () => {
    const error = (reason: "no-repositories" | "all-filtered" | "failed" | "interrupted") =>
      describeOutcome({ type: "error", message: "m", reason });
    expect(error("no-repositories")).toBe("empty");
    expect(error("all-filtered")).toBe("empty");
    expect(error("failed")).toBe("failed");
    expect(error("interrupted")).toBe("failed");
    expect(describeOutcome(null)).toBe("running");
  });
});

describe("resuming after a reload", () => {
  let storage: Map<string, string>;

  beforeEach(() => {
    storage = new Map();
    vi.stubGlobal("window", {
      sessionStorage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => storage.set(key, value),
      },
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("restores what the tab saw, and the replay after it ends where an uninterrupted stream ends", () => {
    const beforeReload = applyAll(initialRunViewState, runEvents.slice(0, 4));
    saveRunViewState("run-1", beforeReload);

    const restored = loadRunViewState("run-1");
    expect(restored).toEqual(beforeReload);
    // The server replays after lastEventId; a reconnect may overlap by an event, which changes nothing.
    const resumed = applyAll(restored ?? initialRunViewState, runEvents.slice(3), 4);
    expect(resumed).toEqual(applyAll(initialRunViewState, runEvents));
    expect(Object.keys(resumed.results)).toHaveLength(3);
  });

  it("gives nothing for a run this tab never saw, so the stream replays from the first event", () => {
    expect(loadRunViewState("unknown")).toBeNull();
  });

  it("reads a state stored before terminal reasons existed as a failure", () => {
    storage.set(
      "scout-run:old",
      JSON.stringify({
        ...initialRunViewState,
        lastEventId: "7",
        phase: "done",
        terminal: { type: "error", message: "It broke" },
      }),
    );
    expect(loadRunViewState("old")?.terminal).toEqual({
      type: "error",
      message: "It broke",
      reason: "failed",
    });
  });

  it("ignores a stored state it cannot read instead of showing something wrong", () => {
    storage.set("scout-run:bad", "{not json");
    storage.set("scout-run:odd", JSON.stringify({ lastEventId: 5, results: "none" }));
    expect(loadRunViewState("bad")).toBeNull();
    expect(loadRunViewState("odd")).toBeNull();
  });
});

describe("sortResults", () => {
  const results = [analysis("a/fit", 9), analysis("b/stars", 6), analysis("c/recent", 7)];
  const repos = new Map(
    [
      repoMetadata("a/fit", 10, "2025-01-01T00:00:00Z"),
      repoMetadata("b/stars", 9000, "2025-06-01T00:00:00Z"),
      repoMetadata("c/recent", 300, "2026-01-01T00:00:00Z"),
    ].map((repo) => [repo.fullName, repo]),
  );
  const order = (key: "fit" | "stars" | "recent") => sortResults(results, key, repos).map((r) => r.repo);

  it("orders by fit, by stars or by the latest push, highest first", () => {
    expect(order("fit")).toEqual(["a/fit", "c/recent", "b/stars"]);
    expect(order("stars")).toEqual(["b/stars", "c/recent", "a/fit"]);
    expect(order("recent")).toEqual(["c/recent", "b/stars", "a/fit"]);
  });

  it("puts repositories without metadata last when sorting by stars", () => {
    const withUnknown = [...results, analysis("z/unknown", 10)];
    expect(sortResults(withUnknown, "stars", repos).at(-1)?.repo).toBe("z/unknown");
  });
});

describe("selectAnalysisTotal", () => {
  it("prefers the progress total, then the candidates known, then the count that passed filters", () => {
    const passed = { ...initialRunViewState, passed: 30 };
    expect(selectAnalysisTotal({ ...passed, total: 24 }, [])).toBe(24);
    expect(selectAnalysisTotal(passed, [repoMetadata("a/b", 1, null)])).toBe(1);
    expect(selectAnalysisTotal(passed, [])).toBe(30);
    expect(selectAnalysisTotal(initialRunViewState, undefined)).toBeNull();
  });
});
