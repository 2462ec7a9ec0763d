import type { Cue, EvidenceKind, LearningFlavour } from "@/server/filtering/cue-types";
import { WORD_END, WORD_START } from "@/server/filtering/tokenize-text";

/** Builders for the cues of other languages, which are written as regex sources and read case-blind. */

const cue = (
  kind: EvidenceKind,
  weight: number,
  flavour: LearningFlavour | undefined,
  source: string,
  role?: "manner" | "verb",
): Cue => ({ kind, weight, flavour, pattern: new RegExp(source, "giu"), role });
export const learning = (
  weight: number,
  flavour: LearningFlavour,
  source: string,
  role?: "manner" | "verb",
) => cue("learning", weight, flavour, source, role);
export const linkList = (weight: number, source: string, role?: "manner") =>
  cue("link-list", weight, undefined, source, role);
export const software = (weight: number, source: string) => cue("software", weight, undefined, source);

/** Whole words in a spaced script: "curso" but not "cursor", "libro" but not "librería". */
export const words = (alternatives: string) => `${WORD_START}(?:${alternatives})${WORD_END}`;
/** Korean: a word start, then anything (a particle or copula) may follow. */
export const hangul = (alternatives: string) => `(?<!\\p{Script=Hangul})(?:${alternatives})`;

/** Scripts that gate the cue lists of their languages. */
export const hanOrKana = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
export const hangulScript = /\p{Script=Hangul}/u;
export const cyrillicScript = /\p{Script=Cyrillic}/u;
/** Vietnamese is never written without tone marks or ă, â, đ, ê, ô, ơ, ư. */
export const accentedLatin = /[\u00C0-\u024F\u1E00-\u1EFF]/u;

export function inScript(script: RegExp, cues: readonly Cue[]): readonly Cue[] {
  return cues.map((item) => ({ ...item, script }));
}

/**
 * Gates a list of cues by one regex that matches wherever any of them does: a clause in which none of
 * the list's words occurs, most English ones, then costs one scan instead of one per cue.
 */
export function gatedByAnyOf(cues: readonly Cue[]): readonly Cue[] {
  const anyOfThem = new RegExp(cues.map((item) => `(?:${item.pattern.source})`).join("|"), "iu");
  return inScript(anyOfThem, cues);
}
