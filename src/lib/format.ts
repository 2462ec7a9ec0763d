/** Small display helpers shared by the UI; dates live in ./dates, plurals in ./plural. */

export function formatCount(value: number): string {
  return new Intl.NumberFormat("en", {
    notation: value >= 10_000 ? "compact" : "standard",
    maximumFractionDigits: 1,
  }).format(value);
}

export function formatDateTime(iso: string, options: { timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat("en", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: options.timeZone,
  }).format(new Date(iso));
}

export type ScoreTone = "high" | "medium" | "low";

/** Green from 8, amber 5–7, red below 5. */
export function scoreTone(score: number): ScoreTone {
  if (score >= 8) return "high";
  if (score >= 5) return "medium";
  return "low";
}
