/** Small display helpers shared by the UI. */

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function formatRelativeTime(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "unknown";
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Number.isNaN(seconds)) return "unknown";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat("en", {
    notation: value >= 10_000 ? "compact" : "standard",
    maximumFractionDigits: 1,
  }).format(value);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** "YYYY-MM-DD" six months before the given day, as the search's default activity window. */
export function sixMonthsAgo(today: Date = new Date()): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 6, today.getUTCDate()));
  return date.toISOString().slice(0, 10);
}

export type ScoreTone = "high" | "medium" | "low";

/** Green from 8, amber 5–7, red below 5. */
export function scoreTone(score: number): ScoreTone {
  if (score >= 8) return "high";
  if (score >= 5) return "medium";
  return "low";
}
