import type { Phase, ScoutEvent } from "@/shared/events";
import { buildProgress, buildStatus, stageMessages } from "./run-messages";

/**
 * Where the fetch-and-analyze stage stands, for its status and progress events: its phase, how many
 * candidates analysis is expected to get, and how many it is done with (answered, skipped or lost). The
 * count only grows, and the total shown never falls below it.
 */
export type AnalysisProgress = {
  /** A screened group arrived: the feed's estimate of the total now, and whether it was the last group. */
  takeGroup: (group: { expectedTotal: number; last: boolean }) => void;
  /** Counts candidates analysis is done with. */
  count: (done: number) => void;
  /** A status event in the current phase. */
  status: (message: string, counts?: { passed?: number }) => ScoutEvent;
  /** `candidates`: how many analysis got so far, which is the total once the feed is done. */
  progress: (candidates: number) => ScoutEvent;
  /** Enters the analysis phase, announcing it the first time only. */
  startAnalyzing: (candidates: number) => Generator<ScoutEvent>;
};

export function createAnalysisProgress({ expectedTotal }: { expectedTotal: number }): AnalysisProgress {
  let phase: Phase = "fetching";
  let expected = expectedTotal;
  let feedDone = false;
  let done = 0;
  const total = (candidates: number) => (feedDone ? candidates : expected);
  return {
    takeGroup(group) {
      expected = group.expectedTotal;
      feedDone = group.last;
    },
    count(count) {
      done += count;
    },
    status: (message, counts = {}) => buildStatus(phase, message, counts),
    progress: (candidates) => buildProgress(done, Math.max(total(candidates), done)),
    *startAnalyzing(candidates) {
      if (phase === "analyzing") return;
      phase = "analyzing";
      yield buildStatus(phase, stageMessages.analyzing(total(candidates)));
    },
  };
}
