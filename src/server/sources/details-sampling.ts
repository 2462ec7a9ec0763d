import { DAY_MS } from "@/lib/dates";

/**
 * How much of a repository's activity the details query reads. The live source asks GitHub for these
 * samples and the catalog source mirrors them, so both sources judge a repository on the same evidence.
 */

export const STARTER_ISSUES_PER_REPO = 10;
/** "The last ~20 issues" of CHAOSS time to first response. */
export const RESPONSE_SAMPLE_ISSUES = 20;
/** Comments read per sampled issue; the first outside reply is nearly always among them. */
export const RESPONSE_SAMPLE_COMMENTS = 10;
/** Merged pull requests read, most recently updated first; the count is a lower bound beyond this. */
export const MERGED_PULL_REQUEST_SAMPLE = 50;
export const HEALTH_WINDOW_DAYS = 90;

/** Where the 90-day window of the health signals starts. */
export function healthWindowStart(now: Date): Date {
  return new Date(now.getTime() - HEALTH_WINDOW_DAYS * DAY_MS);
}
