/**
 * The labels that mark an issue as a way in for a newcomer. Projects spell this many ways, and GitHub
 * matches label names exactly (ignoring case), so the set lists the spellings real projects use.
 *
 * Two kinds, because they say different things and the analyzers weigh them differently:
 * - beginner: the maintainers judge the issue small or well explained (skill);
 * - help wanted: the maintainers would welcome a pull request, whatever its size (availability).
 *
 * Sources: GitHub's default labels ("good first issue", "help wanted"); goodfirstissue.dev and
 * DeepSource's good-first-issue list ("beginner-friendly", "starter", "low-hanging-fruit", ...);
 * first-timers-only and up-for-grabs.net; rust-lang's E-easy/E-mentor/E-help-wanted; Mozilla's
 * "good first bug"; scikit-learn and CPython's "Easy"; the "difficulty:"/"level:"/"status:" prefixes many
 * organisations use.
 *
 * Left out on purpose:
 * - "Hacktoberfest": it marks a project's October participation, not an issue's size or openness, and
 *   attracts drive-by pull requests; it would flood the set every autumn.
 * - Generic kinds ("documentation", "bug", "enhancement"): they describe the work, not who may take it.
 * - "mentored"-style labels with no widely shared spelling, except rust-lang's E-mentor, whose issues come
 *   with instructions written for newcomers.
 */

export const BEGINNER_LABELS = [
  "good first issue",
  "good-first-issue",
  "good first issues",
  "good first bug",
  "good-first-bug",
  "good first contribution",
  "good first pr",
  "first-timers-only",
  "first timers only",
  "first-timer",
  "beginner",
  "beginners",
  "beginner friendly",
  "beginner-friendly",
  "easy",
  "easy fix",
  "difficulty: easy",
  "difficulty: beginner",
  "difficulty/easy",
  "level: beginner",
  "level: easy",
  "E-easy",
  "E-mentor",
  "starter",
  "starter issue",
  "low-hanging-fruit",
  "low hanging fruit",
  "newcomer",
  "good for newcomers",
] as const;

export const HELP_WANTED_LABELS = [
  "help wanted",
  "help-wanted",
  "status: help wanted",
  "E-help-wanted",
  "contributions welcome",
  "contribution welcome",
  "PR welcome",
  "PRs welcome",
  "pr-welcome",
  "accepting prs",
  "status: accepting prs",
  "up-for-grabs",
  "up for grabs",
  "status: up for grabs",
] as const;

/** Every starter label, beginner ones first: what the details query asks GitHub for (OR'd). */
export const STARTER_LABELS: readonly string[] = [...BEGINNER_LABELS, ...HELP_WANTED_LABELS];

export type StarterLabelKind = "beginner" | "help-wanted";

/** GitHub compares label names without regard to case; surrounding blanks are never part of a name. */
const normalize = (label: string) => label.trim().toLowerCase();

const kindByLabel = new Map<string, StarterLabelKind>([
  ...HELP_WANTED_LABELS.map((label) => [normalize(label), "help-wanted"] as const),
  ...BEGINNER_LABELS.map((label) => [normalize(label), "beginner"] as const),
]);

/** Which starter kind a label name is, or null when it is not a starter label. */
export function classifyStarterLabel(label: string): StarterLabelKind | null {
  return kindByLabel.get(normalize(label)) ?? null;
}

export function isStarterLabel(label: string): boolean {
  return classifyStarterLabel(label) !== null;
}

/** True when any of the labels marks the issue as suited to a beginner. */
export function hasBeginnerLabel(labels: readonly string[]): boolean {
  return labels.some((label) => classifyStarterLabel(label) === "beginner");
}

/** True when any of the labels asks for outside help. */
export function hasHelpWantedLabel(labels: readonly string[]): boolean {
  return labels.some((label) => classifyStarterLabel(label) === "help-wanted");
}
