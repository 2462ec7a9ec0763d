/**
 * Just enough Markdown structure for the built-in analyzer: headings, their sections and list items,
 * so that contribution ideas can come from a README's own roadmap, TODO, open-problems or contributing
 * sections. Fenced code is skipped, and prose is not kept: nothing reads it.
 */

export type ReadmeListItem = {
  text: string;
  /** A task-list item, "- [ ] …" (false) or "- [x] …" (true); null for an ordinary item. */
  checked: boolean | null;
};

export type ReadmeSection = {
  heading: string;
  /** 1..6; 0 for the text before the first heading. */
  level: number;
  items: ReadmeListItem[];
};

export type ContributionSectionKind = "roadmap" | "todo" | "open-problems" | "contributing";

export type ContributionIdea = { kind: ContributionSectionKind; heading: string; text: string };

const sectionKindPatterns: ReadonlyArray<readonly [RegExp, ContributionSectionKind]> = [
  [/^(?:to-?do|todos|to do|tasks?)\b/, "todo"],
  [
    /^(?:roadmap|planned|plans|future|upcoming|next steps|what'?s next|wish ?list|ideas|milestones?)\b/,
    "roadmap",
  ],
  [
    /^(?:open (?:problems|questions|issues)|known (?:issues|limitations|bugs)|limitations|help needed)\b/,
    "open-problems",
  ],
  [/^(?:contribut|how to (?:help|contribute)|help wanted|get(?:ting)? involved|development)/, "contributing"],
];

/** Workflow steps ("Fork the repo", "Open a pull request") are not things to work on. */
const workflowStep =
  /^(?:please\s+)?(?:fork|clone|create (?:a |your )?(?:new )?(?:feature )?branch|check ?out|commit|push|open (?:a |an )?(?:pr|pull request)|submit (?:a |your )?(?:pr|pull request)|make (?:a |your )?(?:pr|pull request|changes)|install|run |read |sign |follow |be (?:nice|kind|respectful)|star )/i;

/** README text is untrusted: never repeat something addressed to an AI as if it were a task. */
const injectionLike =
  /\b(?:ignore (?:all |any )?(?:previous|prior|above|earlier) instructions|system prompt|you are an? (?:ai|assistant|language model)|score of 10)\b/i;

const MAX_IDEA_CHARS = 140;

/** Strips inline Markdown and HTML so an item reads as plain text. */
export function stripInlineMarkdown(text: string): string {
  // Most README lines carry no markup; skip the regex chain for them.
  if (!/[[\]<`*_!]/.test(text)) return text.replace(/\s+/g, " ").trim();
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>]{0,200}>/g, "")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function classifyHeading(heading: string): ContributionSectionKind | null {
  const normalized = heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [pattern, kind] of sectionKindPatterns) if (pattern.test(normalized)) return kind;
  return null;
}

/** Splits a README into sections at ATX (`## Title`) and setext (`Title` / `---`) headings. */
export function parseReadmeSections(markdown: string): ReadmeSection[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const sections: ReadmeSection[] = [{ heading: "", level: 0, items: [] }];
  let fence: string | null = null;

  const current = (): ReadmeSection => sections[sections.length - 1] ?? { heading: "", level: 0, items: [] };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    const start = line.trimStart();
    if (start === "") continue;
    const fenceMatch = /^\s{0,3}(```|~~~)/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? "```";
      if (fence === null) fence = marker;
      else if (fence === marker) fence = null;
      continue;
    }
    if (fence !== null) continue;

    const atx = start.startsWith("#") ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (atx) {
      sections.push({ heading: stripInlineMarkdown(atx[2] ?? ""), level: (atx[1] ?? "#").length, items: [] });
      continue;
    }

    const item = /^(?:[-*+]|\d{1,9}[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(start);
    if (item) {
      const text = stripInlineMarkdown(item[2] ?? "");
      if (text !== "") {
        const box = item[1];
        current().items.push({ text, checked: box === undefined ? null : box.toLowerCase() === "x" });
      }
      continue;
    }

    // Other text lines matter only as the title line of a setext heading.
    const next = lines[index + 1] ?? "";
    const setext = /^[=-]/.test(next.trimStart()) ? /^\s{0,3}(=+|-+)\s*$/.exec(next) : null;
    if (setext && !/^[>|]/.test(start)) {
      sections.push({
        heading: stripInlineMarkdown(line),
        level: (setext[1] ?? "=").startsWith("=") ? 1 : 2,
        items: [],
      });
      index += 1;
    }
  }
  return sections.filter((section) => section.level > 0 || section.items.length > 0);
}

function shortenIdea(text: string): string {
  const trimmed = text.replace(/[\s:;,.]+$/, "");
  if (trimmed.length <= MAX_IDEA_CHARS) return trimmed;
  const cut = trimmed.slice(0, MAX_IDEA_CHARS - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > 60 ? cut.slice(0, lastSpace) : cut).replace(/[\s:;,.]+$/, "")}…`;
}

function isUsefulIdea(item: ReadmeListItem): boolean {
  if (item.checked === true) return false; // done already
  if (/^~~.*~~$/.test(item.text) || /\b(?:done|completed|shipped)\s*[)\]]?$/i.test(item.text)) return false;
  if (workflowStep.test(item.text) || injectionLike.test(item.text)) return false;
  const words = item.text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  return words.length >= 2;
}

/** Whether the README has a section telling newcomers how to contribute. */
export function hasContributingSection(sections: readonly ReadmeSection[]): boolean {
  return sections.some((section) => classifyHeading(section.heading) === "contributing");
}

/**
 * Open work items listed under roadmap, TODO, open-problems and contributing headings (their
 * sub-headings included), in that order of preference, without finished tasks or workflow steps.
 */
export function findContributionIdeas(options: {
  sections: readonly ReadmeSection[];
  max: number;
}): ContributionIdea[] {
  const { sections, max } = options;
  const found: ContributionIdea[] = [];
  let active: { kind: ContributionSectionKind; level: number; heading: string } | null = null;

  for (const section of sections) {
    if (active && section.level > 0 && section.level <= active.level) active = null;
    const kind = classifyHeading(section.heading);
    if (kind) active = { kind, level: section.level, heading: section.heading };
    if (!active) continue;
    for (const item of section.items) {
      if (isUsefulIdea(item))
        found.push({ kind: active.kind, heading: active.heading, text: shortenIdea(item.text) });
    }
  }

  const preference: ContributionSectionKind[] = ["roadmap", "todo", "open-problems", "contributing"];
  const seen = new Set<string>();
  return found
    .map((idea, position) => ({ idea, position }))
    .sort(
      (left, right) =>
        preference.indexOf(left.idea.kind) - preference.indexOf(right.idea.kind) ||
        left.position - right.position,
    )
    .map(({ idea }) => idea)
    .filter((idea) => {
      const key = idea.text.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, Math.max(0, max));
}
