import {
  buildYourOwn,
  containedLearning,
  containedSoftware,
  containerPhrase,
  headNounCues,
  listContainers,
  openContainers,
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
  type NameCue,
} from "@/server/filtering/non-project-cues";
import type { RepoMetadata } from "@/shared/repos";

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
/**
 * What may stand between a modifier and the noun it modifies: a hyphen, spaces, at most one word, and a
 * coordination ("roadmap and feedback board").
 */
const compoundGap = /^[\s-]*(?:(?:and|&|or)\s+)?(?:[\w.+#]+[\s-]+)?$/;

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
  // Names put the head noun last, as English compounds do: "leetcode-cli" is a CLI, "app-ideas" a set of
  // ideas. A noun cue on the last segment names the thing; a noun cue of another kind before it is only
  // what the thing is about. Manner cues ("30-days-of-", "-for-beginners", "learn-") hold anywhere.
  const nouns: Array<{ cue: NameCue; isHead: boolean }> = [];
  for (const [pattern, cue] of nameWordCues) {
    const shaped = cue.shape === true && pattern.test(camelCaseWords);
    if (!pattern.test(words) && !shaped) continue;
    if (cue.role === "manner") {
      evidence.push(nameEvidence(name, cue, cue.weight));
      continue;
    }
    const global = new RegExp(pattern.source, "g");
    const isHead = [...words.matchAll(global)].some(
      (match) => match.index + match[0].replace(/-$/, "").length === words.length,
    );
    nouns.push({ cue, isHead });
  }
  const headKind = nouns.find((noun) => noun.isHead)?.cue.kind;
  for (const { cue, isHead } of nouns) {
    const isModifier =
      headKind !== undefined && !isHead && (cue.kind === "software") !== (headKind === "software");
    const weight = isModifier
      ? cue.weight * LATER_CUE_FACTOR
      : isHead && cue.kind !== "software"
        ? HEAD_NOUN_WEIGHT
        : cue.weight;
    evidence.push(nameEvidence(name, cue, weight));
  }
  return evidence;
}

/** A learning or list noun that heads the name ("go-exercises", "notebooks") says more than a modifier. */
const HEAD_NOUN_WEIGHT = 2;

function nameEvidence(name: string, cue: NameCue, weight: number): Evidence {
  return { kind: cue.kind, source: "name", weight, text: `named '${name}'`, flavour: cue.flavour };
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

/** "A collection of samples" is learning material, "a list of companies" links, "a set of tools" software. */
function findContainers(clause: string): CueMatch[] {
  const matches: CueMatch[] = [];
  for (const match of clause.matchAll(containerPhrase)) {
    const container = (match[1] ?? "").toLowerCase();
    const held = (match[2] ?? "").trimEnd();
    const head = (held.split(/[\s/]+/).at(-1) ?? "").toLowerCase().replace(/[.'’]+$/, "");
    const start = match.index;
    const end = start + match[0].trimEnd().length;
    const learningHead = containedLearning.find(([pattern]) => pattern.test(head));
    if (learningHead) matches.push({ kind: "learning", weight: 2.5, start, end, flavour: learningHead[1] });
    else if (
      listContainers.has(container) ||
      (!openContainers.has(container) && !containedSoftware.test(head))
    )
      matches.push({ kind: "link-list", weight: 3, start, end });
    else if (containedSoftware.test(head)) matches.push({ kind: "software", weight: 1, start, end });
  }
  return matches;
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
  candidates.push(...findContainers(clause));
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
  // The shape of the whole description counts only when nothing in it argues for software.
  if (!evidence.some((item) => item.kind === "software")) evidence.push(...readDescriptionShape(original));
  return evidence;
}

/**
 * The head of a description's opening noun phrase, the last word before the first preposition, verb
 * or punctuation: "A brief computer graphics / rendering course", "Notebooks using …", "Resources for …".
 */
function findOpeningHead(description: string): string | null {
  const opening = description
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .split(
      /[.,;:!?()|—–]|\s-\s|\s(?=(?:for|from|on|of|in|into|using|with|to|by|that|which|about|referenced|written|used|built|made|based|covering|showcasing|where|you)\b)/i,
    )[0];
  const words = opening?.trim().split(/\s+/) ?? [];
  // "Authoring books with R Markdown" opens with a verb: what a tool does, not what the repository is.
  if (words.length === 0 || words.length > 8 || /ing$/i.test(words[0] ?? "")) return null;
  return (words.at(-1) ?? "").toLowerCase().replace(/[^\p{L}\p{N}-]+/gu, "");
}

/** Words that make up a title without being capitalised in one: "The Art of Command Line". */
const titleSmallWords = new Set([
  "a",
  "an",
  "the",
  "of",
  "and",
  "or",
  "in",
  "on",
  "for",
  "to",
  "by",
  "with",
  "from",
  "at",
  "as",
  "vs",
  "via",
]);

/**
 * A description written as a title, every content word capitalised, "Tools of The Trade", "The Dark Arts of Unsafe Rust Programming":
 * books, guides and lists are titled; software describes what it does.
 */
function isTitleShaped(description: string): boolean {
  const words = description
    .replace(/[^\p{L}\p{N}\s'’-]+/gu, " ")
    .split(/\s+/)
    .filter((word) => word !== "");
  // A description that opens with a gerund ("Authoring books …") says what a tool does.
  if (words.length < 3 || words.length > 12 || /ing$/i.test(words[0] ?? "")) return false;
  const content = words.filter((word) => !titleSmallWords.has(word.toLowerCase()));
  const capitalised = content.filter((word) => /^[\p{Lu}\p{N}]/u.test(word));
  return content.length >= 3 && capitalised.length === content.length;
}

function readDescriptionShape(description: string): Evidence[] {
  const evidence: Evidence[] = [];
  const head = findOpeningHead(description);
  const learningHead = head ? headNounCues.find(([pattern]) => pattern.test(head)) : undefined;
  if (head && learningHead) {
    const [, cue] = learningHead;
    evidence.push({
      kind: cue.kind,
      source: "description",
      weight: 1,
      // The head word itself: "'course' in the description" reads the same as the cue it strengthens.
      text: head,
      flavour: cue.flavour,
    });
  } else if (isTitleShaped(description))
    evidence.push({
      kind: "learning",
      source: "description",
      weight: 1,
      text: shorten(description),
      flavour: "general",
    });
  return evidence;
}

/**
 * "Rallly is an open-source scheduling tool", "HonKit is building books": a description whose subject is
 * the repository's own name presents a product. Learning material names its subject matter instead.
 */
const selfSubject =
  /^[^\p{L}\p{N}]*([\p{L}\p{N}][\p{L}\p{N} .!'’-]{1,40}?)\s+(?:(?:is|are)\s+(?:a|an|the|[a-z]+ing|designed|built|written|made)|helps|lets|makes|provides|allows|enables|gives|turns|brings|runs|supports)\b/u;

function normalizeProductName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-_.]v?\d+$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function readSelfDescription(name: string, description: string | null): Evidence[] {
  const subject = selfSubject.exec(description ?? "")?.[1];
  if (!subject) return [];
  const said = normalizeProductName(subject);
  const own = normalizeProductName(name);
  const same =
    said === own ||
    (Math.min(said.length, own.length) >= 4 && (said.startsWith(own) || own.startsWith(said)));
  return same
    ? [{ kind: "software", source: "description", weight: 1.5, text: `'${subject.trim()}' presents itself` }]
    : [];
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

/**
 * GitHub reports no language for a repository of prose alone. Software nearly always has code, so this
 * weighs as much as a name can, but still needs one more sign of learning material or a list.
 */
const NO_CODE_WEIGHT = 2;

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
      return [
        { kind: "no-code", source: "languages", weight: NO_CODE_WEIGHT, text: "no code in any language" },
      ];
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
    return [
      { kind: "no-code", source: "languages", weight: NO_CODE_WEIGHT, text: "no code in any language" },
    ];
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
  // HTML only: a repository that is mostly CSS is usually a stylesheet library.
  if (primary === "html")
    return [
      {
        kind: "learning",
        source: "languages",
        weight: 0.75,
        text: `mostly ${repo.primaryLanguage ?? ""}`,
        flavour: "general",
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
  const description = [
    ...readDescriptionEvidence(repo.description),
    ...readSelfDescription(repo.name, repo.description),
  ];
  // Topics name a domain as often as an artifact: an LMS is tagged `education` and `homework`. When the
  // description says plainly that the repository is software, learning topics tell only its domain.
  const sum = (kinds: ReadonlyArray<Evidence["kind"]>) =>
    description.filter((item) => kinds.includes(item.kind)).reduce((total, item) => total + item.weight, 0);
  const describedAsSoftware = sum(["software"]) >= 2 && sum(["software"]) > sum(["learning", "link-list"]);
  const topics = readTopicEvidence(repo.topics, repo.name).map((item) =>
    describedAsSoftware && item.kind === "learning"
      ? { ...item, weight: item.weight * DOMAIN_TOPIC_FACTOR }
      : item,
  );
  return [...readNameEvidence(repo.name), ...description, ...topics, ...readLanguageEvidence(repo)];
}

/** How much a learning topic still counts on a repository that describes itself as software. */
const DOMAIN_TOPIC_FACTOR = 0.5;
