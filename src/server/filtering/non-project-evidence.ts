import {
  buildYourOwn,
  descriptionCues,
  learningFieldPattern,
  nameWordCues,
  negatingPrefix,
  notebookLanguages,
  pageLanguages,
  proseLanguages,
  toolVerbAtClauseStart,
  topicCues,
  topicPatternCues,
  type EvidenceKind,
  type LearningFlavour,
} from "@/server/filtering/non-project-cues";
import type { RepoMetadata } from "@/server/schemas";

export type EvidenceSource = "name" | "description" | "topics" | "languages" | "readme";

/**
 * One piece of evidence. `no-code` argues for a non-project without saying which kind; `code` (a lot of
 * it) argues against a link list only, since solution sets and example collections are all code too.
 */
export type Evidence = {
  kind: EvidenceKind | "no-code" | "code";
  source: EvidenceSource;
  weight: number;
  /** The evidence in words: the matched phrase, topic, language share or README structure. */
  text: string;
  flavour?: LearningFlavour;
};

export type LanguageSize = NonNullable<RepoMetadata["languageSizes"]>[number];

/** What the detector reads. Language data is optional: callers that lack it lose only that signal. */
export type NonProjectInput = Pick<RepoMetadata, "name" | "description" | "topics"> & {
  primaryLanguage?: string | null;
  languages?: readonly string[];
  languageSizes?: readonly LanguageSize[];
};

/** A cue later in a clause than a cue of another kind is usually the subject matter, not the repository. */
const LATER_CUE_FACTOR = 0.35;
/** A description that asks a question ("What happens when …?") is the title of an explainer. */
const questionDescription = /^[^\p{L}]*(?:what|how|why|when|where)\b[^?]{3,}\?/iu;
/** What may stand between a modifier and the noun it modifies: a hyphen, spaces, at most one word. */
const compoundGap = /^[\s-]*(?:[\w.+#]+[\s-]+)?$/;

// ---------------------------------------------------------------------------------------------------
// Name

const packageSuffix = /\.(?:js|ts|vim|nvim|el|jl|py|rb|kt|lua)$/i;
/** Teaching phrases that are unambiguous even run together in one lower-case word: "gobyexample". */
const concatenatedShape = /byexample|forbeginners|fromscratch|thehardway|zerotohero|\d+daysof/;

/** Separator segments, lower-cased: `Awesome_Go` → ["awesome", "go"]; camelCase stays whole. */
function splitNameSegments(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter((segment) => segment !== "");
}

/** Camel-case and digit runs split too, "30DaysOfJS" → "30-days-of-js", for the shape patterns only. */
function splitCamelCaseWords(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/([A-Za-z])(\d)/g, "$1-$2")
    .replace(/(\d)([A-Za-z])/g, "$1-$2")
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter((word) => word !== "")
    .join("-");
}

function readNameEvidence(name: string): Evidence[] {
  const evidence: Evidence[] = [];
  const segments = splitNameSegments(name);
  if (segments[0] === "awesome" && segments.length > 1) {
    evidence.push({ kind: "link-list", source: "name", weight: 2, text: `named '${name}'` });
  }
  const words = segments.join("-");
  const camelCaseWords = splitCamelCaseWords(name);
  // "reveal.js", "leetcode.vim", "Pkg.jl": the package-naming convention of an ecosystem.
  if (packageSuffix.test(name))
    evidence.push({ kind: "software", source: "name", weight: 1.5, text: `named '${name}'` });
  if (concatenatedShape.test(segments.join("")))
    evidence.push({
      kind: "learning",
      source: "name",
      weight: 1.5,
      text: `named '${name}'`,
      flavour: "tutorial",
    });
  for (const [pattern, cue] of nameWordCues) {
    if (pattern.test(words) || (cue.shape === true && pattern.test(camelCaseWords)))
      evidence.push({
        kind: cue.kind,
        source: "name",
        weight: cue.weight,
        text: `named '${name}'`,
        flavour: cue.flavour,
      });
  }
  return evidence;
}

// ---------------------------------------------------------------------------------------------------
// Description

type CueMatch = {
  kind: EvidenceKind;
  weight: number;
  start: number;
  end: number;
  flavour?: LearningFlavour;
  role?: "manner" | "verb";
};

/**
 * Replaces spans by one neutral word of the same length, so indices stay put and "an interactive deep
 * learning book" still reads as "an interactive ___ book".
 */
function blankOut(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => "_".repeat(match.length));
}

/** Clauses end at sentence punctuation, brackets, pipes and spaced dashes; commas join list items. */
function splitClauses(text: string): Array<{ start: number; text: string }> {
  const clauses: Array<{ start: number; text: string }> = [];
  const boundary = /[.!?;:|()[\]]+(?=\s|$)|[;|()[\]]|\s[-–—]+\s|[：；。，]/g;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    clauses.push({ start, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  clauses.push({ start, text: text.slice(start) });
  // Leading blanks go, so that "^" in a cue means the start of the clause's words.
  return clauses
    .map((clause) => {
      const blank = /^\s*/.exec(clause.text)?.[0].length ?? 0;
      return { start: clause.start + blank, text: clause.text.slice(blank) };
    })
    .filter((clause) => clause.text.trim() !== "");
}

/** `leading` matches (zero-width, such as a question) head the clause before anything found in it. */
function findClauseMatches(clause: string, leading: readonly CueMatch[]): CueMatch[] {
  const candidates: CueMatch[] = [];
  for (const cue of descriptionCues) {
    for (const match of clause.matchAll(cue.pattern)) {
      candidates.push({
        kind: cue.kind,
        weight: cue.weight,
        start: match.index,
        end: match.index + match[0].length,
        flavour: cue.flavour,
        role: cue.role,
      });
    }
  }
  for (const match of clause.matchAll(buildYourOwn)) {
    candidates.push({
      kind: "learning",
      weight: 2.5,
      start: match.index,
      end: match.index + match[0].length,
      flavour: "tutorial",
      role: "manner",
    });
  }
  const indent = /^[^\p{L}\p{N}]*/u.exec(clause)?.[0].length ?? 0;
  const verb = toolVerbAtClauseStart.exec(clause.slice(indent));
  if (verb) {
    candidates.push({
      kind: "software",
      weight: 1.5,
      start: indent,
      end: indent + verb[0].length,
      role: "verb",
    });
  }

  // Earliest first, the longer of two matches at one place first; overlapping matches lose.
  candidates.sort((left, right) => left.start - right.start || right.end - left.end);
  const accepted: CueMatch[] = [...leading];
  for (const candidate of candidates) {
    const last = accepted.at(-1);
    if (last && candidate.start < last.end) continue;
    if (candidate.kind === "software" && negatingPrefix.test(clause.slice(0, candidate.start))) continue;
    accepted.push(candidate);
  }
  return accepted;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text;
}

function readDescriptionEvidence(description: string | null): Evidence[] {
  const original = description?.trim() ?? "";
  if (original === "") return [];
  const masked = blankOut(original, learningFieldPattern);
  const evidence: Evidence[] = [];
  const strongest = new Map<string, Evidence>();

  // "What happens when you type a URL into a browser?": a question is what an explainer answers, and it
  // heads the first clause like any other cue.
  const question = questionDescription.exec(original);
  splitClauses(masked).forEach((clause, clauseIndex) => {
    const questionMatch: CueMatch[] =
      question && clauseIndex === 0
        ? [{ kind: "learning", weight: 2, start: 0, end: 0, flavour: "guide", role: "verb" }]
        : [];
    const matches = findClauseMatches(clause.text, questionMatch);
    // In "cheat sheet service" or "interactive tutorial framework" the last noun names the thing; the
    // learning word before it is only a modifier.
    const modifiers = new Set<CueMatch>();
    matches.forEach((match, index) => {
      const next = matches[index + 1];
      if (match.kind === "software" || match.role !== undefined || next?.kind !== "software") return;
      if (compoundGap.test(clause.text.slice(match.end, next.start))) modifiers.add(match);
    });
    const head =
      matches.find((match) => match.role !== "manner" && !modifiers.has(match))?.kind ?? matches[0]?.kind;
    for (const match of matches) {
      const discounted = modifiers.has(match) || (match.kind !== head && match.role !== "manner");
      const text =
        match.end > match.start
          ? original.slice(clause.start + match.start, clause.start + match.end).trim()
          : shorten(question?.[0] ?? "");
      const item: Evidence = {
        kind: match.kind,
        source: "description",
        weight: discounted ? match.weight * LATER_CUE_FACTOR : match.weight,
        text,
        flavour: match.flavour,
      };
      // The same phrase twice is one piece of evidence.
      const key = `${match.kind}:${text.toLowerCase()}`;
      const previous = strongest.get(key);
      if (!previous || previous.weight < item.weight) strongest.set(key, item);
    }
  });
  evidence.push(...strongest.values());
  return evidence;
}

// ---------------------------------------------------------------------------------------------------
// Topics

/**
 * A topic that only repeats the repository's name or one of its segments (`awesome` on
 * `awesome_notifications`, `leetcode` and `cli` on `leetcode-cli`) is the same signal again, not new
 * evidence, so it is skipped.
 */
function readTopicEvidence(topics: readonly string[], repoName: string): Evidence[] {
  const segments = new Set(splitNameSegments(repoName));
  const joinedName = splitNameSegments(repoName).join("-");
  const evidence: Evidence[] = [];
  for (const raw of topics) {
    const name = raw.trim().toLowerCase();
    if (segments.has(name) || name === joinedName) continue;
    const cue = topicCues.get(name) ?? topicPatternCues.find(([pattern]) => pattern.test(name))?.[1];
    if (cue)
      evidence.push({
        kind: cue.kind,
        source: "topics",
        weight: cue.weight,
        text: name,
        flavour: cue.flavour,
      });
  }
  return evidence;
}

// ---------------------------------------------------------------------------------------------------
// Languages

function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function readLanguageEvidence(repo: NonProjectInput): Evidence[] {
  const sizes = repo.languageSizes;
  if (sizes) {
    const total = sizes.reduce((sum, language) => sum + Math.max(0, language.size), 0);
    if (total === 0)
      return [{ kind: "no-code", source: "languages", weight: 1.5, text: "no code in any language" }];
    const shareOf = (set: ReadonlySet<string>) => {
      const matching = sizes.filter((language) => set.has(language.name.toLowerCase()));
      const size = matching.reduce((sum, language) => sum + Math.max(0, language.size), 0);
      const largest = [...matching].sort((left, right) => right.size - left.size)[0]?.name ?? "";
      return { share: size / total, largest };
    };
    const evidence: Evidence[] = [];
    const prose = shareOf(proseLanguages);
    const notebooks = shareOf(notebookLanguages);
    const pages = shareOf(pageLanguages);
    if (prose.share >= 0.5)
      evidence.push({
        kind: "learning",
        source: "languages",
        weight: 2,
        text: `${formatShare(prose.share)} ${prose.largest}`,
        flavour: "general",
      });
    if (notebooks.share >= 0.5)
      evidence.push({
        kind: "learning",
        source: "languages",
        weight: 1.5,
        text: `${formatShare(notebooks.share)} Jupyter Notebook`,
        flavour: "examples",
      });
    if (pages.share >= 0.6)
      evidence.push({
        kind: "learning",
        source: "languages",
        weight: 0.75,
        text: `${formatShare(pages.share)} HTML and CSS`,
        flavour: "general",
      });
    if (total < 10_000)
      evidence.push({
        kind: "no-code",
        source: "languages",
        weight: 1,
        text: `only ${formatSize(total)} of code`,
      });
    const isCode = (language: LanguageSize) => {
      const name = language.name.toLowerCase();
      return !proseLanguages.has(name) && !notebookLanguages.has(name) && !pageLanguages.has(name);
    };
    const code = sizes.filter(isCode).sort((left, right) => right.size - left.size);
    const codeSize = code.reduce((sum, language) => sum + Math.max(0, language.size), 0);
    if (codeSize >= 200_000) {
      const names = code.slice(0, 3).map((language) => language.name);
      evidence.push({
        kind: "code",
        source: "languages",
        weight: 1.5,
        text: `${formatSize(codeSize)} of ${names.join(", ")} code`,
      });
    }
    return evidence;
  }
  if (repo.primaryLanguage === null && (repo.languages?.length ?? 0) === 0)
    return [{ kind: "no-code", source: "languages", weight: 1.5, text: "no code in any language" }];
  const primary = repo.primaryLanguage?.toLowerCase();
  if (primary && notebookLanguages.has(primary))
    return [
      {
        kind: "learning",
        source: "languages",
        weight: 1,
        text: "mostly Jupyter Notebook",
        flavour: "examples",
      },
    ];
  if (primary && proseLanguages.has(primary))
    return [
      {
        kind: "learning",
        source: "languages",
        weight: 1.5,
        text: `mostly ${repo.primaryLanguage ?? ""}`,
        flavour: "general",
      },
    ];
  return [];
}

/** Everything the metadata says, before any README is fetched. */
export function readMetadataEvidence(repo: NonProjectInput): Evidence[] {
  return [
    ...readNameEvidence(repo.name),
    ...readDescriptionEvidence(repo.description),
    ...readTopicEvidence(repo.topics, repo.name),
    ...readLanguageEvidence(repo),
  ];
}
