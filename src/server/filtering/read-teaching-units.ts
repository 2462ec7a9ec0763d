import type { LearningFlavour } from "@/server/filtering/cue-types";
import { documentExtension } from "@/server/filtering/repo-contents-names";
import type { RepoContents, RepoContentsEntry } from "@/shared/repo-contents";

/**
 * The numbered units of learning material at the top of a repository ("Day-01", "第3章", "Урок 2",
 * "1주차", "01-intro"), for summarize-repo-contents.ts.
 */

export type TeachingUnits = {
  /** Distinct numbers, three at least: fewer is no syllabus. */
  count: number;
  flavour: LearningFlavour;
  /** "38 chapter folders", "12 numbered lesson files". */
  text: string;
};

/**
 * The unit words of syllabi, books and challenges in the languages learning material is often written in,
 * each with the kind of material it points at and the English noun the reason uses.
 */
const unitWords: ReadonlyArray<readonly [RegExp, LearningFlavour, string]> = [
  [/^(?:day|days|dia|día|день|ngày)$/, "challenge", "day"],
  [/^(?:chapter|chap|ch|capitulo|capítulo|cap|глава|chương|chuong|kapitel|chapitre)$/, "book", "chapter"],
  [/^(?:week|wk|semana|неделя|tuần|tuan|woche|semaine)$/, "course", "week"],
  [
    /^(?:lesson|lessons|lecture|lec|module|mod|unit|session|lab|class|aula|clase|lección|leccion|урок|лекция|занятие|bài|bai|buổi|buoi|lektion|leçon|lecon|part|section|step|tema|topic)$/,
    "course",
    "lesson",
  ],
  [
    /^(?:exercise|exercises|ex|exercicio|exercício|ejercicio|упражнение|задача|задание|zadanie|zadacha|zadaniye|hw|homework|assignment|problem|task|kata|challenge|project|proyecto|projeto)$/,
    "exercises",
    "exercise",
  ],
];

/** "Day-01", "lesson_3", "ch02", "Глава 1", "Bài 5": a unit word and its number, in either order. */
const wordNumberName = /^([\p{L}]+)[\s._-]*0*(\d{1,3})(?![\d])/u;
/**
 * "chapter_attention-mechanisms", "lesson-closures": units titled instead of numbered, as Dive into Deep
 * Learning names its chapters. Only words that never name a part of a program: "module-core" and
 * "unit-tests" are code.
 */
const titledUnitName = /^([\p{L}]+)[_-]+\p{L}/u;
const titledUnitWord =
  /^(?:chapter|capitulo|capítulo|глава|chương|chuong|lesson|lecture|aula|clase|lección|leccion|урок|лекция|bài|week|semana|day)$/u;
/** "01-intro", "1. Basics", "02_variables": a number leading a name, the way lessons are ordered. */
const numberFirstName = /^0*(\d{1,3})[\s._-]+[\p{L}]/u;
const bareNumberName = /^\d{1,3}$/;
/** 第3章, 第十二课, 第1回: the CJK way of numbering units. */
const cjkUnitName = /^第?[\d一二三四五六七八九十百〇零两]+\s*([章课課天周週节節回讲講篇部])/u;
/** 1장, 3주차, 2강, 5일차: Korean unit counters. */
const koreanUnitName = /^\d{1,3}\s*(장|주차|강|일차|회차|회)/u;

const cjkFlavours: Record<string, readonly [LearningFlavour, string]> = {
  章: ["book", "chapter"],
  篇: ["book", "chapter"],
  部: ["book", "chapter"],
  节: ["book", "chapter"],
  節: ["book", "chapter"],
  课: ["course", "lesson"],
  課: ["course", "lesson"],
  讲: ["course", "lesson"],
  講: ["course", "lesson"],
  回: ["course", "lesson"],
  天: ["challenge", "day"],
  周: ["course", "week"],
  週: ["course", "week"],
};
const koreanFlavours: Record<string, readonly [LearningFlavour, string]> = {
  장: ["book", "chapter"],
  주차: ["course", "week"],
  강: ["course", "lesson"],
  회: ["course", "lesson"],
  회차: ["course", "lesson"],
  일차: ["challenge", "day"],
};

/** How long a class's own prefix of numbered folders is ("lx", "ps", "sem"), and how many it takes. */
const SHORT_PREFIX = 3;
const PREFIXED_UNITS = 5;
const PREFIXED = "prefixed:";

/** A unit's number, or its title when the units are titled instead ("chapter_attention-mechanisms"). */
type UnitMatch = { flavour: LearningFlavour; noun: string; number: number | string };

function stripExtension(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,6}$/, "");
}

function readUnit(entry: RepoContentsEntry): UnitMatch | null {
  const name = stripExtension(entry.name.normalize("NFKC")).toLowerCase();
  const cjk = cjkUnitName.exec(name);
  if (cjk?.[1]) {
    const [flavour, noun] = cjkFlavours[cjk[1]] ?? ["general", "numbered"];
    return { flavour, noun, number: Number.parseInt(name.replace(/\D+/g, ""), 10) || 0 };
  }
  const korean = koreanUnitName.exec(name);
  if (korean?.[1]) {
    const [flavour, noun] = koreanFlavours[korean[1]] ?? ["general", "numbered"];
    return { flavour, noun, number: Number.parseInt(name, 10) };
  }
  const wordFirst = wordNumberName.exec(name);
  if (wordFirst?.[1] && wordFirst[2]) {
    const word = wordFirst[1];
    for (const [pattern, flavour, noun] of unitWords)
      if (pattern.test(word)) return { flavour, noun, number: Number.parseInt(wordFirst[2], 10) };
    // "lx01" … "lx12": a short prefix of a class's own, numbered in sequence. Counted apart, per prefix.
    if (
      entry.type === "tree" &&
      word.length <= SHORT_PREFIX &&
      name === `${word}${wordFirst[2].padStart(2, "0")}`
    )
      return { flavour: "general", noun: `${PREFIXED}${word}`, number: Number.parseInt(wordFirst[2], 10) };
    return null;
  }
  const titled = titledUnitName.exec(name);
  const titleWord = titled?.[1];
  if (titleWord !== undefined && entry.type === "tree" && titledUnitWord.test(titleWord)) {
    for (const [pattern, flavour, noun] of unitWords)
      if (pattern.test(titleWord)) return { flavour, noun, number: name.slice(titleWord.length) };
  }
  // "001.md", "12.md": chapters or posts named by their number alone. A program's files have names.
  if (bareNumberName.test(name) && documentExtension.test(entry.name))
    return { flavour: "general", noun: "numbered", number: Number.parseInt(name, 10) };
  const numberFirst = numberFirstName.exec(name);
  if (numberFirst?.[1]) {
    // "01-day-one", "02_lesson": the word after the number may still name the unit.
    const rest = name.slice(numberFirst[0].length - 1);
    const restWord = /^[\p{L}]+/u.exec(rest)?.[0] ?? "";
    for (const [pattern, flavour, noun] of unitWords)
      if (pattern.test(restWord)) return { flavour, noun, number: Number.parseInt(numberFirst[1], 10) };
    return { flavour: "general", noun: "numbered", number: Number.parseInt(numberFirst[1], 10) };
  }
  return null;
}

function isUnitCandidate(entry: RepoContentsEntry): boolean {
  if (entry.name.startsWith(".")) return false;
  if (entry.type === "tree") return true;
  return (
    entry.type === "blob" &&
    (documentExtension.test(entry.name) || codeFile.test(entry.name) || /\.html?$/i.test(entry.name))
  );
}

/**
 * Source files by extension; a configuration file such as `eslint.config.js` says nothing of the code,
 * and an HTML page at the top is a site's page or a demo, not a program.
 */
export const codeFile =
  /\.(?:py|js|mjs|cjs|ts|tsx|jsx|java|c|h|cc|cpp|hpp|go|rs|rb|sql|sh|kt|swift|cs|php|lua|pl|ex|exs|scala|dart|zig|nim|ml|hs|clj|r)$/i;
export const configFile =
  /(?:^|[._-])(?:config|conf|rc|setup)\.[cm]?[jt]s$|^conf\.py$|^(?:gulpfile|gruntfile|webpack|rollup|vite|vitest|jest|babel|eslint|prettier|postcss|tailwind|stylelint|commitlint|playwright|tsup|sidebars|docusaurus|gatsby-\w+|next|nuxt|svelte|astro)\b/i;

/** The numbered units, if at least three distinct numbers of one kind lead the top level. */
export function readTeachingUnits(contents: RepoContents): TeachingUnits | null {
  const byNoun = new Map<
    string,
    { flavour: LearningFlavour; numbers: Set<number | string>; folders: number; files: number }
  >();
  for (const entry of contents) {
    if (!isUnitCandidate(entry)) continue;
    const unit = readUnit(entry);
    if (unit === null) continue;
    const group = byNoun.get(unit.noun) ?? {
      flavour: unit.flavour,
      numbers: new Set(),
      folders: 0,
      files: 0,
    };
    group.numbers.add(unit.number);
    if (entry.type === "tree") group.folders += 1;
    else group.files += 1;
    byNoun.set(unit.noun, group);
  }
  let best: TeachingUnits | null = null;
  for (const [noun, group] of byNoun) {
    // Distinct numbers, not entries: "lesson-1.md" beside "lesson-1/" is one lesson.
    const count = group.numbers.size;
    const prefix = noun.startsWith(PREFIXED) ? noun.slice(PREFIXED.length) : null;
    if (count < (prefix === null ? 3 : PREFIXED_UNITS) || (best !== null && best.count >= count)) continue;
    const kind = group.folders >= group.files ? "folders" : "files";
    const text =
      prefix !== null
        ? `${count} numbered folders (${prefix}01…)`
        : noun === "numbered"
          ? `${count} numbered ${kind}`
          : `${count} ${noun} ${kind}`;
    best = { count, flavour: group.flavour, text };
  }
  return best;
}
