/**
 * Script-aware text handling for the non-project cues. JavaScript's `\b` and `\w` know only ASCII, so a
 * cue like /\btil\b/ fires inside the Spanish "útil" and /\bкурс\b/ never fires at all; Chinese and
 * Japanese have no spaces, so word boundaries do not exist there. This module gives every reader one
 * notion of a word character, one normalisation, and a segmenter for the scripts without spaces.
 */

/** What counts as part of a word in any script: letters, combining marks (Vietnamese tones), digits. */
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;
const WORD_CHAR_CLASS_BODY = String.raw`\p{L}\p{M}\p{N}_`;
const UNICODE_NON_BOUNDARY = `(?:(?<=${WORD_CHAR})(?=${WORD_CHAR})|(?<!${WORD_CHAR})(?!${WORD_CHAR}))`;

/** Before a cue: the previous character is not part of a word. */
export const WORD_START = `(?<!${WORD_CHAR})`;
/** After a cue: the next character is not part of a word. */
export const WORD_END = `(?!${WORD_CHAR})`;

/**
 * Rewrites a pattern written with ASCII `\b`, `\B` and `\w` so that they mean the same for every script,
 * and adds the `u` flag that `\p{…}` needs. Cues stay readable as ordinary regexes at their definition.
 * A `\b` that opens an alternative is a word start and one after matched text a word end: a one-sided
 * lookaround costs about as much as ASCII `\b`, the two-sided general boundary over twice as much.
 */
export function withUnicodeWords(pattern: RegExp): RegExp {
  let source = "";
  let inClass = false;
  for (let index = 0; index < pattern.source.length; index++) {
    const char = pattern.source[index] ?? "";
    if (char === "\\") {
      const next = pattern.source[index + 1] ?? "";
      index++;
      if (next === "w") source += inClass ? WORD_CHAR_CLASS_BODY : WORD_CHAR;
      else if (next === "b" && !inClass) {
        const previous = index >= 2 ? (pattern.source[index - 2] ?? "") : "";
        source += previous === "" || "|(:^".includes(previous) ? WORD_START : WORD_END;
      } else if (next === "B" && !inClass) source += UNICODE_NON_BOUNDARY;
      // Outside a class, `u` mode rejects needless escapes such as `\-` that plain mode let through.
      else if (!inClass && next === "-") source += "-";
      else source += `\\${next}`;
      continue;
    }
    if (char === "[" && !inClass) inClass = true;
    else if (char === "]" && inClass) inClass = false;
    source += char;
  }
  const flags = pattern.flags.includes("u") ? pattern.flags : `${pattern.flags}u`;
  return new RegExp(source, flags);
}

/** Latin letters and digits typed full-width with a CJK input method: "Ｐｙｔｈｏｎ入門". */
const fullWidthAlphanumeric = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/**
 * NFC composes decomposed accents and Hangul jamo (text pasted from macOS often arrives decomposed), and
 * full-width Latin letters and digits fold to ASCII. Full NFKC is not applied: it would also turn the
 * full-width "，" and "：" into ASCII punctuation, and those mark clause boundaries in CJK descriptions.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFC")
    .replace(fullWidthAlphanumeric, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

/** Normalised and case-folded, for exact lookups such as topic names and name segments. */
export function foldText(text: string): string {
  return normalizeText(text).toLowerCase();
}

/** Scripts written without spaces between words, which only a dictionary segmenter can split. */
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Scripts whose compounds put the head noun last with nothing between the words ("组件库教程" is a
 * tutorial, "教程框架" a framework), so adjacency alone says which word modifies which.
 */
const headFinalScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function hasUnspacedScript(text: string): boolean {
  return unspacedScript.test(text);
}

export function hasHeadFinalScript(text: string): boolean {
  return headFinalScript.test(text);
}

// One segmenter for the process: constructing one loads ICU data and costs far more than segmenting.
let segmenter: Intl.Segmenter | undefined;

/**
 * Where the words of a Chinese or Japanese text start, by the dictionary segmenter of Intl.Segmenter
 * ("同学习惯" is 同学 / 习惯): the offsets of every segment, and the end of the text. A cue found as a
 * substring counts only if it starts a word, so "学习" is not read across "同学 / 习惯". Cues are still
 * found as substrings rather than whole segments, because the segmenter splits many of them apart
 * ("面试题" is 面试 / 题, "客户端" is 客户 / 端) and its word ends are less reliable than its word starts.
 */
export function segmentStarts(text: string): ReadonlySet<number> {
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  const starts = new Set<number>([text.length]);
  for (const segment of segmenter.segment(text)) starts.add(segment.index);
  return starts;
}
