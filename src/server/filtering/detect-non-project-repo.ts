import type { RepoMetadata } from "@/server/schemas";

/**
 * Recognises repositories that are collections of links or learning material rather than software you
 * can contribute code to: awesome-lists, tutorials, courses, cheatsheets, interview prep, book lists and
 * roadmaps. The filter drops them before analysis and the built-in analyzer reuses the same rules, so
 * both explain a rejection in the same words.
 */

type NonProjectKind =
  "awesome-list" | "tutorial" | "course" | "cheatsheet" | "interview-prep" | "book-list" | "roadmap";

const kindLabels: Record<NonProjectKind, string> = {
  "awesome-list": "an awesome-list of links",
  tutorial: "a tutorial",
  course: "course material",
  cheatsheet: "a cheatsheet",
  "interview-prep": "interview preparation material",
  "book-list": "a list of books",
  roadmap: "a learning roadmap",
};

/**
 * Whole name segments that mark a non-project. Only the separators `-`, `_`, `.` and spaces split a name:
 * camelCase is deliberately left whole, because `awesomeApp` is a product name while `awesome-python` is
 * the naming convention of link lists. "book" and "learn" are absent on purpose: `jupyter-book` and
 * `scikit-learn` are real software.
 */
const nameSegmentKinds: ReadonlyMap<string, NonProjectKind> = new Map([
  ["awesome", "awesome-list"],
  ["tutorial", "tutorial"],
  ["tutorials", "tutorial"],
  ["course", "course"],
  ["courses", "course"],
  ["coursework", "course"],
  ["mooc", "course"],
  ["cheatsheet", "cheatsheet"],
  ["cheatsheets", "cheatsheet"],
  ["interview", "interview-prep"],
  ["interviews", "interview-prep"],
  ["leetcode", "interview-prep"],
  ["books", "book-list"],
  ["roadmap", "roadmap"],
  ["roadmaps", "roadmap"],
]);

/** Adjacent name segments with the same meaning, e.g. `python-cheat-sheet`. */
const namePairKinds: ReadonlyArray<readonly [string, string, NonProjectKind]> = [
  ["cheat", "sheet", "cheatsheet"],
  ["cheat", "sheets", "cheatsheet"],
];

const topicKinds: ReadonlyMap<string, NonProjectKind> = new Map([
  ["awesome", "awesome-list"],
  ["awesome-list", "awesome-list"],
  ["awesome-lists", "awesome-list"],
  ["curated-list", "awesome-list"],
  ["cheatsheet", "cheatsheet"],
  ["cheatsheets", "cheatsheet"],
  ["cheat-sheet", "cheatsheet"],
  ["interview-questions", "interview-prep"],
  ["interview-prep", "interview-prep"],
  ["interview-preparation", "interview-prep"],
  ["coding-interview", "interview-prep"],
  ["coding-interviews", "interview-prep"],
  ["leetcode-solutions", "interview-prep"],
]);

/**
 * Description phrases. "tutorial" or "course" merely appearing is not enough (a framework may boast of
 * its tutorials); the phrase must present the repository itself as one.
 */
const descriptionPatterns: ReadonlyArray<readonly [RegExp, NonProjectKind]> = [
  [/\bcurated\s+(?:list|collection)s?\b/i, "awesome-list"],
  [/\bawesome[\s-]list\b/i, "awesome-list"],
  [/\b(?:list|collection)\s+of\s+(?:awesome|useful|great|free|curated|the\s+best)\b/i, "awesome-list"],
  [/\bcheat[\s-]?sheets?\b/i, "cheatsheet"],
  [/\binterview\s+(?:questions|prep|preparation)\b/i, "interview-prep"],
  [/\bcoding\s+interviews?\b/i, "interview-prep"],
  [
    /^\W*(?:(?:an?|the)\s+)?(?:[\w'-]+\s+){0,3}?tutorials?\b(?!\s+(?:generator|builder|platform|engine|framework|tool))/i,
    "tutorial",
  ],
  [/\b(?:step[\s-]by[\s-]step|beginners?'?)\s+(?:tutorials?|guides?)\b/i, "tutorial"],
  [/\btutorials?\s+(?:for|on|about|to)\b/i, "tutorial"],
  [/^\W*(?:(?:an?|the)\s+)?(?:[\w'-]+\s+){0,3}?courses?\s+(?:for|on|about|in|materials?)\b/i, "course"],
  [
    /\b(?:code|materials?|exercises|notebooks|slides|solutions)\s+(?:for|of|from)\s+(?:the\s+|my\s+|our\s+)?(?:[\w'-]+\s+){0,4}?(?:course|lectures?|class|mooc)\b/i,
    "course",
  ],
  [/\b(?:free\s+)?programming\s+books\b/i, "book-list"],
  [/\broadmaps?\s+to\s+becom/i, "roadmap"],
];

function describeKind(kind: NonProjectKind, evidence: string): string {
  return `Looks like ${kindLabels[kind]}, not a software project (${evidence}).`;
}

function splitNameSegments(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter((segment) => segment !== "");
}

function findNameKind(name: string): NonProjectKind | null {
  const segments = splitNameSegments(name);
  for (const segment of segments) {
    const kind = nameSegmentKinds.get(segment);
    if (kind) return kind;
  }
  for (let index = 0; index + 1 < segments.length; index += 1) {
    const pair = namePairKinds.find(
      ([first, second]) => segments[index] === first && segments[index + 1] === second,
    );
    if (pair) return pair[2];
  }
  return null;
}

/**
 * Returns a human reason when the repository is a tutorial, awesome-list, cheatsheet, course,
 * interview-prep, book list or roadmap rather than a project, and null otherwise.
 */
export function detectNonProjectRepo(
  repo: Pick<RepoMetadata, "name" | "description" | "topics">,
): string | null {
  const nameKind = findNameKind(repo.name);
  if (nameKind) return describeKind(nameKind, `the name "${repo.name}"`);

  const description = repo.description?.trim() ?? "";
  for (const [pattern, kind] of descriptionPatterns) {
    const match = pattern.exec(description);
    if (match) return describeKind(kind, `its description says "${match[0].trim()}"`);
  }

  for (const topic of repo.topics) {
    const kind = topicKinds.get(topic.trim().toLowerCase());
    if (kind) return describeKind(kind, `it is tagged "${topic}"`);
  }
  return null;
}
