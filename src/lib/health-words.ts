import { formatRelativeTime } from "@/lib/dates";
import { formatCountOf, pluralize } from "@/lib/words";
import type { RepoHealth } from "@/shared/repos";

/**
 * A repository's health signals in plain words, shared by the cards and the built-in analyzer's reasons, so
 * both say the same thing about the same numbers.
 */

const HOURS_PER_DAY = 24;
const HOURS_PER_WEEK = 7 * HOURS_PER_DAY;

/** "within an hour", "within 5 hours", "within 2 days", "within 3 weeks": rounded up, never flattering. */
export function describeResponseTime(hours: number): string {
  if (hours <= 1) return "within an hour";
  if (hours < HOURS_PER_DAY) return `within ${formatCountOf(Math.ceil(hours), "hour", "hours")}`;
  const days = Math.ceil(hours / HOURS_PER_DAY);
  if (days === 1) return "within a day";
  if (days < 14) return `within ${formatCountOf(days, "day", "days")}`;
  return `within ${formatCountOf(Math.ceil(hours / HOURS_PER_WEEK), "week", "weeks")}`;
}

/** The first-response signal as a sentence part: who answers, and how fast. */
export function describeResponsiveness(health: Pick<RepoHealth, "medianFirstResponseHours">): string {
  return health.medianFirstResponseHours === null
    ? "no maintainer has replied to its recent issues"
    : `maintainers usually reply ${describeResponseTime(health.medianFirstResponseHours)}`;
}

/** "4 outside PRs merged in 90 days"; null when unknown. */
export function describeOutsidePullRequests(health: Pick<RepoHealth, "outsideMergedPrsLast90Days">) {
  const count = health.outsideMergedPrsLast90Days;
  if (count === null) return null;
  return count === 0
    ? "no outside PRs merged in 90 days"
    : `${formatCountOf(count, "outside PR", "outside PRs")} merged in 90 days`;
}

/**
 * The compact line a card shows, e.g. "Maintainers usually reply within 2 days · 4 outside PRs merged in 90
 * days · 31 commits in 90 days · contributing guide · code of conduct · released 2 months ago". Signals
 * GitHub could not tell are left out rather than guessed.
 */
export function summarizeHealth(health: RepoHealth, now: Date = new Date()): string[] {
  const parts: string[] = [];
  const responsiveness = describeResponsiveness(health);
  parts.push(responsiveness.charAt(0).toUpperCase() + responsiveness.slice(1));
  const outside = describeOutsidePullRequests(health);
  if (outside) parts.push(outside);
  if (health.commitsLast90Days !== null)
    parts.push(
      `${health.commitsLast90Days} ${pluralize(health.commitsLast90Days, "commit", "commits")} in 90 days`,
    );
  if (health.hasContributingGuide) parts.push("contributing guide");
  if (health.hasCodeOfConduct) parts.push("code of conduct");
  if (health.lastReleaseAt !== null) parts.push(`released ${formatRelativeTime(health.lastReleaseAt, now)}`);
  return parts;
}
