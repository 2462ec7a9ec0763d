import {
  buildYourOwn,
  containedLearning,
  containedSoftware,
  containerPhrase,
  descriptionCues,
  learningFieldPattern,
  listContainers,
  negatingPrefix,
  openContainers,
  toolVerbAtClauseStart,
  type EvidenceKind,
  type LearningFlavour,
} from "@/server/filtering/non-project-cues";
import { LATER_CUE_FACTOR, type Evidence } from "@/server/filtering/non-project-evidence";
import { readDescriptionShape, shorten } from "@/server/filtering/read-description-shape";
import {
  hasHeadFinalScript,
  hasUnspacedScript,
  normalizeText,
  segmentStarts,
  withUnicodeWords,
} from "@/server/filtering/tokenize-text";

/** A description that asks a question ("What happens when …?") is the title of an explainer. */
const questionDescription = /^[^\p{L}]*(?:what|how|why|when|where)\b[^?]{3,}\?/iu;
/**
 * What may stand between a modifier and the noun it modifies: a hyphen, spaces, at most one word, and a
 * coordination ("roadmap and feedback board").
 */
const compoundGap = withUnicodeWords(/^[\s-]*(?:(?:and|&|or)\s+)?(?:[\w.+#]+[\s-]+)?$/);
/**
 * Words after which an English compound has ended: prepositions and participles, which start no noun and
 * are no part of one, and the repository itself ("the Bot Framework samples repository").
 */
const functionWord =
  /^\s*(?:for|of|in|on|from|with|using|written|built|made|showing|demonstrating|that|which|to|by|repository|repo)\b/i;
/** The preposition between a Spanish, Portuguese, French or Italian noun and its subject. */
const romanceOf = /^\s+(?:de|do|da|dos|das|del|della|di|des|du)\s+$/i;
/** Whether a compound ends before `rest`, the clause's text after a noun. */
const endsCompound = (rest: string) => rest.trim() === "" || functionWord.test(rest);
/** A word that makes its noun an instance shown for illustration: "a sample app", "example app". */
const exemplifyingWord = /^(?:an? |the )?(?:sample|example|demo)$/i;

const headFinalLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const anyLetter = /\p{L}/gu;

/**
 * A clause written mostly in Chinese, Japanese or Korean; one such character stands for about a word, so
 * it takes a third as many of them as Latin letters: "Go 语言学习笔记" is Chinese, "A 汉字 course" is not.
 */
function isHeadFinal(clause: string): boolean {
  if (!hasHeadFinalScript(clause)) return false;
  const cjk = clause.match(headFinalLetter)?.length ?? 0;
  const letters = clause.match(anyLetter)?.length ?? 0;
  return cjk * 3 >= letters - cjk;
}

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
  const boundary = /[.!?;:|()[\]]+(?=\s|$)|[;|()[\]]|\s[-–—]+\s|[：；。，！？（）]/g;
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
  const scriptPresent = new Map<RegExp, boolean>();
  for (const cue of descriptionCues) {
    if (cue.script) {
      const present = scriptPresent.get(cue.script) ?? cue.script.test(clause);
      scriptPresent.set(cue.script, present);
      if (!present) continue;
    }
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

  // A Chinese or Japanese cue must start a word: "学习" in "同学习惯" (classmates' habits) is no cue.
  // Segmenting costs more than all the cues together, so only clauses with such a cue are segmented.
  if (candidates.some((match) => hasUnspacedScript(clause.charAt(match.start)))) {
    const starts = segmentStarts(clause);
    const startsInsideWord = (match: CueMatch) =>
      hasUnspacedScript(clause.charAt(match.start)) && !starts.has(match.start);
    candidates.splice(0, candidates.length, ...candidates.filter((match) => !startsInsideWord(match)));
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

export function readDescriptionEvidence(description: string | null): Evidence[] {
  const original = normalizeText(description?.trim() ?? "");
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
    const headFinal = isHeadFinal(clause.text);
    // "for testing": an English phrase that starts with a preposition is no part of a compound.
    const isPhrase = (match: CueMatch) =>
      !headFinal && functionWord.test(clause.text.slice(match.start, match.end));
    matches.forEach((match, index) => {
      const next = matches[index + 1];
      if (!next || match.role !== undefined) return;
      // A learning word before a software noun is a modifier ("cheat sheet service"). The reverse holds in
      // a head-final clause ("框架教程" is a tutorial about a framework) and in English when the learning
      // noun ends the compound ("Temporal Java SDK samples", "API samples for the Universal Windows
      // Platform" are samples, whatever they are samples of).
      // "A sample audio app" is a sample: an exemplifying word keeps its noun an example.
      const exemplifies = exemplifyingWord.test(clause.text.slice(match.start, match.end));
      const learningBeforeSoftware = match.kind !== "software" && next.kind === "software" && !exemplifies;
      const softwareBeforeLearning =
        match.kind === "software" &&
        next.kind === "learning" &&
        (headFinal || (next.role === undefined && endsCompound(clause.text.slice(next.end))));
      if (!learningBeforeSoftware && !softwareBeforeLearning) return;
      // "recipes for testing …": a preposition ends the compound, so the noun before it heads it, and a
      // phrase that starts with one ("plugin for testing examples") is no part of a compound.
      if (!headFinal && endsCompound(clause.text.slice(match.end))) return;
      if (isPhrase(match)) return;
      const gap = clause.text.slice(match.end, next.start);
      // "Curso de Backend con Node", "plataforma de cursos": Romance languages name the thing first and
      // its subject after "de", so neither noun modifies the other.
      if (romanceOf.test(gap)) return;
      if (compoundGap.test(gap)) modifiers.add(match);
    });
    // "Bot Framework samples": every noun of the compound before its head is a modifier, not only the last.
    for (let index = matches.length - 2; index >= 0; index -= 1) {
      const [match, next] = [matches[index], matches[index + 1]];
      if (!match || !next || !modifiers.has(next) || modifiers.has(match)) continue;
      if (match.role !== undefined || match.kind !== next.kind) continue;
      if (isPhrase(match)) continue;
      if (compoundGap.test(clause.text.slice(match.end, next.start))) modifiers.add(match);
    }
    // English names the thing first ("a course on building web servers"); Chinese, Japanese and Korean
    // put it last ("构建交互式教程的框架" is a framework for building tutorials).
    const nouns = matches.filter((match) => match.role !== "manner" && !modifiers.has(match));
    const head = (headFinal ? nouns.at(-1) : nouns[0])?.kind ?? matches[0]?.kind;
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
