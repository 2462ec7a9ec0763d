import { cjkHeadNouns } from "@/server/filtering/cjk-cues";
import { headNounCues, type TopicCue } from "@/server/filtering/non-project-cues";
import type { Evidence } from "@/server/filtering/non-project-evidence";
import {
  hasHeadFinalScript,
  hasUnspacedScript,
  segmentStarts,
  withUnicodeWords,
} from "@/server/filtering/tokenize-text";

/**
 * Readings of the description as a whole rather than phrase by phrase: they catch learning material
 * whose words match no cue, and products that introduce themselves by name.
 */

/** Evidence text ends up in a one-line reason, where a whole description would crowd out the rest. */
export function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text;
}

/**
 * Where an opening noun phrase ends: punctuation, or a preposition, relative pronoun or participle in
 * English, Spanish, Portuguese or Russian ("Curso de Python", "Конспекты по алгоритмам").
 */
const openingEnd = withUnicodeWords(
  /[.,;:!?()|—–]|\s-\s|\s(?=(?:for|from|on|of|in|into|using|with|to|by|that|which|about|referenced|written|used|built|made|based|covering|showcasing|where|you|de|del|da|do|dos|das|para|con|com|en|em|sobre|por|que|для|по|на|о|об|с|со|в|из|от|к)\b)/i,
);
/** The opening phrase of a Chinese, Japanese or Korean description runs to its first punctuation. */
const cjkOpeningEnd = /[.,;:!?()|—–，。：；！？（）、「」【】]|\s-\s/u;

/**
 * The head of a Chinese, Japanese or Korean opening phrase is its last word; it counts when a head noun
 * ends the phrase and starts a word there, so "大学习题" does not end in "学习题".
 */
function findCjkOpeningHead(description: string): readonly [string, TopicCue] | undefined {
  const opening = (description.replace(/^[^\p{L}\p{N}《]+/u, "").split(cjkOpeningEnd)[0] ?? "").replace(
    /[^\p{L}\p{N}]+$/u,
    "",
  );
  for (const [pattern, cue] of cjkHeadNouns) {
    const match = pattern.exec(opening);
    if (!match) continue;
    if (hasUnspacedScript(match[0]) && !segmentStarts(opening).has(match.index)) return undefined;
    return [match[0], cue];
  }
  return undefined;
}

/**
 * The head of a description's opening noun phrase, the last word before the first preposition, verb
 * or punctuation: "A brief computer graphics / rendering course", "Notebooks using …", "Resources for …".
 */
function findOpeningHead(description: string): string | null {
  const opening = description.replace(/^[^\p{L}\p{N}]+/u, "").split(openingEnd)[0];
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

/** Plurals of what a program ships, closing a title-cased description. */
const shippedSoftware = /^(?:packages|plugins|extensions|add-?ons|drivers|bindings|utilities|libraries)$/i;

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
  // "Chocolatey Community Maintained Packages" names what it ships, as a product line does.
  if (shippedSoftware.test(content.at(-1) ?? "")) return false;
  return content.length >= 3 && capitalised.length === content.length;
}

export function readDescriptionShape(description: string): Evidence[] {
  const evidence: Evidence[] = [];
  if (hasHeadFinalScript(description)) {
    const cjkHead = findCjkOpeningHead(description);
    if (cjkHead) {
      const [text, cue] = cjkHead;
      evidence.push({ kind: cue.kind, source: "description", weight: 1, text, flavour: cue.flavour });
      return evidence;
    }
  }
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

export function readSelfDescription(name: string, description: string | null): Evidence[] {
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
