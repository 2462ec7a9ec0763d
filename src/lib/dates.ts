import {
  differenceInDays,
  differenceInHours,
  differenceInMinutes,
  differenceInMonths,
  differenceInWeeks,
  differenceInYears,
  format,
  isValid,
  parseISO,
  subMonths,
} from "date-fns";

/**
 * Date arithmetic and phrasing shared by the browser and the server, so both sides agree on what a date
 * means (the search form's default "active since" and the search query's must be the same day).
 */

/** One day in milliseconds, for arithmetic on timestamps (calendar steps go through date-fns). */
export const DAY_MS = 86_400_000;

/** How far back "recently active" reaches when the filters leave `pushedAfter` empty. */
export const DEFAULT_ACTIVITY_MONTHS = 6;

/**
 * "YYYY-MM-DD", DEFAULT_ACTIVITY_MONTHS calendar months before the given moment's UTC day, clamped to the end
 * of shorter months (31 August gives 28 or 29 February), as date-fns' subMonths does.
 */
export function defaultActiveSince(today: Date): string {
  if (!isValid(today)) throw new RangeError("today is not a valid date");
  // date-fns works on local calendar fields; a local date holding the UTC day keeps the answer independent
  // of the machine's time zone, so a browser in Tokyo and a server in UTC name the same day.
  const utcDay = new Date(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return format(subMonths(utcDay, DEFAULT_ACTIVITY_MONTHS), "yyyy-MM-dd");
}

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

// Largest unit first: the first one with a whole, non-zero count names the distance.
const relativeUnits: [Intl.RelativeTimeFormatUnit, (later: Date, earlier: Date) => number][] = [
  ["year", differenceInYears],
  ["month", differenceInMonths],
  ["week", differenceInWeeks],
  ["day", differenceInDays],
  ["hour", differenceInHours],
  ["minute", differenceInMinutes],
];

/** "3 weeks ago", "yesterday", "in 2 days"; "unknown" for a missing or unreadable date. */
export function formatRelativeTime(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "unknown";
  const date = parseISO(iso);
  if (!isValid(date)) return "unknown";
  for (const [unit, difference] of relativeUnits) {
    const count = difference(date, now);
    if (count !== 0) return relativeFormat.format(count, unit);
  }
  return "just now";
}

/**
 * How long after `start` the first result came, for the run's cost line: "0.4 s", "12 s", "2 min 5 s".
 * Null when either moment is unreadable or the order is reversed (a clock that moved back).
 */
export function formatTimeToFirstResult(startIso: string, endIso: string): string | null {
  const start = parseISO(startIso);
  const end = parseISO(endIso);
  if (!isValid(start) || !isValid(end) || end < start) return null;
  const seconds = (end.getTime() - start.getTime()) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
