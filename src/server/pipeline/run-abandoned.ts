/**
 * The reason a run's signal carries when this executor no longer holds the run: its lease ran out (a long
 * pause, a lost database) and another worker may have taken it over. Unlike a cancel, nothing more may be
 * written for the run from here: the new holder owns its log and its ending.
 */
export class RunAbandonedError extends Error {
  constructor(runId: string) {
    super(`Run ${runId} is no longer held by this executor`);
    this.name = "RunAbandonedError";
  }
}

export function isRunAbandoned(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof RunAbandonedError;
}
