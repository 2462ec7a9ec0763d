import type { Evidence } from "@/server/filtering/non-project-evidence";
import type { LearningFlavour } from "@/server/filtering/non-project-cues";
import {
  normalizeHeading,
  ownRepoPath,
  plainText,
  withoutNumbering,
  type ReadmeLink,
  type ReadmeStructure,
} from "@/server/filtering/read-readme-structure";
import {
  readNumberedUnit,
  readSoftwareSection,
  unitFlavours,
  type UnitKind,
} from "@/server/filtering/readme-structure-cues";

/**
 * The structures of learning material that a README shows in any language: a table of contents of the
 * repository's own pages, a bank of questions, numbered sections, and long prose with nothing to install.
 * Each weighs below the drop threshold, so one of them never drops a repository alone.
 */

const docLike = /\.(?:md|markdown|mdx|rst|txt|adoc|ipynb|pdf|html?)$/i;
const imageFile = /\.(?:png|jpe?g|gif|svg|webp)$/i;
const notContent =
  /^(?:license|licence|contributing|code_of_conduct|changelog|changes|security|authors|readme)\b/i;
/** Where monorepos keep their packages: a list of these is a software's parts, not a book's chapters. */
const packageFolder = /^(?:packages|crates|libs?|plugins|extensions|apps|src|cmd|modules|components)\//i;
/** Generated API references (TypeDoc, rustdoc, Javadoc): a software's manual, however long its index. */
const apiReference =
  /(?:^|\/)(?:api|functions|classes|interfaces|type-aliases|namespaces|variables|enums)\//i;
const numberedPath = /(?:^|\/)[a-z]{0,10}[-_]?0{0,3}\d{1,3}(?=[-_. /]|$)/i;
const numberedText = /^0{0,3}\d{1,3}(?:[.):-]|\s)/;
const numberedRow = /^\|[ \t]{0,3}0{0,3}\d{1,3}[ \t.]{0,3}\|/;

type OwnLink = { numbered: boolean; unit: UnitKind | null };

/** A link to one of the repository's own pages ("ch01.md", "day-3/", its own blob URL), or null. */
function readOwnLink(link: ReadmeLink, repoName: string): OwnLink | null {
  const target = ownRepoPath(link.target, repoName);
  if (
    target === null ||
    target === "" ||
    imageFile.test(target) ||
    packageFolder.test(target) ||
    apiReference.test(target)
  )
    return null;
  // Chapters sit at most three folders deep; deeper pages are a generated manual's.
  if (target.split("/").filter(Boolean).length > 4) return null;
  if (!target.includes("/") && notContent.test(target)) return null;
  // A docs index ("Installation", "API") is how software READMEs point at their manuals.
  if (readSoftwareSection(withoutNumbering(normalizeHeading(plainText(link.text)))) === "strong") return null;
  const unit = readNumberedUnit(link.text) ?? readNumberedUnit(target.replace(/[-_/]/g, " "));
  const numbered = unit !== null || numberedText.test(link.text.trim()) || numberedPath.test(target);
  // Unnumbered folders and code files are a project's parts; numbered ones are units ("day-03/").
  if (!docLike.test(target) && !numbered) return null;
  return { numbered, unit: unit?.kind ?? null };
}

function mostCommon<T>(values: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [value, count] of counts)
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  return best;
}

/** "a README of 24 chapter links": most list items and table rows link to the repository's own pages. */
export function readTableOfContentsEvidence(structure: ReadmeStructure, repoName: string): Evidence[] {
  const entries: OwnLink[] = [];
  let candidates = 0;
  for (const item of structure.items) {
    candidates += 1;
    const first = item.links[0];
    const own = first ? readOwnLink(first, repoName) : null;
    if (own)
      entries.push({
        numbered: own.numbered || item.ordered,
        unit: own.unit ?? readNumberedUnit(plainText(item.text))?.kind ?? null,
      });
  }
  for (const table of structure.tables)
    table.links.forEach((links, row) => {
      if (row === 0 || /^\|[\s:|-]*$/.test(table.lines[row] ?? "")) return;
      candidates += 1;
      const own = links.map((link) => readOwnLink(link, repoName)).find((found) => found !== null);
      if (!own) return;
      // The unit or number is often in another cell: "| 第1回 | 環境構築 | [スライド](slides/01.pdf) |".
      const line = table.lines[row] ?? "";
      const unit = own.unit ?? readNumberedUnit(line)?.kind ?? null;
      entries.push({ numbered: own.numbered || unit !== null || numberedRow.test(line), unit });
    });
  const listEntries = entries.length;
  // Or as headings that link to the pages: "## [条件分岐と繰り返し処理](basic/README.md)".
  const sections = structure.headings.filter((heading) => heading.level >= 2);
  for (const heading of sections) {
    const own = heading.link ? readOwnLink(heading.link, repoName) : null;
    if (own) entries.push({ ...own, unit: own.unit ?? readNumberedUnit(heading.normalized)?.kind ?? null });
  }
  const count = entries.length;
  const headingEntries = count - listEntries;
  const isContents =
    (listEntries >= 5 && listEntries / candidates >= 0.4) ||
    (headingEntries >= 5 && headingEntries / sections.length >= 0.5);
  if (!isContents) return [];
  const numbered = entries.filter((entry) => entry.numbered).length / count >= 0.6;
  // Unnumbered pages may be a software's manual as well as a book's chapters, so they weigh less.
  const weight = numbered ? (count >= 8 ? 2.5 : 2) : count >= 15 ? 1.5 : count >= 8 ? 1 : 0;
  if (weight === 0) return [];
  const unit = mostCommon(entries.flatMap((entry) => (entry.unit ? [entry.unit] : [])));
  const what = unit
    ? `${unit} links`
    : numbered
      ? "numbered links to its own pages"
      : "links to its own pages";
  return [
    {
      kind: "learning",
      source: "readme",
      weight,
      flavour: unit ? unitFlavours[unit] : "general",
      text: `a README of ${count} ${what}`,
    },
  ];
}

/** A question mark at the end, perhaps in bold; not "options?)" in a function signature. */
const questionEnd = /[?？؟][\s*_]{0,4}$/;
const questionStart = /^(?:q[ \t]?\d{0,3}[.:)]|问[：:]|質問|질문)/i;
/** What comes before a question: heading marks in list items, bold, numbering ("1. ### What is…"). */
const questionLead = /^(?:#{1,6}[ \t]+|[*_]{1,2}|\d{1,4}[.)][ \t]+){0,4}/;
/**
 * Questions written without a question mark, as question banks often are ("What is a closure"). "How to"
 * is left out: it titles guides and software sections, not questions.
 */
const interrogative =
  /^(?:what|why|how(?! to\b)|when|where|which|who|whose|explain|describe|difference between|什么|为什么|為什麼|如何|怎么|怎样|怎樣|なぜ|どうして|무엇|왜|어떻게|что|почему|зачем|каки[ен]|какой|qué|por qué|cómo|cuál|cuáles|o que|por que|qual|quais|tại sao|vì sao|làm sao)(?![\p{L}])/iu;

function isQuestion(line: string): boolean {
  const text = line.replace(questionLead, "");
  return questionEnd.test(text) || questionStart.test(text) || interrogative.test(text);
}

/** Interview question banks: most headings or list items are questions, outside any FAQ section. */
export function readQuestionEvidence(structure: ReadmeStructure): Evidence[] {
  const lines = [
    ...structure.headings.filter((heading) => !heading.inFaq).map((heading) => heading.text),
    ...structure.items.filter((item) => !item.inFaq).map((item) => plainText(item.text)),
  ];
  let questions = lines.filter(isQuestion).length;
  // Question banks also list their questions in a table: "| 1 | [What is a closure](#…) |".
  for (const table of structure.tables)
    for (const line of table.lines.slice(1)) {
      if (/^\|[\s:|-]*$/.test(line)) continue;
      lines.push(line);
      if (line.split("|").some((cell) => isQuestion(plainText(cell)))) questions += 1;
    }
  const share = lines.length === 0 ? 0 : questions / lines.length;
  const weight =
    questions >= 20 && share >= 0.5
      ? 2.5
      : questions >= 10 && share >= 0.4
        ? 2
        : questions >= 5 && share >= 0.5
          ? 1.25
          : 0;
  if (weight === 0) return [];
  const flavour: LearningFlavour = "interview";
  return [
    { kind: "learning", source: "readme", weight, flavour, text: `a README of ${questions} questions` },
  ];
}

/** "1. Introduction", "2.1 Variables", "一、概述"; not a version ("1.2.0 (2024-05-01)"), which has no words. */
const numberedHeading =
  /^(?:\d{1,3}(?:\.\d{1,3}){0,3}[.)]?[ \t]{1,3}\p{L}|[一二三四五六七八九十]{1,3}[、.．])/u;

/** A document in numbered sections ("1. Introduction", "2.1 Variables", "一、概述"), as books and notes are. */
export function readNumberedSectionEvidence(structure: ReadmeStructure): Evidence[] {
  const headings = structure.headings.filter((heading) => heading.level >= 2);
  const numbered = headings.filter(
    (heading) => numberedHeading.test(heading.text) && readNumberedUnit(heading.normalized) === null,
  ).length;
  if (numbered < 6 || numbered / headings.length < 0.5) return [];
  return [
    { kind: "learning", source: "readme", weight: 1.25, text: `${numbered} numbered sections in the README` },
  ];
}

/**
 * The page of one problem on a judge or puzzle site, by host and the path its problems have: a README
 * that links many of them indexes its solutions, whatever language it is written in.
 */
const judgeProblemPage = new RegExp(
  [
    String.raw`https?://(?:www\.)?(?:`,
    [
      String.raw`(leetcode)(?:-cn)?\.c(?:om|n)/problems/[\w-]+`,
      String.raw`(codeforces)\.com/(?:problemset/problem|contest|gym)/\d+/(?:problem/)?\w+`,
      String.raw`(atcoder)\.jp/contests/[\w-]+/tasks/\w+`,
      String.raw`(hackerrank)\.com/challenges/[\w-]+`,
      String.raw`(adventofcode)\.com/\d{4}/day/\d+`,
      String.raw`(projecteuler)\.net/problem=\d+`,
      String.raw`(codewars)\.com/kata/\w+`,
      String.raw`(acmicpc)\.net/problem/\d+`,
      String.raw`(?:school\.)?(programmers)\.co\.kr/learn/courses/\d+/lessons/\d+`,
      String.raw`(spoj)\.com/problems/\w+`,
      String.raw`(lintcode)\.com/problem/[\w-]+`,
      String.raw`(luogu)\.com\.cn/problem/\w+`,
      String.raw`open\.(kattis)\.com/problems/\w+`,
      String.raw`(codechef)\.com/problems/\w+`,
      String.raw`(cses)\.fi/problemset/task/\d+`,
      String.raw`(beecrowd)\.com\.br/judge/\w+/problems/view/\d+`,
    ].join("|"),
    ")",
  ].join(""),
  "gi",
);
const judgeSiteNames: Record<string, string> = {
  leetcode: "LeetCode",
  codeforces: "Codeforces",
  atcoder: "AtCoder",
  hackerrank: "HackerRank",
  adventofcode: "Advent of Code",
  projecteuler: "Project Euler",
  codewars: "Codewars",
  acmicpc: "Baekjoon",
  programmers: "Programmers",
};

/** Links to problems of judge or puzzle sites (LeetCode, AtCoder, Baekjoon, Advent of Code): solutions. */
export function readJudgeProblemEvidence(structure: ReadmeStructure): Evidence[] {
  const problems = new Set<string>();
  const sites = new Map<string, number>();
  for (const match of structure.text.matchAll(judgeProblemPage)) {
    const page = match[0].toLowerCase();
    if (problems.has(page)) continue;
    problems.add(page);
    // Only the matched site's group is set; the others are undefined at run time.
    const site = match.slice(1).find(Boolean)?.toLowerCase() ?? "";
    sites.set(site, (sites.get(site) ?? 0) + 1);
  }
  if (problems.size < 3) return [];
  const [site = ""] = [...sites].sort((a, b) => b[1] - a[1])[0] ?? [];
  const siteName = judgeSiteNames[site] ?? site.charAt(0).toUpperCase() + site.slice(1);
  const flavour: LearningFlavour = "solutions";
  return [
    {
      kind: "learning",
      source: "readme",
      weight: problems.size >= 6 ? 2.5 : 2,
      flavour,
      text: `links to ${problems.size} problems of ${siteName}${sites.size > 1 ? " and other judges" : ""}`,
    },
  ];
}

/** Long prose, little code and nothing to install or use: an essay, notes or a book chapter. */
export function readProseEvidence(structure: ReadmeStructure, hasSoftwareSigns: boolean): Evidence[] {
  if (hasSoftwareSigns || structure.proseWords < 700 || structure.codeLines.length > 10) return [];
  return [
    {
      kind: "learning",
      source: "readme",
      weight: 1,
      text: "a README of long prose with no install or usage section",
    },
  ];
}
