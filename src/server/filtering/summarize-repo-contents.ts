import type { LearningFlavour } from "@/server/filtering/non-project-cues";
import {
  siteGeneratorFiles,
  bookMarkerFiles,
  proseFolders,
  assetFolders,
  bareLocaleFolders,
  regionLocaleFolder,
  teachingFolderWords,
  documentExtension,
  exactManifests,
  languageFolderNames,
  machinery,
  manifestExtensions,
  metaFile,
  sourceFolderNames,
  testFolderNames,
} from "@/server/filtering/repo-contents-names";
import type { RepoContents, RepoContentsEntry } from "@/shared/repo-contents";

/**
 * What a repository's top-level entries say, in plain counts and names: the manifests, source, test and
 * release machinery of software, and the numbered units and prose of learning material. The names are
 * the conventions of the ecosystems themselves, so they read the same whatever language the repository is
 * described in.
 */

export type TeachingUnits = {
  count: number;
  flavour: LearningFlavour;
  /** "38 chapter folders", "12 numbered lesson files". */
  text: string;
};

export type ContentsSummary = {
  /** Package manifests and build files at the top level, by name. */
  manifests: string[];
  sourceFolders: string[];
  /** Source files at the top level, as a single-file library keeps them. */
  codeFiles: number;
  testFolders: string[];
  /** CI, release and packaging files, in words ("CI configuration", "a changelog"). */
  releaseMachinery: string[];
  teachingUnits: TeachingUnits | null;
  /** Markdown, text, PDF and notebook files, not counting README, LICENSE and their kind. */
  documents: number;
  /** documents over every such content file at the top level (0 when there is none). */
  documentShare: number;
  /** Folders named after a programming language: solutions in several languages. */
  languageFolders: string[];
  /** Folders named as parts of a syllabus ("exercises", "solutions", "slides", "aulas"), with their kind. */
  teachingFolders: { names: string[]; flavour: LearningFlavour };
  /** Folders named by locale ("en", "zh-CN"): one document in several languages. */
  localeFolders: number;
  /** The configuration of a site or book generator at the top ("mkdocs.yml", ".vitepress"), or null. */
  siteGenerator: string | null;
  /** LaTeX sources at the top: a document typeset from them. */
  texFiles: number;
  /** The table-of-contents file of a book tool at the top ("SUMMARY.md", "book.toml"), or null. */
  bookMarker: string | null;
  /** Nothing but a README, beside licence, meta files and pictures. */
  onlyReadme: boolean;
  /**
   * No code or code folder: only documents, pictures, configuration and folders of notes or syllabus parts
   * (a manifest may be there, for a linter or a site generator).
   */
  onlyProse: boolean;
  /** Folders that are neither hidden nor pictures: a collection of projects has many and no code of its own. */
  plainFolders: number;
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
    /^(?:exercise|exercises|ex|exercicio|exercício|ejercicio|упражнение|задача|hw|homework|assignment|problem|task|kata|challenge|project|proyecto|projeto)$/,
    "exercises",
    "exercise",
  ],
];

/** "Day-01", "lesson_3", "ch02", "Глава 1", "Bài 5": a unit word and its number, in either order. */
const wordNumberName = /^([\p{L}]+)[\s._-]*0*(\d{1,3})(?![\d])/u;
/** "01-intro", "1. Basics", "02_variables": a number leading a name, the way lessons are ordered. */
const numberFirstName = /^0*(\d{1,3})[\s._-]+[\p{L}]/u;
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

type UnitMatch = { flavour: LearningFlavour; noun: string; number: number };

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
    return null;
  }
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
  return entry.type === "blob" && (documentExtension.test(entry.name) || codeFile.test(entry.name));
}

/** Source files by extension; a configuration file such as `eslint.config.js` says nothing of the code. */
const codeFile =
  /\.(?:py|js|mjs|cjs|ts|tsx|jsx|java|c|h|cc|cpp|hpp|go|rs|rb|html|sql|sh|kt|swift|cs|php|lua|pl|ex|exs|scala|dart|zig|nim|ml|hs|clj|r)$/i;
const configFile =
  /(?:^|[._-])(?:config|conf|rc|setup)\.[cm]?[jt]s$|^(?:gulpfile|gruntfile|webpack|rollup|vite|vitest|jest|babel|eslint|prettier|postcss|tailwind|stylelint|commitlint|playwright|tsup|sidebars|docusaurus|gatsby-\w+|next|nuxt|svelte|astro)\b/i;

/** The numbered units, if at least three distinct numbers of one kind lead the top level. */
function readTeachingUnits(contents: RepoContents): TeachingUnits | null {
  const byNoun = new Map<
    string,
    { flavour: LearningFlavour; numbers: Set<number>; folders: number; files: number }
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
    if (count < 3 || (best !== null && best.count >= count)) continue;
    const kind = group.folders >= group.files ? "folders" : "files";
    const text = noun === "numbered" ? `${count} numbered ${kind}` : `${count} ${noun} ${kind}`;
    best = { count, flavour: group.flavour, text };
  }
  return best;
}

function readTeachingFolders(folders: readonly string[]): ContentsSummary["teachingFolders"] {
  const names: string[] = [];
  const weights = new Map<LearningFlavour, number>();
  for (const name of folders) {
    const lower = name.normalize("NFKC").toLowerCase();
    const found = teachingFolderWords.find(([pattern]) => pattern.test(lower));
    if (!found) continue;
    names.push(name);
    weights.set(found[1], (weights.get(found[1]) ?? 0) + 1);
  }
  const flavour = [...weights].sort((left, right) => right[1] - left[1])[0]?.[0] ?? "general";
  return { names, flavour };
}

function countLocaleFolders(folders: readonly string[]): number {
  const regional = folders.filter((name) => regionLocaleFolder.test(name)).length;
  const bare = folders.filter((name) => bareLocaleFolders.has(name.toLowerCase())).length;
  return regional + (bare >= 3 || regional >= 2 ? bare : 0);
}

function firstMachinery(name: string): string | null {
  for (const [pattern, words] of machinery) if (pattern.test(name)) return words;
  return null;
}

export function summarizeRepoContents(contents: RepoContents): ContentsSummary {
  const manifests: string[] = [];
  const sourceFolders: string[] = [];
  let codeFiles = 0;
  const testFolders: string[] = [];
  const releaseMachinery = new Set<string>();
  const languageFolders: string[] = [];
  let documents = 0;
  let contentFiles = 0;
  const folders: string[] = [];
  let otherEntries = 0;
  // An R package keeps its code in R/ beside a DESCRIPTION file; elsewhere an R/ folder is as likely to
  // hold one language's solutions.
  const hasRPackageDescription = contents.some(
    (entry) => entry.type === "blob" && entry.name === "DESCRIPTION",
  );

  for (const entry of contents) {
    const lower = entry.name.toLowerCase();
    const words = firstMachinery(entry.name);
    if (words !== null) releaseMachinery.add(words);
    if (entry.type === "blob") {
      if (exactManifests.has(lower) || manifestExtensions.test(entry.name)) manifests.push(entry.name);
      if (entry.name.startsWith(".") || metaFile.test(entry.name)) continue;
      if (codeFile.test(entry.name) && !configFile.test(entry.name)) codeFiles += 1;
      otherEntries += 1;
      contentFiles += 1;
      if (documentExtension.test(entry.name)) documents += 1;
    } else if (entry.type === "tree") {
      if (!entry.name.startsWith(".")) folders.push(entry.name);
      if (!entry.name.startsWith(".") && !assetFolders.has(lower)) otherEntries += 1;
      if (manifestExtensions.test(entry.name)) manifests.push(entry.name);
      if (sourceFolderNames.has(lower) || (entry.name === "R" && hasRPackageDescription))
        sourceFolders.push(entry.name);
      if (testFolderNames.has(lower)) testFolders.push(entry.name);
      if (languageFolderNames.has(lower)) languageFolders.push(entry.name);
    }
  }

  const hasReadme = contents.some((entry) => /^readme(?:\.|$)/i.test(entry.name));
  const teaching = readTeachingFolders(folders);
  const plainFolders = folders.filter((name) => !assetFolders.has(name.toLowerCase()));
  return {
    manifests,
    sourceFolders,
    codeFiles,
    testFolders,
    releaseMachinery: [...releaseMachinery],
    teachingUnits: readTeachingUnits(contents),
    documents,
    documentShare: contentFiles === 0 ? 0 : documents / contentFiles,
    languageFolders,
    teachingFolders: teaching,
    localeFolders: countLocaleFolders(folders),
    siteGenerator: contents.find((entry) => siteGeneratorFiles.test(entry.name))?.name ?? null,
    texFiles: contents.filter((entry) => entry.type === "blob" && /\.tex$/i.test(entry.name)).length,
    bookMarker:
      contents.find((entry) => entry.type === "blob" && bookMarkerFiles.has(entry.name.toLowerCase()))
        ?.name ?? null,
    onlyReadme: otherEntries === 0 && hasReadme,
    onlyProse:
      hasReadme &&
      codeFiles === 0 &&
      sourceFolders.length === 0 &&
      testFolders.length === 0 &&
      plainFolders.every((name) => proseFolders.has(name.toLowerCase()) || teaching.names.includes(name)),
    plainFolders: plainFolders.length,
  };
}
