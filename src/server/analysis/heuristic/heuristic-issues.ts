import { DAY_MS } from "@/lib/dates";
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import { scoreBm25, tokenizeText, tokenizeTextWithSurface } from "@/server/analysis/heuristic/text-relevance";
import { classifyStarterLabel } from "@/shared/starter-labels";
import { pluralize } from "@/lib/words";
import { MAX_PICKED_ISSUES } from "@/shared/analysis";
import { type SkillLevel } from "@/shared/profile";
import { type RepoHealth, type StarterIssue } from "@/shared/repos";

/**
 * The built-in analyzer's use of starter issues and health: which unclaimed issues to pick for this
 * developer, and how welcoming the project is. Deterministic, like the rest of the heuristic analyzer.
 *
 * Issue titles are written by strangers. Nothing here lets a title change a repository's score (the welcome
 * signal reads health numbers only), and a title that addresses an AI, forges markup or asks for a score is
 * never picked or suggested.
 */

/** An issue nobody has touched for a year is most likely forgotten: it is not worth a newcomer's week. */
const STALE_AFTER_DAYS = 365;

const injectionPatterns: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|rules?|rubric|prompt|guidelines)\b/i,
  /\b(?:system|assistant|developer)\s*:/i,
  /<\s*\/?\s*[a-z][\w-]*\s*>/i,
  /\bfit\s*score\b/i,
  /\b(?:rate|score|give|grade)\b.{0,40}\b10\b/i,
  /\b10\s*\/\s*10\b/,
  /\b(?:note|message|attention)\s+(?:to|for)\s+(?:the\s+)?(?:ai|llm|model|assistant|reviewer|bot)\b/i,
  /\b(?:ai|llm)\s+(?:reviewer|assistant|model|agent)\b/i,
  /\byou are now\b/i,
  /\bevaluation mode\b/i,
  /\b(?:pick|choose|select|rank)\s+this\s+(?:issue|repo|repository|project)\b/i,
];

/** True for a title that talks to an AI rather than describing work. */
export function looksLikePromptInjection(text: string): boolean {
  const folded = text.normalize("NFKC");
  return injectionPatterns.some((pattern) => pattern.test(folded));
}

function daysSince(iso: string, now: Date): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : Math.max(0, (now.getTime() - at) / DAY_MS);
}

type IssueTraits = {
  /** The issue's starter labels as the project spells them, for the why. */
  beginnerLabel: string | null;
  helpWantedLabel: string | null;
};

function readTraits(issue: StarterIssue): IssueTraits {
  const traits: IssueTraits = { beginnerLabel: null, helpWantedLabel: null };
  for (const label of issue.labels) {
    const kind = classifyStarterLabel(label);
    if (kind === "beginner") traits.beginnerLabel ??= label;
    if (kind === "help-wanted") traits.helpWantedLabel ??= label;
  }
  return traits;
}

/**
 * How well the issue's size suits the level, 0..1, from its labels and how much discussion it has had:
 * beginners want a labelled, quiet issue; advanced developers a help-wanted one with something to chew on.
 */
function scoreLevelFit(traits: IssueTraits, comments: number, skillLevel: SkillLevel): number {
  const beginner = traits.beginnerLabel !== null;
  const helpWanted = traits.helpWantedLabel !== null;
  if (skillLevel === "beginner") {
    const label = beginner ? 1 : 0.3;
    const quiet = comments <= 2 ? 1 : comments <= 5 ? 0.55 : 0.2;
    return 0.6 * label + 0.4 * quiet;
  }
  if (skillLevel === "advanced") {
    const label = beginner ? (helpWanted ? 0.5 : 0.15) : 1;
    const depth = comments >= 4 ? 1 : comments >= 2 ? 0.7 : comments === 1 ? 0.45 : 0.3;
    return 0.6 * label + 0.4 * depth;
  }
  const label = helpWanted ? 1 : 0.75;
  const depth = comments <= 6 ? 1 : 0.6;
  return 0.6 * label + 0.4 * depth;
}

function scoreFreshness(days: number): number {
  if (days <= 30) return 1;
  if (days <= 90) return 0.8;
  if (days <= 180) return 0.55;
  return 0.3;
}

function describeFreshness(days: number): string {
  if (days <= 30) return "updated in the last month";
  if (days <= 90) return "updated in the last three months";
  return `quiet for ${Math.floor(days / 30)} months`;
}

function describeLevel(traits: IssueTraits, comments: number, skillLevel: SkillLevel): string {
  // The label that speaks to this developer: the beginner one for a beginner, "help wanted" for the rest.
  const label =
    skillLevel === "beginner"
      ? (traits.beginnerLabel ?? traits.helpWantedLabel)
      : (traits.helpWantedLabel ?? traits.beginnerLabel);
  const labelled = label === null ? "Open" : `Labelled "${label}"`;
  const discussion =
    comments === 0
      ? "no comments yet"
      : skillLevel === "advanced" && comments >= 4
        ? `${comments} comments of discussion`
        : `${comments} ${pluralize(comments, "comment", "comments")}`;
  return `${labelled}, ${discussion}`;
}

export type RankedIssue = { issue: StarterIssue; score: number; why: string };

/** The words of the profile an issue can match: its languages, topics and goals. */
export function profileQueryTokens(profile: AnalysisProfile, goalStopWords: ReadonlySet<string>) {
  return tokenizeTextWithSurface(
    [...profile.languages, ...profile.topics.map((topic) => topic.replace(/-/g, " ")), profile.goals].join(
      "\n",
    ),
    { extraStopWords: goalStopWords },
  );
}

/**
 * The unclaimed starter issues worth a pull request this week, best fit first, at most MAX_PICKED_ISSUES:
 * text relevance to the profile (30%), fit to the skill level (45%) and freshness (25%). Claimed issues,
 * issues untouched for a year and titles that look like prompt injection are never picked.
 */
export function rankStarterIssues(options: {
  issues: readonly StarterIssue[] | undefined;
  profile: AnalysisProfile;
  now: Date;
  goalStopWords: ReadonlySet<string>;
}): RankedIssue[] {
  const { profile, now } = options;
  const eligible = (options.issues ?? []).filter(
    (issue) =>
      !issue.claimed &&
      !looksLikePromptInjection(issue.title) &&
      daysSince(issue.updatedAt, now) <= STALE_AFTER_DAYS,
  );
  if (eligible.length === 0) return [];
  const query = profileQueryTokens(profile, options.goalStopWords);
  const surfaceOf = new Map<string, string>();
  for (const token of query) if (!surfaceOf.has(token.stem)) surfaceOf.set(token.stem, token.surface);
  // The issue's own text only: its starter labels say nothing about the subject.
  const documents = eligible.map((issue) =>
    tokenizeText(
      [issue.title, ...issue.labels.filter((label) => classifyStarterLabel(label) === null)].join("\n"),
    ),
  );
  const matches =
    query.length > 0 ? scoreBm25({ queryTerms: query.map((token) => token.stem), documents }) : [];

  // An issue title is a handful of words and matches one or two profile words at best, so relevance is
  // relative to the best-matching issue of the repository rather than to BM25's ceiling.
  const bestScore = Math.max(0, ...matches.map((match) => match.score));
  const ranked = eligible.map((issue, index) => {
    const traits = readTraits(issue);
    const match = matches[index];
    const relevance = match && bestScore > 0 ? match.score / bestScore : 0;
    const days = daysSince(issue.updatedAt, now);
    // Level outweighs relevance: one shared word in a short title is weak evidence, while a beginner sent
    // to a long-argued design issue (or an expert to a typo) is a poor pick whatever its words.
    const score =
      0.3 * relevance +
      0.45 * scoreLevelFit(traits, issue.comments, profile.skillLevel) +
      0.25 * scoreFreshness(days);
    const words = (match?.matchedTerms ?? []).slice(0, 2).map((stem) => `"${surfaceOf.get(stem) ?? stem}"`);
    const mentions = words.length > 0 ? `; it mentions ${words.join(" and ")} from your profile` : "";
    const why = `${describeLevel(traits, issue.comments, profile.skillLevel)}, ${describeFreshness(days)}${mentions}.`;
    return { issue, score, why };
  });
  // Ties go to the more recently updated, then the lower number: the same input always gives the same picks.
  return ranked
    .sort(
      (left, right) =>
        right.score - left.score ||
        right.issue.updatedAt.localeCompare(left.issue.updatedAt) ||
        left.issue.number - right.issue.number,
    )
    .slice(0, MAX_PICKED_ISSUES);
}

export type WelcomeSignal = {
  /** 0..1, or null when the repository's health could not be loaded (the signal then does not apply). */
  score: number | null;
};

/**
 * How welcoming the project is to an outsider, from its health numbers alone: how fast maintainers first
 * answer an issue (half the weight), whether outside pull requests get merged, and recent commits.
 */
export function scoreWelcome(health: RepoHealth | undefined): WelcomeSignal {
  if (!health) return { score: null };
  const parts: [number, number][] = [];
  const hours = health.medianFirstResponseHours;
  parts.push([
    0.5,
    hours === null
      ? 0.1
      : hours <= 24
        ? 1
        : hours <= 72
          ? 0.85
          : hours <= 168
            ? 0.65
            : hours <= 720
              ? 0.35
              : 0.15,
  ]);
  const outside = health.outsideMergedPrsLast90Days;
  if (outside !== null) parts.push([0.3, outside >= 5 ? 1 : outside >= 3 ? 0.85 : outside >= 1 ? 0.6 : 0.2]);
  const commits = health.commitsLast90Days;
  if (commits !== null) parts.push([0.2, commits >= 10 ? 1 : commits >= 1 ? 0.6 : 0.1]);
  const weight = parts.reduce((sum, [part]) => sum + part, 0);
  return { score: parts.reduce((sum, [part, value]) => sum + part * value, 0) / weight };
}

/** Beginners depend on answers most; advanced developers can find their way in a quiet project. */
export const welcomeWeightBySkill: Record<SkillLevel, number> = {
  beginner: 0.3,
  intermediate: 0.18,
  advanced: 0.1,
};
