import { describeResponsiveness } from "@/lib/health-words";
import { capitalize, formatCountOf } from "@/lib/words";
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import type { ActivitySignal } from "@/server/analysis/heuristic/heuristic-signals";
import type { RepoSignals } from "@/server/analysis/heuristic/heuristic-repo-signals";
import { unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import { STARTER_ISSUES_PER_REPO } from "@/server/sources/details-sampling";
import type { RepoHealth, RepoMetadata } from "@/shared/repos";

/**
 * The built-in analyzer's reason, in two sentences: what the repository is written in, how many issues a
 * newcomer could take and how welcoming it is; then its strongest point in favour and its worst point
 * against. It quotes the literal words it matched, because a keyword match is all it can honestly claim.
 */

type ReasonInput = { repo: RepoMetadata; profile: AnalysisProfile; signals: RepoSignals };

function quoteList(words: readonly string[]): string {
  const quoted = words.map((word) => `"${word}"`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1] ?? ""}`;
}

function describeLanguage({ repo, signals }: ReasonInput): string {
  const { language } = signals;
  switch (language.kind) {
    case "main":
      return `written in ${language.repoLanguage ?? ""}, your main language`;
    case "listed":
      return `written in ${language.repoLanguage ?? ""}, one of your languages`;
    case "secondary":
      return `uses ${language.repoLanguage ?? ""} alongside ${repo.primaryLanguage ?? "other languages"}`;
    case "related":
      return `written in ${language.repoLanguage ?? ""}, close to your ${language.profileLanguage ?? ""}`;
    case "none":
      return repo.primaryLanguage
        ? `written in ${repo.primaryLanguage}, which is not among your languages`
        : "no main language detected";
  }
}

function describeIssues({ repo, profile }: ReasonInput): string {
  if (repo.starterIssues !== undefined) {
    const unclaimed = unclaimedStarterIssues(repo).length;
    const listed = repo.starterIssues.length;
    // The details list only the most recently updated starter issues; GitHub may count many more.
    if (listed >= STARTER_ISSUES_PER_REPO && Math.max(repo.goodFirstIssues, repo.helpWantedIssues) > listed)
      return `with ${unclaimed} unclaimed among its ${listed} most recently updated starter issues`;
    if (unclaimed > 0)
      return `with ${formatCountOf(unclaimed, "unclaimed starter issue", "unclaimed starter issues")}`;
    if (repo.starterIssues.length > 0) return "whose starter issues are all claimed";
    if (profile.skillLevel === "beginner" && repo.openIssues > 0)
      return `with ${formatCountOf(repo.openIssues, "open issue", "open issues")} but none labelled for newcomers`;
  }
  const labelled: string[] = [];
  if (repo.goodFirstIssues > 0)
    labelled.push(formatCountOf(repo.goodFirstIssues, "good first issue", "good first issues"));
  if (repo.helpWantedIssues > 0)
    labelled.push(formatCountOf(repo.helpWantedIssues, "help-wanted issue", "help-wanted issues"));
  if (labelled.length > 0) return `with ${labelled.join(" and ")}`;
  if (repo.openIssues <= 0) return "with no open issues";
  const open = formatCountOf(repo.openIssues, "open issue", "open issues");
  return profile.skillLevel === "beginner" && repo.openIssues > 0
    ? `with ${open} but none labelled for newcomers`
    : `with ${open}`;
}

/** The health signals the welcome score used, as a clause: response time first, then outside merges. */
function describeHealth(health: RepoHealth | undefined): string {
  if (!health) return "";
  const outside = health.outsideMergedPrsLast90Days;
  const merged =
    outside === null
      ? ""
      : outside === 0
        ? " and no outside pull request was merged in 90 days"
        : ` and ${formatCountOf(outside, "outside pull request", "outside pull requests")} ${outside === 1 ? "was" : "were"} merged in 90 days`;
  return `; ${describeResponsiveness(health)}${merged}`;
}

function describeActivity(activity: ActivitySignal): { text: string; negative: boolean } | null {
  const days = activity.daysSincePush;
  if (days === null) return { text: "its last push date is unknown", negative: true };
  if (days <= 30) return { text: "it was pushed to within the last month", negative: false };
  if (days <= 90) return { text: "it was pushed to within the last three months", negative: false };
  if (days > 365)
    return {
      text: `it has had no pushes for ${days > 730 ? "over two years" : "over a year"}`,
      negative: true,
    };
  return null;
}

/** The best point in favour, joined with the worst point against (or else the next point in favour). */
function describeSecondSentence({ profile, signals }: ReasonInput): string {
  const strengths: string[] = [];
  const concerns: string[] = [];
  const { goals, topics, skill } = signals;
  if (goals?.applies && goals.quoted.length > 0) {
    strengths.push(
      `its ${signals.hasReadme ? "README" : "description"} mentions ${quoteList(goals.quoted.slice(0, 3))} from your goals`,
    );
  }
  if (topics.matched.length > 0)
    strengths.push(`it is tagged ${quoteList(topics.matched.slice(0, 3))}, among your topics`);
  else if (topics.mentioned.length > 0)
    strengths.push(`it mentions ${quoteList(topics.mentioned.slice(0, 3))} from your topics`);
  if (profile.skillLevel === "advanced" && skill.deepDomain)
    strengths.push("its deep subject matter suits an experienced contributor");
  if (profile.skillLevel === "beginner" && skill.complexity >= 0.7)
    concerns.push("it is a large codebase, so expect a steep start");
  const activity = describeActivity(signals.activity);
  if (activity) (activity.negative ? concerns : strengths).push(activity.text);

  const [strength, nextStrength] = strengths;
  const [concern] = concerns;
  let summary = "";
  if (strength && concern) summary = `${strength}, but ${concern}`;
  else if (strength) summary = nextStrength ? `${strength}, and ${nextStrength}` : strength;
  else if (concern) summary = concern;

  if (!signals.hasReadme)
    return `It has no README, so this rests on its metadata alone${summary ? `; ${summary}` : ""}.`;
  if (summary === "") return "Its README does not mention your goals or topics.";
  return `${capitalize(summary)}.`;
}

export function buildReason(input: ReasonInput): string {
  const opening = `${capitalize(describeLanguage(input))}, ${describeIssues(input)}${describeHealth(input.repo.health)}.`;
  return `${opening} ${describeSecondSentence(input)}`;
}
