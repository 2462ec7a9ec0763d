import type { Evidence, EvidenceSource, NonProjectInput } from "@/server/filtering/non-project-evidence";
import { isLicensed } from "@/server/filtering/non-project-evidence";
import type { LearningFlavour } from "@/server/filtering/non-project-cues";
import { readContentsEvidence } from "@/server/filtering/read-contents-evidence";
import { findMachinery } from "@/server/filtering/summarize-repo-contents";
import { shareOfNonCode } from "@/server/filtering/read-language-evidence";
import { readMetadataEvidence } from "@/server/filtering/read-metadata-evidence";
import { withCompanionCode } from "@/server/filtering/find-companion-code";
import { readOpeningEvidence, readOpeningText } from "@/server/filtering/read-readme-opening";
import { saysOnlyItsTitle } from "@/server/filtering/read-readme-structure";
import { readReadmeEvidence } from "@/server/filtering/read-readme-evidence";

/**
 * Decides whether a repository is learning material, a list of links, or software, from independent
 * signals: name, description, topics, language sizes and, in a second stage, the README's structure.
 * Each signal adds weighted evidence per kind, capped per source so that no single source decides alone
 * (a name is at most 2 points, the drop threshold is 3). A repository is dropped only when the
 * non-project evidence reaches the threshold and beats the software evidence by a clear margin.
 */

export type NonProjectKind = "learning" | "link-list" | "software";

export type NonProjectAssessment = {
  verdict: "keep" | "drop";
  /** "software" whenever the verdict is keep. */
  kind: NonProjectKind;
  /** Non-project evidence minus software evidence; the verdict is drop at DROP_MARGIN and above. */
  score: number;
  /** The evidence in words, e.g. "Looks like course material: '12 weeks' in the description, …". */
  reason: string;
  evidence: Evidence[];
};

/** Non-project evidence needed before anything is dropped. */
export const DROP_THRESHOLD = 3;
/** How far the non-project evidence must beat the software evidence. */
export const DROP_MARGIN = 2;
/**
 * Below this score a metadata-stage drop waits for the details: what the repository contains (a
 * manifest, source and tests) can still outweigh a description about learning, as it does for a
 * tutorial-authoring library or a cheat-sheet server. Above it, no tree or README could.
 */
export const FINAL_METADATA_SCORE = 7;
/** From this share of prose, notebook and page bytes, a src/ folder holds chapters or pages, not code. */
const MOSTLY_PROSE_SHARE = 0.8;

/** Per source and kind, so a pile of topics or a long description cannot outvote everything else. */
const sourceCaps: Record<EvidenceSource, number> = {
  name: 2,
  description: 5,
  topics: 3,
  languages: 2,
  readme: 4,
  contents: 4,
};
const NO_CODE_CAP = 2;

const flavourLabels: Record<LearningFlavour, string> = {
  course: "course material",
  tutorial: "a tutorial",
  challenge: "a day-by-day challenge",
  exercises: "an exercise collection",
  solutions: "a collection of problem solutions",
  examples: "a collection of examples",
  guide: "a guide or best-practice write-up",
  book: "a book or its companion code",
  notes: "study notes",
  interview: "interview preparation material",
  roadmap: "a learning roadmap",
  cheatsheet: "a cheatsheet",
  translation: "a translation of a text",
  general: "learning material",
};

type Totals = { learning: number; linkList: number; software: number; noCode: number };
const CODE_AGAINST_LIST_CAP = 1.5;

function sumEvidence(evidence: readonly Evidence[]): Totals {
  const bySourceAndKind = new Map<string, number>();
  for (const item of evidence) {
    const key = `${item.source}:${item.kind}`;
    bySourceAndKind.set(key, (bySourceAndKind.get(key) ?? 0) + item.weight);
  }
  const total = (kind: Evidence["kind"]) => {
    let sum = 0;
    for (const [key, weight] of bySourceAndKind) {
      const [source, itemKind] = key.split(":") as [EvidenceSource, Evidence["kind"]];
      if (itemKind === kind) sum += Math.min(weight, sourceCaps[source]);
    }
    return sum;
  };
  return {
    learning: total("learning"),
    // A link list holds no code to speak of; a lot of it is evidence against this kind alone.
    linkList: Math.max(0, total("link-list") - Math.min(total("code"), CODE_AGAINST_LIST_CAP)),
    software: total("software"),
    noCode: Math.min(total("no-code"), NO_CODE_CAP),
  };
}

/** The stronger non-project kind counts fully; the other, which often comes with it, counts half. */
function sumNonProject(totals: Totals): number {
  const stronger = Math.max(totals.learning, totals.linkList);
  const weaker = Math.min(totals.learning, totals.linkList);
  return stronger + weaker / 2 + totals.noCode;
}

function pickFlavour(evidence: readonly Evidence[]): LearningFlavour {
  const weights = new Map<LearningFlavour, number>();
  for (const item of evidence) {
    if (item.kind !== "learning" || !item.flavour || item.flavour === "general") continue;
    weights.set(item.flavour, (weights.get(item.flavour) ?? 0) + item.weight);
  }
  let best: LearningFlavour = "general";
  let bestWeight = 0;
  for (const [flavour, weight] of weights) {
    if (weight > bestWeight) {
      best = flavour;
      bestWeight = weight;
    }
  }
  return best;
}

function quote(texts: readonly string[]): string {
  return texts.map((text) => `'${text}'`).join(", ");
}

/** "'12 weeks', '26 lessons' in the description, tagged 'curriculum', 61% HTML". */
function describeEvidence(evidence: readonly Evidence[]): string {
  const meaningful = evidence.filter((item) => item.weight >= 0.5);
  const texts = (source: EvidenceSource) => [
    ...new Set(meaningful.filter((item) => item.source === source).map((item) => item.text)),
  ];
  const parts: string[] = [];
  const description = texts("description");
  if (description.length > 0) parts.push(`${quote(description.slice(0, 4))} in the description`);
  const name = texts("name");
  if (name.length > 0) parts.push(name[0] ?? "");
  const topics = texts("topics");
  if (topics.length > 0) parts.push(`tagged ${quote(topics.slice(0, 4))}`);
  parts.push(...texts("languages"), ...texts("contents"), ...texts("readme"));
  return parts.join(", ");
}

function assessEvidence(evidence: Evidence[]): NonProjectAssessment {
  const totals = sumEvidence(evidence);
  const nonProject = sumNonProject(totals);
  const score = Math.round((nonProject - totals.software) * 100) / 100;
  const nonProjectEvidence = evidence.filter((item) => item.kind !== "software" && item.kind !== "code");
  const softwareEvidence = evidence.filter((item) => item.kind === "software" || item.kind === "code");

  if (nonProject >= DROP_THRESHOLD && score >= DROP_MARGIN) {
    const kind: NonProjectKind = totals.learning >= totals.linkList ? "learning" : "link-list";
    const isAwesome = evidence.some((item) => item.kind === "link-list" && /awesome/i.test(item.text));
    const label =
      kind === "learning"
        ? flavourLabels[pickFlavour(evidence)]
        : isAwesome
          ? "an awesome-list of links"
          : "a list of links and resources";
    // Code argues against a link list only; a course or a solution set has plenty of it.
    const against = describeEvidence(
      softwareEvidence.filter((item) => item.kind === "software" || kind === "link-list"),
    );
    const reason = `Looks like ${label}: ${describeEvidence(nonProjectEvidence)}${against ? `; this outweighs ${against}` : ""}.`;
    return { verdict: "drop", kind, score, reason, evidence };
  }

  const hasListEvidence = evidence.some((item) => item.kind === "link-list");
  const forSoftware = describeEvidence(
    softwareEvidence.filter((item) => item.kind === "software" || hasListEvidence),
  );
  const against = describeEvidence(nonProjectEvidence);
  let reason: string;
  if (forSoftware && totals.software >= nonProject)
    reason = `Looks like software: ${forSoftware}${against ? `; this outweighs ${against}` : ""}.`;
  else if (forSoftware)
    reason = `Kept: the signs of learning material or a link list (${against}) do not clearly outweigh those of software (${forSoftware}).`;
  else if (against) reason = `Kept: too little evidence of learning material or a link list (${against}).`;
  else reason = "Kept: no sign of learning material or a link list.";
  return { verdict: "keep", kind: "software", score, reason, evidence };
}

function readRepoContentsEvidence(repo: NonProjectInput): Evidence[] {
  // Discovery brings no tree: the metadata stage, run on every repository found, skips the byte shares.
  if (!repo.contents) return [];
  const mostlyProse = shareOfNonCode(repo.languageSizes ?? []) >= MOSTLY_PROSE_SHARE;
  return readContentsEvidence(repo.contents, { mostlyProse });
}

/** The first stage: name, description, topics and languages, before any README is fetched. */
export function assessMetadata(repo: NonProjectInput): NonProjectAssessment {
  return assessEvidence(
    withCompanionCode([...readMetadataEvidence(repo), ...readRepoContentsEvidence(repo)], repo, null),
  );
}

/**
 * Whether a metadata-stage drop stands before the details are fetched: only a clear one does, the rest
 * go on to the README stage, which weighs the same evidence with the tree and the README.
 */
export function isFinalWithoutDetails(assessment: NonProjectAssessment): boolean {
  return assessment.verdict === "drop" && assessment.score >= FINAL_METADATA_SCORE;
}

/**
 * The second stage, once the README has arrived: the metadata evidence plus the README's structure.
 * A missing README adds nothing, so the verdict is then the metadata stage's.
 */
export function assessReadme(repo: NonProjectInput, readme: string | null): NonProjectAssessment {
  const evidence = [...readMetadataEvidence(repo), ...readRepoContentsEvidence(repo)];
  if (readme === null || readme.trim() === "") {
    const assessment = assessEvidence(withCompanionCode(evidence, repo, null));
    const keptToItself = readKeptToItself(repo, "no README", evidence);
    // The hint only decides a doubtful case; a clear drop's reason names its own evidence.
    if (assessment.verdict === "drop" || keptToItself.length === 0) return assessment;
    return assessEvidence(withCompanionCode([...evidence, ...keptToItself], repo, null));
  }
  const opening = readOpeningText(readme);
  evidence.push(
    ...readReadmeEvidence(readme, repo.name, repo.contents),
    ...readOpeningEvidence(opening, repo.description),
  );
  const weighed = withCompanionCode(evidence, repo, opening);
  const assessment = assessEvidence(weighed);
  if (assessment.verdict === "drop") return assessment;
  const keptToItself = readKeptToItself(repo, saysOnlyItsTitle(readme) ? "a title" : "a README", weighed);
  const withHint = keptToItself.length > 0 ? [...weighed, ...keptToItself] : weighed;
  const withSilence = withNothingToBuild(withHint, repo);
  return withSilence === weighed ? assessment : assessEvidence(withSilence);
}

const releaseKinds: ReadonlySet<string | null> = new Set(["changelog", "release-tooling"]);

const silenceTexts = {
  "no README": "neither a description nor a README",
  "a title": "no description, a README of a title",
};

/**
 * A project offered to contributors says what it is and on what terms it may be reused. With the tree in
 * hand (so the details did load), a repository that leaves out either is likely someone's own: exercises,
 * notes, a course's folders. Each omission is a hint of 1 and neither decides alone:
 * - silence: no description and no README beyond a title;
 * - no licence file at the top: one program in seven in the labelled data has none, against half the
 *   learning material. It speaks only once the repository's words, its silence, its lack of code or the
 *   shape of its tree (not beside a body of code: add-on collections go without a licence too) point at
 *   material, and never for a repository that ships releases (a changelog or release tooling).
 */
function readKeptToItself(
  repo: NonProjectInput,
  readme: "no README" | "a title" | "a README",
  evidence: readonly Evidence[],
): Evidence[] {
  if (!repo.contents || repo.contents.length === 0) return [];
  const silence: Evidence[] =
    readme !== "a README" && !repo.description?.trim()
      ? [{ kind: "learning", source: "readme", weight: 1, text: silenceTexts[readme] }]
      : [];
  if (isLicensed(repo)) return silence;
  if (repo.contents.some((entry) => releaseKinds.has(findMachinery(entry.name)))) return silence;
  const all = [...evidence, ...silence];
  const hasCode = all.some((item) => item.kind === "code");
  const pointing = hasCode ? all.filter((item) => item.kind === "no-code" || isSaidOfItself(item)) : all;
  if (sumNonProject(sumEvidence(pointing)) < NOTHING_TO_BUILD_FLOOR) return silence;
  return [...silence, { kind: "learning", source: "contents", weight: 1, text: "no licence" }];
}

/** What the repository says of itself (name, description, topics, README), not the shape of its tree. */
function isSaidOfItself(item: Evidence): boolean {
  return item.source !== "contents" && item.source !== "languages";
}

/** Below this much non-project evidence, a tree and README without software say nothing either way. */
const NOTHING_TO_BUILD_FLOOR = 2;

/**
 * Once the tree and the README are both known, software shows something of itself in one of them: a
 * manifest, source or tests, CI, an install or usage section, a badge. When neither shows anything and the
 * repository already calls itself material (by name, description, topics or README), that silence is
 * evidence too.
 */
function withNothingToBuild(evidence: Evidence[], repo: NonProjectInput): Evidence[] {
  if (!repo.contents || repo.contents.length === 0) return evidence;
  if (evidence.some((item) => item.kind === "software" && item.weight > 0)) return evidence;
  // What it says of itself, not the shape of its tree: plugin and add-on collections look bare too.
  const said = evidence.filter(isSaidOfItself);
  if (sumNonProject(sumEvidence(said)) < NOTHING_TO_BUILD_FLOOR) return evidence;
  return [
    ...evidence,
    {
      kind: "no-code",
      source: "contents",
      weight: 1,
      text: "nothing in the tree or the README that builds or installs",
    },
  ];
}
