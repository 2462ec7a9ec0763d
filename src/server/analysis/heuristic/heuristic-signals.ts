import { normalizeLanguage } from "@/shared/languages";
import type { SkillLevel } from "@/shared/profile";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The individual signals of the built-in analyzer, each scored 0..1 together with the words its reason
 * uses. Pure functions of their inputs; the analyzer weighs and combines them.
 */

const aliasSpellings: ReadonlyArray<readonly [alias: string, language: string]> = [
  ["js", "javascript"],
  ["node", "javascript"],
  ["nodejs", "javascript"],
  ["node.js", "javascript"],
  ["ecmascript", "javascript"],
  ["ts", "typescript"],
  ["cpp", "c++"],
  ["cxx", "c++"],
  ["c plus plus", "c++"],
  ["golang", "go"],
  ["py", "python"],
  ["python3", "python"],
  ["rb", "ruby"],
  ["rs", "rust"],
  ["cs", "c#"],
  ["csharp", "c#"],
  ["c sharp", "c#"],
  ["fsharp", "f#"],
  ["objc", "objective-c"],
  ["objective c", "objective-c"],
  ["kt", "kotlin"],
  ["sh", "shell"],
  ["bash", "shell"],
  ["zsh", "shell"],
  ["vimscript", "vim script"],
  ["viml", "vim script"],
  ["jupyter", "jupyter notebook"],
  ["ipynb", "jupyter notebook"],
  ["elisp", "emacs lisp"],
];
const languageAliases: ReadonlyMap<string, string> = new Map(
  aliasSpellings.map(([alias, language]) => [normalizeLanguage(alias), normalizeLanguage(language)]),
);

/** Languages close enough that a developer of one can usually read and change the other. */
const relatedLanguageSpellings: ReadonlyArray<readonly [string, string]> = [
  ["javascript", "typescript"],
  ["c", "c++"],
  ["java", "kotlin"],
  ["java", "scala"],
  ["python", "jupyter notebook"],
  ["objective-c", "swift"],
  ["c#", "f#"],
  ["erlang", "elixir"],
];

const relatedLanguages = relatedLanguageSpellings.map(
  ([left, right]) => [normalizeLanguage(left), normalizeLanguage(right)] as const,
);

/** GitHub's spelling rule (src/shared/languages.ts), then the developer's shorthands: "ts" is TypeScript. */
function languageKey(language: string): string {
  const key = normalizeLanguage(language);
  return languageAliases.get(key) ?? key;
}

function areRelated(left: string, right: string): boolean {
  return relatedLanguages.some(([a, b]) => (a === left && b === right) || (a === right && b === left));
}

export type LanguageSignal = {
  score: number;
  kind: "main" | "listed" | "secondary" | "related" | "none";
  /** The repository's language as GitHub spells it, for the reason. */
  repoLanguage: string | null;
  /** The profile's language as the developer spelled it. */
  profileLanguage: string | null;
};

/**
 * The repository's primary language matching the developer's first-listed (main) language weighs most,
 * any other listed language a little less; a match only among its secondary languages, or a closely
 * related language, counts for less again.
 */
export function scoreLanguageMatch(options: {
  profileLanguages: readonly string[];
  repo: Pick<RepoMetadata, "primaryLanguage" | "languages">;
}): LanguageSignal {
  const { profileLanguages, repo } = options;
  const wanted = profileLanguages.map((language) => ({
    spelled: language,
    key: languageKey(language),
  }));
  const primary = repo.primaryLanguage;
  if (primary) {
    const primaryKey = languageKey(primary);
    const index = wanted.findIndex((entry) => entry.key === primaryKey);
    const match = wanted[index];
    if (match) {
      return {
        score: index === 0 ? 1 : 0.85,
        kind: index === 0 ? "main" : "listed",
        repoLanguage: primary,
        profileLanguage: match.spelled,
      };
    }
  }
  for (const language of repo.languages) {
    const match = wanted.find((entry) => entry.key === languageKey(language));
    if (match)
      return { score: 0.45, kind: "secondary", repoLanguage: language, profileLanguage: match.spelled };
  }
  if (primary) {
    const related = wanted.find((entry) => areRelated(entry.key, languageKey(primary)));
    if (related)
      return { score: 0.5, kind: "related", repoLanguage: primary, profileLanguage: related.spelled };
  }
  return { score: 0, kind: "none", repoLanguage: primary, profileLanguage: null };
}

export function normalizeTopic(topic: string): string {
  return topic
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

function topicWords(topic: string): string[] {
  return normalizeTopic(topic)
    .split("-")
    .filter((word) => word.length > 1)
    .map((word) =>
      word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word,
    );
}

export type TopicSignal = {
  /** null when the profile lists no topics, so the signal does not apply. */
  score: number | null;
  /** Profile topics found among the repository's topics (as the developer spelled them). */
  matched: string[];
  /** Profile topics only mentioned in the name or description. */
  mentioned: string[];
};

/**
 * An exact topic match (after normalising case, spaces and hyphens, and a plural "s") counts fully; a
 * profile topic that only appears in the name or description counts half. Three matches are enough for
 * a full score: nobody expects one repository to cover every interest.
 */
export function scoreTopicMatch(options: {
  profileTopics: readonly string[];
  repo: Pick<RepoMetadata, "topics" | "name" | "description">;
}): TopicSignal {
  const { profileTopics, repo } = options;
  if (profileTopics.length === 0) return { score: null, matched: [], mentioned: [] };
  const repoTopicKeys = new Set(repo.topics.map((topic) => topicWords(topic).join("-")));
  const text = ` ${`${repo.name} ${repo.description ?? ""}`.toLowerCase().replace(/[^\p{L}\p{N}+#]+/gu, " ")} `;
  const matched: string[] = [];
  const mentioned: string[] = [];
  for (const topic of profileTopics) {
    const words = topicWords(topic);
    if (words.length === 0) continue;
    if (repoTopicKeys.has(words.join("-"))) matched.push(topic);
    else if (words.every((word) => text.includes(` ${word} `) || text.includes(` ${word}s `)))
      mentioned.push(topic);
  }
  const credit = matched.length + mentioned.length * 0.5;
  return { score: Math.min(1, credit / Math.min(profileTopics.length, 3)), matched, mentioned };
}

/** Topics and description words that signal a deep, demanding codebase. */
const deepDomainWords: ReadonlySet<string> = new Set([
  "compiler",
  "compilers",
  "kernel",
  "operating-system",
  "os",
  "database",
  "databases",
  "distributed-systems",
  "consensus",
  "raft",
  "cryptography",
  "crypto",
  "embedded",
  "jit",
  "virtual-machine",
  "vm",
  "interpreter",
  "gpu",
  "cuda",
  "llvm",
  "hypervisor",
  "query-engine",
  "storage-engine",
  "runtime",
  "garbage-collector",
  "webassembly",
]);

export type SkillSignal = {
  score: number;
  /** 0..1: size and depth of the codebase. */
  complexity: number;
  /** 0..1: labelled starter issues, a README and a contributing guide. */
  friendliness: number;
  deepDomain: boolean;
};

export function scoreSkillFit(options: {
  skillLevel: SkillLevel;
  repo: Pick<
    RepoMetadata,
    "stars" | "openIssues" | "goodFirstIssues" | "helpWantedIssues" | "topics" | "description"
  >;
  hasReadme: boolean;
  hasContributingGuide: boolean;
}): SkillSignal {
  const { skillLevel, repo, hasReadme, hasContributingGuide } = options;
  const descriptionWords = (repo.description ?? "").toLowerCase().split(/[^a-z0-9-]+/);
  const deepDomain = [...repo.topics.map(normalizeTopic), ...descriptionWords].some((word) =>
    deepDomainWords.has(word),
  );
  // Stars stand in for codebase size and traffic: ~10 → 0.2, ~1k → 0.6, ≥100k → 1.
  const size = Math.min(1, Math.log10(Math.max(repo.stars, 0) + 1) / 5);
  const complexity = Math.min(1, 0.65 * size + 0.35 * (deepDomain ? 1 : 0));
  const friendliness = Math.min(
    1,
    0.5 * (Math.min(repo.goodFirstIssues, 10) / 10) +
      0.2 * (Math.min(repo.helpWantedIssues, 10) / 10) +
      0.15 * (hasReadme ? 1 : 0) +
      0.15 * (hasContributingGuide ? 1 : 0),
  );
  let score: number;
  if (skillLevel === "beginner") score = 0.6 * friendliness + 0.4 * (1 - complexity);
  else if (skillLevel === "intermediate")
    score = 0.4 * friendliness + 0.6 * (1 - Math.abs(complexity - 0.5) * 1.4);
  // Advanced developers are fine anywhere; large and deep codebases with open work suit them best.
  else score = 0.45 + 0.4 * complexity + 0.15 * (Math.min(repo.openIssues, 50) / 50);
  return { score: Math.min(1, Math.max(0, score)), complexity, friendliness, deepDomain };
}

export type ActivitySignal = { score: number; daysSincePush: number | null };

const activitySteps: ReadonlyArray<readonly [number, number]> = [
  [30, 1],
  [90, 0.85],
  [180, 0.65],
  [365, 0.4],
  [730, 0.2],
];

/** Recency of the last push relative to `now`, in steps a reason can state plainly. */
export function scoreActivity(options: { pushedAt: string | null; now: Date }): ActivitySignal {
  const { pushedAt, now } = options;
  const pushed = pushedAt === null ? Number.NaN : Date.parse(pushedAt);
  if (Number.isNaN(pushed)) return { score: 0.1, daysSincePush: null };
  const days = Math.max(0, Math.floor((now.getTime() - pushed) / 86_400_000));
  const step = activitySteps.find(([limit]) => days <= limit);
  return { score: step ? step[1] : 0.05, daysSincePush: days };
}
