import type { Evidence } from "@/server/filtering/non-project-evidence";
import type { RepoContents } from "@/shared/repo-contents";
import { readFolderCatalogEvidence } from "@/server/filtering/read-folder-catalog";
import type { LearningFlavour } from "@/server/filtering/non-project-cues";
import {
  readTableOfContentsEvidence,
  readNumberedSectionEvidence,
  readProseEvidence,
  readJudgeProblemEvidence,
  readQuestionEvidence,
} from "@/server/filtering/read-readme-learning";
import {
  readReadmeStructure,
  withoutNumbering,
  type ReadmeItem,
  type ReadmeStructure,
} from "@/server/filtering/read-readme-structure";
import {
  findInstallCommands,
  findOwnImport,
  projectSetup,
  readBadges,
} from "@/server/filtering/readme-code-cues";
import {
  handInSections,
  learningSections,
  readNumberedUnit,
  readSoftwareSection,
  readUnitColumn,
  unitFlavours,
  type UnitKind,
} from "@/server/filtering/readme-structure-cues";

/**
 * The README stage: structure that metadata cannot show, in any language. Link lists are mostly list
 * items that are only a link with a short gloss; courses and books have numbered lesson, chapter, day or
 * week units, a table of contents of their own pages, exercise sections or banks of questions. Software
 * has an install command for a named package, usage, API or configuration sections, registry and CI
 * badges, and example code importing itself. Only structure is read, never prose, so a README that merely
 * mentions "tutorials" proves nothing either way.
 */

/** An item that is a link and at most a short gloss: "[Name](url) - what it is", "Airbnb https://…". */
const linkOnlyItem =
  /^(?:\[[ xX]\]\s*)?(?::[a-z0-9_+-]{1,30}:[ \t]{0,3}|\p{Extended_Pictographic}\uFE0F?[ \t]{0,3}){0,2}(?:\*\*|__|_|\*)?(?:\[[^\]]+\]\([^)\s]+(?:\s+"[^"]*")?\)|<?https?:\/\/\S+>?|[\w .&'’+-]{1,40}\s+<?https?:\/\/\S+>?$)/u;
const awesomeBadge = /awesome\.re\/badge|sindresorhus\/awesome\/[^)\s]{0,200}badge/;
const numberedFirstCell = /^\|[ \t]{0,3}\[?[ \t]{0,3}0{0,3}(\d{1,3})(?![\p{L}\p{N}])/u;
const separatorRow = /^\|[\s:|-]*$/;

function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** A name's words, in order of first appearance: "eslint-config-rocketseat" → eslint, config, rocketseat. */
function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a command installs a scoped package made of the repository's own words, in whatever order:
 * "eslint-config-rocketseat" publishes "@rocketseat/eslint-config".
 */
function installsScopedSelf(command: string, repoName: string): boolean {
  const own = nameWords(repoName).sort().join(" ");
  if (own.split(" ").length < 2) return false;
  for (const [, scope = "", name = ""] of command.matchAll(/@([\w.-]{1,60})\/([\w.-]{1,100})/g))
    if (nameWords(`${scope}-${name}`).sort().join(" ") === own) return true;
  return false;
}

/** The whole command line around a match, without a shell prompt, at most 60 characters. */
function quoteCommand(text: string, end: number): string {
  const lineStart = text.lastIndexOf("\n", end - 1) + 1;
  const lineEnd = text.indexOf("\n", end);
  const line = text
    .slice(lineStart, Math.min(lineEnd === -1 ? text.length : lineEnd, lineStart + 400))
    .replace(/^\s{0,40}(?:[$>]\s{0,4})?/, "")
    .replace(/`/g, "")
    .trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** How much a share of bare links weighs: a list of links has most of its items bare, and many of them. */
function linkListWeight(linkItems: number, listItems: number): number {
  const share = listItems === 0 ? 0 : linkItems / listItems;
  return linkItems >= 8 && share >= 0.5 ? 3 : linkItems >= 4 && share >= 0.6 ? 1.5 : 0;
}

function readLinkListEvidence(structure: ReadmeStructure): Evidence[] {
  const isLink = (item: ReadmeItem) => item.paragraph || linkOnlyItem.test(item.text);
  // An in-page table of contents ("- [Install](#install)") links to no resource: it only counts along
  // with a list of links elsewhere, or every software README with a long contents would be a link list.
  const elsewhere = structure.items.filter((item) => !item.links[0]?.target.startsWith("#"));
  if (linkListWeight(elsewhere.filter(isLink).length, elsewhere.length) === 0) return [];
  const listItems = structure.items.length;
  const linkItems = structure.items.filter(isLink).length;
  const text = `${linkItems} of ${listItems} README list items are bare links`;
  return [{ kind: "link-list", source: "readme", weight: linkListWeight(linkItems, listItems), text }];
}

/** Numbered units in headings, list items and table rows: "Lesson 3", "Day 01", "第1章", "Урок 3". */
function readUnitEvidence(structure: ReadmeStructure): Evidence[] {
  const units = new Map<UnitKind, Set<number>>();
  const add = (kind: UnitKind, number: number) => units.set(kind, (units.get(kind) ?? new Set()).add(number));
  for (const heading of structure.headings) {
    const unit = readNumberedUnit(heading.normalized);
    if (unit) add(unit.kind, unit.number);
  }
  for (const item of structure.items) {
    const unit = item.paragraph ? null : readNumberedUnit(item.text);
    // A unit named deep in an item is usually a reference ("see lesson 3"), not the item itself.
    if (unit && unit.index < 12) add(unit.kind, unit.number);
  }
  for (const table of structure.tables) {
    const [first, second] = table.header.map((cell) => cell.trim());
    const column =
      readUnitColumn(first ?? "") ??
      (/^(?:#|no\.?|№|)$/i.test(first ?? "") ? readUnitColumn(second ?? "") : null);
    table.lines.forEach((line, row) => {
      if (row === 0 && column) return;
      if (separatorRow.test(line)) return;
      const numbered = column ? numberedFirstCell.exec(line) : null;
      if (column && numbered?.[1]) add(column, Number(numbered[1]));
      const unit = readNumberedUnit(line);
      if (unit) add(unit.kind, unit.number);
    });
  }
  let best: { kind: UnitKind; count: number } | null = null;
  for (const [kind, numbers] of units)
    if (!best || numbers.size > best.count) best = { kind, count: numbers.size };
  if (!best || best.count < 2) return [];
  return [
    {
      kind: "learning",
      source: "readme",
      weight: best.count >= 5 ? 3 : best.count >= 3 ? 2.5 : 1,
      flavour: unitFlavours[best.kind],
      text: `${best.count} numbered ${best.kind} units in the README`,
    },
  ];
}

type Sections = {
  learning: Map<LearningFlavour, string>;
  /** Whether the course section quoted is one that tells a student how to hand the work in. */
  handIn: boolean;
  software: Map<string, { text: string; weight: number }>;
};

/** A heading as a reason quotes it: without the emoji or symbols it opens with ("🚀 快速开始"). */
function quotable(heading: string): string {
  return heading.replace(/^[^\p{L}\p{N}]{1,20}/u, "") || heading;
}

/** Named sections; a heading that is a numbered unit counts once, as a unit, not also as a section. */
function readSections(structure: ReadmeStructure): Sections {
  const sections: Sections = { learning: new Map(), handIn: false, software: new Map() };
  for (const heading of structure.headings) {
    if (readNumberedUnit(heading.normalized)) continue;
    const name = withoutNumbering(heading.normalized);
    const learning = learningSections.find(([pattern]) => pattern.test(name));
    if (learning) {
      // The hand-in is the course section quoted, as it says the most: the repository is the assignment.
      const handIn = !sections.handIn && handInSections.some((pattern) => pattern.test(name));
      if (handIn || !sections.learning.has(learning[1]))
        sections.learning.set(learning[1], quotable(heading.text));
      sections.handIn ||= handIn;
      continue;
    }
    const strength = readSoftwareSection(name);
    if (strength && !sections.software.has(name))
      sections.software.set(name, {
        text: quotable(heading.text),
        weight: strength === "strong" ? 0.75 : 0.25,
      });
  }
  return sections;
}

function readSoftwareEvidence(structure: ReadmeStructure, repoName: string, sections: Sections): Evidence[] {
  const evidence: Evidence[] = [];
  const { text } = structure;
  const installs = findInstallCommands(text);
  const ownName = normalizeName(repoName);
  const installsItself = installs.find(
    (match) =>
      (ownName.length >= 3 && normalizeName(match.command).includes(ownName)) ||
      installsScopedSelf(match.command, repoName),
  );
  const install = installsItself ?? installs[0];
  const setup = install ? null : projectSetup.exec(text);
  const end = install ? install.end : setup ? setup.index + setup[0].length : null;
  if (end !== null) {
    const what = installsItself ? "an install command" : "a set-up command";
    evidence.push({
      kind: "software",
      source: "readme",
      weight: installsItself ? 2.5 : 1,
      text: `${what} ('${quoteCommand(text, end)}') in the README`,
      ...(installsItself ? { published: true as const } : {}),
    });
  }
  // "Getting started" and "Contributing" are in courses and lists as often: they only add to real sections.
  const named = [...sections.software.values()];
  const software = named.some((section) => section.weight >= 0.75) ? named : [];
  if (software.length > 0)
    evidence.push({
      kind: "software",
      source: "readme",
      weight: Math.min(
        2.5,
        software.reduce((sum, section) => sum + section.weight, 0),
      ),
      text: `README sections ${software.map((section) => `'${section.text}'`).join(", ")}`,
    });
  const badges = readBadges(structure.imageUrls);
  if (badges.registries.length > 0) {
    const [first, ...more] = badges.registries;
    const names =
      more.length === 0
        ? (first ?? "")
        : `${badges.registries.slice(0, -1).join(", ")} and ${more.at(-1) ?? ""}`;
    evidence.push({
      kind: "software",
      source: "readme",
      weight: more.length === 0 ? 1 : 1.5,
      text: `${more.length === 0 ? "a badge" : "badges"} of ${names}`,
    });
  }
  if (badges.ci || badges.coverage)
    evidence.push({
      kind: "software",
      source: "readme",
      weight: badges.ci && badges.coverage ? 0.75 : 0.5,
      text:
        badges.ci && badges.coverage
          ? "CI and coverage badges"
          : badges.ci
            ? "a CI badge"
            : "a coverage badge",
    });
  const ownImport = findOwnImport(structure.codeLines, repoName);
  if (ownImport)
    evidence.push({
      kind: "software",
      source: "readme",
      weight: 2,
      text: `example code importing '${ownImport}'`,
    });
  return evidence;
}

/** The README's evidence; with the tree known, also whether it indexes the repository's own folders. */
export function readReadmeEvidence(
  readme: string,
  repoName: string,
  contents: RepoContents | null = null,
): Evidence[] {
  const structure = readReadmeStructure(readme);
  const sections = readSections(structure);
  const software = readSoftwareEvidence(structure, repoName, sections);
  const learningSectionEvidence = [...sections.learning].map(([flavour, heading]): Evidence => ({
    kind: "learning",
    source: "readme",
    weight: 1.25,
    flavour,
    text: `a README section '${heading}'`,
    ...(flavour === "course" && sections.handIn ? { handIn: true as const } : {}),
  }));
  const awesome: Evidence[] = awesomeBadge.test(structure.text)
    ? [{ kind: "link-list", source: "readme", weight: 1, text: "an awesome-list badge" }]
    : [];
  const hasSoftwareSigns = software.some((item) => item.weight >= 0.75);
  return [
    ...readLinkListEvidence(structure),
    ...readUnitEvidence(structure),
    // Two readings of the same links (pages, or whole folders): the stronger one counts.
    ...stronger(
      readTableOfContentsEvidence(structure, repoName),
      readFolderCatalogEvidence({ readme: structure.text, contents, repoName }),
    ),
    ...learningSectionEvidence,
    ...readQuestionEvidence(structure),
    ...readJudgeProblemEvidence(structure),
    ...readNumberedSectionEvidence(structure),
    ...readProseEvidence(structure, hasSoftwareSigns),
    ...awesome,
    ...software,
  ];
}

function stronger(first: Evidence[], second: Evidence[]): Evidence[] {
  const total = (evidence: Evidence[]) => evidence.reduce((sum, item) => sum + item.weight, 0);
  return total(second) > total(first) ? second : first;
}
