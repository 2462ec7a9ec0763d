import type { Evidence } from "@/server/filtering/non-project-evidence";
import { readDescriptionEvidence } from "@/server/filtering/read-description-evidence";
import { plainText } from "@/server/filtering/read-readme-structure";
import { hasHeadFinalScript } from "@/server/filtering/tokenize-text";

/**
 * A README's title and first paragraph say what the repository is, the way a description does, and they
 * are there when the description is missing or terse ("Public notes page"). They are read with the
 * description's cues in any language, for less than a description weighs, since a README opening also
 * tells a story ("I wrote this while learning Rust").
 */

/** How much of the README is searched for its opening, and how much of the opening is read. */
const OPENING_LINES = 60;
const OPENING_CHARS = 300;
const OPENING_FACTOR = 0.6;
/**
 * All the opening's cues together weigh at most this: one paragraph that says "learn" three ways
 * ("Learn to Code RPG… to help you learn how to code") is still one paragraph.
 */
const OPENING_CAP = 3.5;

const frontMatter = /^\uFEFF?---[ \t]*\r?\n[^]{0,2000}?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** Markdown's and AsciiDoc's ("= course-java-core") headings. */
const headingLine = /^\s{0,3}(?:#{1,6}|={1,6})\s+(.*)$/;
const htmlHeadingLine = /^\s*<h[1-6]\b[^<>]{0,300}>(.*?)(?:<\/h[1-6]>)?\s*$/i;
/** The line under a Markdown or reStructuredText title that makes it one: "Title\n=====". */
const setextUnderline = /^\s*(?:={3,}|-{3,}|~{3,}|\^{3,})\s*$/;
/** Lines that are no prose: list items, tables, quotes, rules, images and badges, bare HTML, a bare link. */
const notProse =
  /^\s*(?:[-*+]\s|\d{1,3}[.)]\s|\||>|={3,}|-{3,}|!\[|\[!\[|<(?!h[1-6]\b)[^<>]{0,600}>\s*$|<?https?:\/\/\S+>?\s*$)/i;

/** A heading that introduces what follows: the opening goes on under it, in any language. */
const introHeading =
  /^(?:\p{Emoji_Presentation}\s*)?(?:about(?: (?:this|the) (?:project|repo|repository|book|course))?|what is (?:this|it)\??|introduction|intro|overview|description|简介|簡介|介绍|介紹|关于|關於|这是什么|這是什麼|前言|概要|はじめに|このリポジトリについて|소개|개요|sobre(?: o projeto| el proyecto)?|acerca de|introducci[óo]n|introdu[çc][ãa]o|descri[çc][ãa]o|descripci[óo]n|о проекте|описание|введение|giới thiệu)\s*[?？:：]?$/iu;

export type ReadmeOpening = { title: string | null; paragraph: string | null };

/** A line that only greets, naming no more than the repository: "Welcome to Itsy Bitsy Data Structures!". */
const greeting =
  /^[^\p{L}]*(?:(?:welcome to|bienvenid[oa]s? a|bem-vind[oa]s? (?:a|ao|à)|добро пожаловать в)(?:\s+[^\s.!]+){1,5}|hi|hello|hey)[\s!.,*👋]*$/iu;

/**
 * Long enough to say something: 12 characters of an alphabet, or 6 of Chinese, Japanese or Korean, whose
 * characters stand for a word or a syllable each ("자바 강의 예제 모음" is a Java lecture's examples).
 */
function isSentence(paragraph: string): boolean {
  return paragraph.length >= (hasHeadFinalScript(paragraph) ? 6 : 12);
}

/** The first heading and the first line of prose after it, outside code fences, within OPENING_LINES. */
export function readReadmeOpening(readme: string): ReadmeOpening {
  let title: string | null = null;
  let titleLevel = 1;
  let inFence = false;
  // A note app's or a site's YAML front matter ("---\ntags:\ntitle: README\n---") is no prose.
  const lines = readme.replace(frontMatter, "").split("\n", OPENING_LINES);
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
      inFence = !inFence;
      continue;
    }
    if (inFence || trimmed === "") continue;
    const underlinedHeading = setextUnderline.test(lines[index + 1] ?? "") && !notProse.test(line);
    const markdownHeading = headingLine.exec(line);
    const heading =
      markdownHeading?.[1] ?? htmlHeadingLine.exec(line)?.[1] ?? (underlinedHeading ? trimmed : undefined);
    if (heading !== undefined) {
      const level = markdownHeading
        ? (/^\s*(#+|=+)/.exec(line)?.[1]?.length ?? 1)
        : Number(/^\s*<h([1-6])/i.exec(line)?.[1] ?? 1);
      // The first heading is the title; the next one opens a section ("Install"), past the opening,
      // unless it only announces the opening ("## 这是什么？", "## About"), or is a title again: a notice
      // ("⚠️ Archived", "We moved") can stand above the README's own title.
      if (title !== null) {
        if (introHeading.test(plainText(heading).trim())) continue;
        if (level > titleLevel) break;
      }
      title = plainText(heading).trim().slice(0, OPENING_CHARS) || null;
      titleLevel = level;
      continue;
    }
    if (notProse.test(line)) continue;
    // Emphasis is no part of the words: "construída durante a **Semana DevSuperior**".
    const paragraph = plainText(trimmed)
      .replace(/\*\*|__/g, "")
      .trim();
    // "Welcome to Itsy Bitsy Data Structures!" greets the reader; what the repository is comes next.
    if (greeting.test(paragraph)) continue;
    if (isSentence(paragraph)) return { title, paragraph: paragraph.slice(0, OPENING_CHARS) };
  }
  return { title, paragraph: null };
}

/**
 * The opening's cues, less those the description already has: a README that repeats its description
 * ("Examples and tutorials for…") says nothing new.
 */
export function readReadmeOpeningEvidence(readme: string, description: string | null = null): Evidence[] {
  return readOpeningEvidence(readOpeningText(readme), description);
}

/** The title and the first paragraph as one text: "Pro Git 第2版. このリポジトリは…". */
export function readOpeningText(readme: string): string {
  const { title, paragraph } = readReadmeOpening(readme);
  return [title, paragraph].filter((part): part is string => part !== null).join(". ");
}

/** The opening's cues, once the opening has been read (see readOpeningText). */
export function readOpeningEvidence(opening: string, description: string | null): Evidence[] {
  if (opening === "") return [];
  const described = (description ?? "").toLowerCase();
  const repeated = (text: string) => described !== "" && described.includes(text.toLowerCase());
  const cues = readDescriptionEvidence(opening)
    // Only the signs of a non-project: an opening about building software ("write a tiny renderer")
    // names software words that the README's install and usage sections weigh better.
    .filter((item) => item.kind !== "software" && !repeated(item.text));
  const total = cues.reduce((sum, item) => sum + item.weight * OPENING_FACTOR, 0);
  // Every cue stays, each scaled down alike, so the kind of material it names still counts.
  const factor = total > OPENING_CAP ? (OPENING_FACTOR * OPENING_CAP) / total : OPENING_FACTOR;
  return cues.map((item) => ({
    ...item,
    source: "readme",
    weight: item.weight * factor,
    text: `'${item.text}' in the README's opening`,
  }));
}
