import type { Evidence } from "@/server/filtering/non-project-evidence";
import type { LearningFlavour } from "@/server/filtering/non-project-cues";

/**
 * The README stage: structure that metadata cannot show. Link lists are mostly list items that are only a
 * link with a short gloss; courses and books have numbered lesson, chapter, day or week units and
 * exercise or solution sections. Software has an install command for a named package, and usage, API or
 * configuration sections. Only structure is read, never prose, so a README that merely mentions
 * "tutorials" proves nothing either way.
 */

const headingLine = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
const listItemLine = /^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;
const fenceLine = /^\s*(?:```|~~~)/;

/** An item that is a link and at most a short gloss: "[Name](url) - what it is", "Airbnb https://…". */
const linkOnlyItem =
  /^(?:\[[ xX]\]\s*)?(?:\*\*|__|_|\*)?(?:\[[^\]]+\]\([^)\s]+(?:\s+"[^"]*")?\)|<?https?:\/\/\S+>?|[\w .&'’+-]{1,40}\s+<?https?:\/\/\S+>?$)/;
/** A paragraph that opens with a link, as in lists written without bullets. */
const linkParagraph = /^\[[^\]]+\]\(https?:[^)\s]+\)/;

const unitPattern =
  /\b(lesson|chapter|ch|day|week|module|unit|lecture|session|lab|class|exercise|problem|assignment|quiz)\s*[.:#-]?\s*0*(\d{1,3})\b/i;
const unitFlavours: Record<string, LearningFlavour> = {
  lesson: "course",
  module: "course",
  unit: "course",
  lecture: "course",
  session: "course",
  lab: "course",
  class: "course",
  week: "course",
  assignment: "course",
  quiz: "course",
  exercise: "exercises",
  problem: "exercises",
  chapter: "book",
  ch: "book",
  day: "challenge",
};
const unitTableHeader = /^\|\s*#?\s*(lesson|chapter|day|week|module|lecture)s?\b/i;

const learningSections: ReadonlyArray<readonly [RegExp, LearningFlavour]> = [
  [/^(?:exercises?|exercise solutions|practice|problems)\b/, "exercises"],
  [/^solutions?\b/, "solutions"],
  [/^(?:homework|assignments?|quiz(?:zes)?|labs|lessons|lectures|syllabus|curriculum)\b/, "course"],
  [/^course (?:outline|content|contents|structure|overview|schedule)\b/, "course"],
  [/^(?:what you(?:'|’)?ll learn|what you will learn|learning (?:objectives|outcomes|path))\b/, "course"],
  [/^chapters?\b/, "book"],
];

const softwareSections =
  /^(?:install|installation|installing|usage|api|api reference|configuration|config|options|cli|command line|commands|available commands|benchmarks?|changelog|plugins|integrations|build(?:ing)? from source|compatibility|supported platforms|features|quick ?start)\b/;

/**
 * A command that installs a package. Installing the repository itself (`pip install flask` in Flask's
 * README) is what users of software do; installing something else (`apt install git`) is a set-up step
 * that courses have too. Horizontal space only: a command never continues on the next line.
 */
const installCommand =
  /(?:^|[\s`$>])(?:npm[ \t]+(?:i|install|add)|npx|yarn[ \t]+(?:global[ \t]+)?add|pnpm[ \t]+(?:add|i)|pip3?[ \t]+install|pipx[ \t]+install|uv[ \t]+(?:add|tool[ \t]+install)|conda[ \t]+install|cargo[ \t]+(?:install|add)|go[ \t]+(?:install|get)|brew[ \t]+install|(?:sudo[ \t]+)?apt(?:-get)?[ \t]+install|gem[ \t]+install|composer[ \t]+require|dotnet[ \t]+(?:add[ \t]+package|tool[ \t]+install)|Install-Package|docker[ \t]+(?:run|pull)|helm[ \t]+install|snap[ \t]+install|winget[ \t]+install|scoop[ \t]+install|install\.packages\()(?=[ \t("'])(?![ \t]+-(?:r|e)\b)(?![ \t]+\.)[^\n]*/g;
/** Set-up commands: any runnable repository has them, courses included, so they weigh little. */
const projectSetup =
  /(?:^|[\s`$>])(?:npm[ \t]+(?:i|install|ci)[ \t]*$|yarn(?:[ \t]+install)?[ \t]*$|bundle[ \t]+install|composer[ \t]+install|pip3?[ \t]+install[ \t]+-r|docker[ \t]+compose[ \t]+up|docker-compose[ \t]+up|make[ \t]+install|cargo[ \t]+build|go[ \t]+build)/m;
const packageBadge =
  /img\.shields\.io\/(?:npm|pypi|crates|nuget|gem|packagist|docker|homebrew|vscode-marketplace|chrome-web-store)|badge\.fury\.io|pkg\.go\.dev\/badge|docs\.rs\/[\w-]+\/badge/;
const awesomeBadge = /awesome\.re\/badge|sindresorhus\/awesome\/[^)]*badge/;

function normalizeHeading(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[^\p{L}\p{N}'’ -]+/gu, " ")
    .trim()
    .toLowerCase();
}

/** The whole command line around a match, without a shell prompt, at most 60 characters. */
function quoteCommand(text: string, end: number): string {
  const lineStart = text.lastIndexOf("\n", end - 1) + 1;
  const lineEnd = text.indexOf("\n", end);
  const line = text
    .slice(lineStart, lineEnd === -1 ? undefined : lineEnd)
    .replace(/^\s*(?:[$>]\s*)?/, "")
    .replace(/`/g, "")
    .trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function percent(part: number, whole: number): string {
  return `${part} of ${whole}`;
}

function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

export function readReadmeEvidence(readme: string, repoName: string): Evidence[] {
  const evidence: Evidence[] = [];
  const lines = readme.split(/\r?\n/);
  let inFence = false;
  let listItems = 0;
  let linkItems = 0;
  const units = new Map<string, Set<string>>();
  const learningHeadings = new Map<LearningFlavour, string[]>();
  const softwareHeadings: string[] = [];
  let tableUnitKind: string | null = null;

  const addUnit = (kind: string, number: string) => {
    const key = kind.toLowerCase();
    const seen = units.get(key) ?? new Set<string>();
    seen.add(number);
    units.set(key, seen);
  };

  for (const line of lines) {
    if (fenceLine.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;

    const heading = headingLine.exec(line);
    if (heading) {
      tableUnitKind = null;
      const original = (heading[2] ?? "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").trim();
      const text = normalizeHeading(original);
      const unit = unitPattern.exec(text);
      if (unit?.[1] && unit[2]) {
        // A numbered unit counts once, as a unit, not also as a section.
        addUnit(unit[1], unit[2]);
        continue;
      }
      const learningSection = learningSections.find(([pattern]) => pattern.test(text));
      if (learningSection) {
        const [, flavour] = learningSection;
        learningHeadings.set(flavour, [...(learningHeadings.get(flavour) ?? []), original]);
      } else if (softwareSections.test(text)) softwareHeadings.push(original);
      continue;
    }

    const tableHeader = unitTableHeader.exec(line);
    if (tableHeader?.[1]) {
      tableUnitKind = tableHeader[1];
      continue;
    }
    if (line.trimStart().startsWith("|")) {
      const firstCell = /^\s*\|\s*\[?\s*0*(\d{1,3})\b/.exec(line);
      if (tableUnitKind && firstCell?.[1]) addUnit(tableUnitKind, firstCell[1]);
      const unit = unitPattern.exec(line);
      if (unit?.[1] && unit[2]) addUnit(unit[1], unit[2]);
      continue;
    }
    tableUnitKind = null;

    const item = listItemLine.exec(line);
    if (item) {
      const content = (item[1] ?? "").trim();
      listItems += 1;
      if (linkOnlyItem.test(content)) linkItems += 1;
      const unit = unitPattern.exec(content);
      if (unit?.[1] && unit[2] && unit.index < 12) addUnit(unit[1], unit[2]);
    } else if (linkParagraph.test(line.trim())) {
      listItems += 1;
      linkItems += 1;
    }
  }

  const linkShare = listItems === 0 ? 0 : linkItems / listItems;
  if (linkItems >= 8 && linkShare >= 0.5)
    evidence.push({
      kind: "link-list",
      source: "readme",
      weight: 3,
      text: `${percent(linkItems, listItems)} README list items are bare links`,
    });
  else if (linkItems >= 4 && linkShare >= 0.6)
    evidence.push({
      kind: "link-list",
      source: "readme",
      weight: 1.5,
      text: `${percent(linkItems, listItems)} README list items are bare links`,
    });

  let bestUnit: { kind: string; count: number } | null = null;
  for (const [kind, numbers] of units) {
    if (!bestUnit || numbers.size > bestUnit.count) bestUnit = { kind, count: numbers.size };
  }
  if (bestUnit && bestUnit.count >= 2) {
    evidence.push({
      kind: "learning",
      source: "readme",
      weight: bestUnit.count >= 5 ? 3 : bestUnit.count >= 3 ? 2.5 : 1,
      flavour: unitFlavours[bestUnit.kind] ?? "course",
      text: `${bestUnit.count} numbered ${bestUnit.kind} units in the README`,
    });
  }

  for (const [flavour, headings] of learningHeadings) {
    evidence.push({
      kind: "learning",
      source: "readme",
      weight: 1.25,
      flavour,
      text: `a README section '${headings[0] ?? flavour}'`,
    });
  }
  if (awesomeBadge.test(readme))
    evidence.push({ kind: "link-list", source: "readme", weight: 1, text: "an awesome-list badge" });

  const installs = [...readme.matchAll(installCommand)];
  const ownName = normalizeName(repoName);
  const installsItself = installs.find(
    (match) => ownName.length >= 3 && normalizeName(match[0]).includes(ownName),
  );
  const install = installsItself ?? installs[0];
  const setup = install ? undefined : projectSetup.exec(readme);
  if (install || setup) {
    const match = install ?? setup;
    evidence.push({
      kind: "software",
      source: "readme",
      weight: installsItself ? 2.5 : 1,
      text: `${installsItself ? "an install command" : "a set-up command"} ('${quoteCommand(readme, (match?.index ?? 0) + (match?.[0].length ?? 0))}') in the README`,
    });
  }
  const distinctSoftwareHeadings = [
    ...new Map(softwareHeadings.map((heading) => [heading.toLowerCase(), heading])).values(),
  ];
  if (distinctSoftwareHeadings.length > 0) {
    evidence.push({
      kind: "software",
      source: "readme",
      weight: Math.min(2.5, 0.75 * distinctSoftwareHeadings.length),
      text: `README sections ${distinctSoftwareHeadings.map((heading) => `'${heading}'`).join(", ")}`,
    });
  }
  if (packageBadge.test(readme))
    evidence.push({ kind: "software", source: "readme", weight: 1, text: "a package-registry badge" });
  return evidence;
}
