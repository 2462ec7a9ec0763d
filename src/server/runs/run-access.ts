/**
 * Who reads a run. Through the API, a user reads only their own: another user's run answers exactly as an
 * unknown one, so its id leaks nothing. The server itself (the worker executing a run, a stream already let
 * in) reads any run.
 */
export type RunAccess = { userId: string } | "server";

/** The where clause of one run as `access` may see it. */
export function visibleRun(runId: string, access: RunAccess): { id: string; userId?: string } {
  return access === "server" ? { id: runId } : { id: runId, userId: access.userId };
}
