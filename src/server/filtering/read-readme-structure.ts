import { faqSection } from "@/server/filtering/readme-structure-cues";

/**
 * One pass over a README's lines into the blocks the README stage weighs: headings, list items, tables,
 * fenced code, prose and the images outside lists. Only the first MAX_README_CHARS characters, and the
 * first MAX_LINE_CHARS of each line, are read; every pattern here is anchored or bounded, so a huge or
 * hostile README (100 KB on one line, thousands of unclosed brackets) costs linear time.
 */

export const MAX_README_CHARS = 200_000;
const MAX_LINE_CHARS = 2_000;
const MAX_CODE_LINES = 3_000;
const MAX_IMAGES = 200;

export type ReadmeLink = { text: string; target: string };

export type ReadmeHeading = {
  level: number;
  /** The heading as written, links reduced to their text. */
  text: string;
  /** Lower case, letters, digits and spaces only (see normalizeHeading). */
  normalized: string;
  /** Under a FAQ or troubleshooting heading, where questions are a software's FAQ. */
  inFaq: boolean;
  /** "## [Chapter 2](ch2.md)": a table of contents may be written as linked headings. */
  link: ReadmeLink | null;
};

export type ReadmeItem = {
  /** The item's text after its marker ("- ", "1. "), or the whole line of a paragraph opening with a link. */
  text: string;
  ordered: boolean;
  /** A paragraph that opens with a link, as in lists written without bullets. */
  paragraph: boolean;
  links: ReadmeLink[];
  inFaq: boolean;
};

export type ReadmeTable = { lines: string[]; header: string[]; links: ReadmeLink[][] };

export type ReadmeStructure = {
  /** The README as read, cut at MAX_README_CHARS. */
  text: string;
  headings: ReadmeHeading[];
  items: ReadmeItem[];
  tables: ReadmeTable[];
  codeLines: string[];
  /** Image addresses outside lists: where a project's own badges are. */
  imageUrls: string[];
  proseWords: number;
};

const listMarker = /^(?:[-*+]|(\d{1,3})[.)])[ \t]+/;
const linkParagraph = /^\[[^\]]+\]\(https?:[^)\s]+\)/;
/** "[text](target)", not an image; the text holds no bracket, so each "[" is scanned at most 300 characters. */
const markdownLink = /(?<!!)\[([^\][\n]{0,300})\]\([ \t]{0,2}<?([^()\s<>]{1,600})/g;
const markdownImage = /!\[[^\][\n]{0,300}\]\([ \t]{0,2}<?([^()\s<>]{1,600})/g;
const htmlImage = /<img\b[^<>]{0,600}?\bsrc=["']?([^"'\s<>]{1,600})/gi;
const htmlTag = /<[^<>]{0,600}>/g;
const htmlHeading = /^<h([1-6])\b[^<>]{0,300}>/i;
const cjkChar = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;
const otherWord = /[^\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+/g;

export function readLinks(text: string, limit = 4): ReadmeLink[] {
  const links: ReadmeLink[] = [];
  for (const match of text.matchAll(markdownLink)) {
    links.push({ text: match[1] ?? "", target: match[2] ?? "" });
    if (links.length >= limit) break;
  }
  return links;
}

const linkScheme = /^(?:[a-z][a-z0-9+.-]{1,20}:|\/\/)/i;

/**
 * Where a README link points inside the repository itself ("ch01.md", "./day-3/", its own
 * `github.com/<owner>/<repo>/blob/<ref>/…` URL), without fragment, query or leading "./"; null for
 * another site or another repository.
 */
export function ownRepoPath(linkTarget: string, repoName: string): string | null {
  let target = linkTarget.replace(/[#?].{0,600}$/, "");
  if (linkScheme.test(target)) {
    const at = target.toLowerCase().indexOf("github.com/");
    if (at === -1) return null;
    const [, repo, kind, , ...rest] = target.slice(at + "github.com/".length).split("/");
    if (repo?.toLowerCase() !== repoName.toLowerCase() || (kind !== "blob" && kind !== "tree")) return null;
    target = rest.join("/");
  }
  return target.replace(/^(?:\.\/|\/)+/, "");
}

const wholeLink = /\[([^\][\n]{0,300})\]\([^()\n]{0,600}\)/g;
const wholeImage = /!\[[^\][\n]{0,300}\]\([^()\n]{0,600}\)/g;

/** Plain text: images and tags dropped, links reduced to their text. */
export function plainText(text: string): string {
  return text.replace(wholeImage, " ").replace(htmlTag, " ").replace(wholeLink, "$1").trim();
}

/** Lower case, letters, digits, apostrophes, spaces and hyphens only. */
export function normalizeHeading(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}'’ -]+/gu, " ")
    .replace(/ {2,}/g, " ")
    .trim()
    .toLowerCase();
}

/** A normalized heading without its numbering: "1.2 installation" → "installation", "二 配置" → "配置". */
export function withoutNumbering(normalized: string): string {
  return normalized.replace(/^(?:[\d .-]{1,12}|[一二三四五六七八九十]{1,3} )(?=\p{L})/u, "");
}

function countWords(line: string): number {
  const cjk = line.match(cjkChar)?.length ?? 0;
  return (line.match(otherWord)?.length ?? 0) + Math.round(cjk / 2);
}

/** "# Title #" → [1, "Title"]: by hand, since a regex with two spans of optional spaces backtracks. */
function readAtxHeading(line: string): [number, string] | null {
  const start = line.length - line.trimStart().length;
  if (start > 3) return null;
  let level = 0;
  while (line[start + level] === "#" && level < 7) level += 1;
  if (level === 0 || level > 6) return null;
  const after = line[start + level];
  if (after !== undefined && after !== " " && after !== "\t") return null;
  let text = line.slice(start + level).trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end -= 1;
  if (end < text.length && (end === 0 || text[end - 1] === " " || text[end - 1] === "\t"))
    text = text.slice(0, end).trim();
  return [level, text];
}

export function readReadmeStructure(readme: string): ReadmeStructure {
  const text = readme.length > MAX_README_CHARS ? readme.slice(0, MAX_README_CHARS) : readme;
  const structure: ReadmeStructure = {
    text,
    headings: [],
    items: [],
    tables: [],
    codeLines: [],
    imageUrls: [],
    proseWords: 0,
  };
  let fence: string | null = null;
  /** The level of the FAQ heading the lines are under; an object, since addHeading changes it. */
  const faq: { level: number | null } = { level: null };
  let table: ReadmeTable | null = null;
  /** The words of the previous line when it was prose, in case an underline makes it a heading. */
  let previousProse: { text: string; words: number } | null = null;

  const addHeading = (level: number, written: string) => {
    const plain = plainText(written);
    const normalized = normalizeHeading(plain);
    if (faq.level !== null && level <= faq.level) faq.level = null;
    const link = readLinks(written, 1)[0] ?? null;
    structure.headings.push({ level, text: plain, normalized, inFaq: faq.level !== null, link });
    if (faq.level === null && faqSection.test(normalized)) faq.level = level;
  };
  const addImages = (line: string) => {
    if (structure.imageUrls.length >= MAX_IMAGES || (!line.includes("![") && !/<img/i.test(line))) return;
    for (const match of line.matchAll(markdownImage)) structure.imageUrls.push(match[1] ?? "");
    for (const match of line.matchAll(htmlImage)) structure.imageUrls.push(match[1] ?? "");
  };

  for (const rawLine of text.split("\n")) {
    const line = (rawLine.length > MAX_LINE_CHARS ? rawLine.slice(0, MAX_LINE_CHARS) : rawLine).replace(
      /\r$/,
      "",
    );
    const trimmed = line.trim();
    if (fence !== null) {
      if (trimmed.startsWith(fence)) fence = null;
      else if (structure.codeLines.length < MAX_CODE_LINES) structure.codeLines.push(line);
      continue;
    }
    if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
      fence = trimmed.slice(0, 3);
      previousProse = null;
      table = null;
      continue;
    }
    const prose = previousProse;
    previousProse = null;
    if (trimmed === "") {
      table = null;
      continue;
    }

    if (trimmed.startsWith("|")) {
      const cells = trimmed.replace(/^\||\|$/g, "").split("|");
      if (table === null) {
        table = { lines: [], header: cells.map((cell) => plainText(cell)), links: [] };
        structure.tables.push(table);
      }
      table.lines.push(trimmed);
      table.links.push(readLinks(trimmed, 6));
      // Badge tables ("| Package | Version |") are a monorepo's; images in lists are often the entries'.
      addImages(trimmed);
      continue;
    }
    table = null;

    // "Title\n=====": the underline turns the prose line before it into a heading.
    if (prose && /^(?:=+|-+)$/.test(trimmed)) {
      structure.proseWords -= prose.words;
      addHeading(trimmed.startsWith("=") ? 1 : 2, prose.text);
      continue;
    }
    const atx = readAtxHeading(line);
    if (atx) {
      addHeading(atx[0], atx[1]);
      continue;
    }
    const html = htmlHeading.exec(trimmed);
    if (html?.[1]) {
      const written = trimmed.slice(html[0].length).replace(htmlTag, " ").trim();
      addImages(trimmed);
      if (written !== "") addHeading(Number(html[1]), written);
      continue;
    }

    const item = listMarker.exec(trimmed);
    if (item) {
      const content = trimmed.slice(item[0].length).trim();
      structure.items.push({
        text: content,
        ordered: item[1] !== undefined,
        paragraph: false,
        links: readLinks(content),
        inFaq: faq.level !== null,
      });
      continue;
    }
    addImages(trimmed);
    if (linkParagraph.test(trimmed)) {
      structure.items.push({
        text: trimmed,
        ordered: false,
        paragraph: true,
        links: readLinks(trimmed),
        inFaq: faq.level !== null,
      });
      continue;
    }
    if (trimmed.startsWith("<") || trimmed.startsWith("![") || trimmed.startsWith("[![")) continue;
    const words = countWords(plainText(trimmed.replace(/^>[ \t]?/, "")));
    structure.proseWords += words;
    previousProse = { text: trimmed, words };
  }
  return structure;
}

/** A line that is only a link, and a badge or a picture (linked or not), each bounded as readLinks' are. */
const bareLink = /^<?https?:\/\/\S+>?$/;
const badgeOrPicture = /\[?!\[[^\]\n]{0,300}\]\([^)\n]{0,600}\)(?:\]\([^)\n]{0,600}\))?/g;

/**
 * "# Lap-trinh-co-ban-C-Sharp" and nothing more says no more than no README; nor does a title with only a
 * bare link or badges under it ("# gRPC-nyumon\n\nhttps://github.com/…/go-grpc-basics"). Read line by
 * line, so that a long line costs its length, not its square.
 */
export function saysOnlyItsTitle(readme: string): boolean {
  return readme.split("\n").every((line) => {
    const text = line.trim();
    return (
      text === "" ||
      text.startsWith("#") ||
      bareLink.test(text) ||
      text.replace(badgeOrPicture, "").trim() === ""
    );
  });
}
