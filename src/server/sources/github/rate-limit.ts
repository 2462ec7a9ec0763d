import { formatClock, type GitHubRateLimitError } from "@/server/sources/github/errors";

/** Stop paginating when fewer GraphQL points than this are left, so other work this hour still has some. */
export const DEFAULT_RATE_LIMIT_RESERVE = 50;

/** A spent rate limit costs the rest of the work, not what was found; `outcome` says what was lost. */
export function describeSpentRateLimit(error: GitHubRateLimitError, outcome: string): string {
  const until = error.resetAt ? ` until ${formatClock(error.resetAt)}` : "";
  return `GitHub's rate limit is spent${until}; ${outcome}`;
}

/** The warning that ends a search early as fewer points than the reserve are left; null while enough are. */
export function readReserveWarning(
  rateLimit: { remaining: number; resetAt: string } | null,
  options: { reserve: number; found: number },
): string | null {
  if (!rateLimit || rateLimit.remaining >= options.reserve) return null;
  const resetAt = new Date(rateLimit.resetAt);
  const until = Number.isNaN(resetAt.getTime()) ? "" : ` until ${formatClock(resetAt)}`;
  return `GitHub's rate limit is nearly spent (${rateLimit.remaining} left${until}); stopped after ${options.found} repositories.`;
}
