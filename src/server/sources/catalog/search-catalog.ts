import { normalizeLanguage } from "@/shared/languages";
import type { CatalogRepo } from "./demo-catalog";
import { parseSearchQuery } from "./parse-search-query";
import type {
  Alternatives,
  NumberRange,
  ParsedSearchQuery,
  TextField,
  TimeRange,
} from "./parsed-search-query";
import {
  countQualifierLabels,
  type QualifierIssue,
  type QualifierLabelCounts,
} from "./qualifier-label-counts";
import { toWords } from "./text-words";

/**
 * Evaluates GitHub search strings against catalog repositories with GitHub's semantics. Shared by the
 * catalog source and the test GitHub server, so the offline app and the live code path find the same
 * repositories in the same order.
 */

export type CatalogSearchOutcome = {
  /** Every match, in result order (best match unless the query sorts); GitHub would serve the first 1,000. */
  matches: CatalogRepo[];
  totalCount: number;
};

export type CatalogSearch = {
  /** Throws SearchQueryError for a query GitHub would reject. */
  search(query: string): CatalogSearchOutcome;
};

export type CreateCatalogSearchOptions = {
  repos: readonly CatalogRepo[];
  /** Needed only for `in:readme`; without it such searches find nothing in READMEs. */
  readReadme?: (repo: CatalogRepo) => string | null;
  /**
   * A repository's issues, for `good-first-issues:`, `help-wanted-issues:` and `sort:help-wanted-issues`,
   * which count only GitHub's two default labels (qualifier-label-counts.ts). Without it those read the
   * metadata's counts, which is right only for hand-made repositories whose counts say exactly that.
   */
  readIssues?: (repo: CatalogRepo) => readonly QualifierIssue[];
};

type IndexedRepo = {
  repo: CatalogRepo;
  /** Each field as words, both as written and with camelCase split ("WebSocket" is "websocket" and "web socket"). */
  nameWords: string[][];
  /** The name with separators removed, for exact-name matches ("fast-yaml" = "fastyaml"). */
  nameKey: string;
  descriptionWords: string[][];
  topicWords: string[][];
  topicSet: Set<string>;
  language: string | null;
  owner: string;
  fullName: string;
  pushedMs: number | null;
  createdMs: number | null;
};

type CompiledPhrase = { words: string[]; key: string };

export function createCatalogSearch({
  repos,
  readReadme,
  readIssues,
}: CreateCatalogSearchOptions): CatalogSearch {
  // Tokenising once up front keeps each search a cheap linear scan.
  const index: IndexedRepo[] = repos.map((repo) => {
    const { metadata } = repo;
    return {
      repo,
      nameWords: bothWordings(metadata.name),
      nameKey: toWords(metadata.name).join(""),
      descriptionWords: metadata.description ? bothWordings(metadata.description) : [],
      topicWords: metadata.topics.map((topic) => toWords(topic)),
      topicSet: new Set(metadata.topics.map((topic) => topic.toLowerCase())),
      language: metadata.primaryLanguage ? normalizeLanguage(metadata.primaryLanguage) : null,
      owner: metadata.owner.toLowerCase(),
      fullName: metadata.fullName.toLowerCase(),
      pushedMs: metadata.pushedAt ? Date.parse(metadata.pushedAt) : null,
      createdMs: metadata.createdAt ? Date.parse(metadata.createdAt) : null,
    };
  });

  // Counting reads a repository's issues, which the catalog writes on first use: count once, and only for
  // the repositories a search that needs the counts actually reaches.
  const labelCounts = new Map<CatalogRepo, QualifierLabelCounts>();
  const countLabels = (repo: CatalogRepo): QualifierLabelCounts => {
    if (!readIssues) return repo.metadata;
    let counts = labelCounts.get(repo);
    if (!counts) {
      counts = countQualifierLabels(readIssues(repo));
      labelCounts.set(repo, counts);
    }
    return counts;
  };

  return {
    search(query) {
      const parsed = parseSearchQuery(query);
      const clauses = parsed.text.map((clause) => ({
        negated: clause.negated,
        phrases: clause.phrases
          .map((phrase): CompiledPhrase => ({ words: toWords(phrase), key: toWords(phrase).join("") }))
          .filter((phrase) => phrase.words.length > 0),
      }));
      const readmeWords = createReadmeWordCache(readReadme);

      const scored: { entry: IndexedRepo; relevance: number }[] = [];
      for (const entry of index) {
        if (!matchesQualifiers(entry, parsed, countLabels)) continue;
        let relevance = 0;
        let matched = true;
        for (const clause of clauses) {
          const score = Math.max(
            0,
            ...clause.phrases.map((phrase) =>
              scorePhrase({ entry, phrase, fields: parsed.textFields, readmeWords }),
            ),
          );
          if (clause.negated ? score > 0 : score === 0) {
            matched = false;
            break;
          }
          if (!clause.negated) relevance += score;
        }
        if (matched) scored.push({ entry, relevance });
      }

      scored.sort(compareBy(parsed, countLabels));
      return { matches: scored.map(({ entry }) => entry.repo), totalCount: scored.length };
    },
  };
}

function bothWordings(text: string): string[][] {
  return [toWords(text), toWords(text, { splitCamelCase: true })];
}

function createReadmeWordCache(readReadme: CreateCatalogSearchOptions["readReadme"]) {
  const cache = new Map<CatalogRepo, string[]>();
  return (repo: CatalogRepo): string[] => {
    const cached = cache.get(repo);
    if (cached) return cached;
    const text = readReadme?.(repo) ?? null;
    const words = text ? toWords(text) : [];
    cache.set(repo, words);
    return words;
  };
}

function matchesAlternatives(alternatives: Alternatives, value: string | null): boolean {
  if (alternatives.include.length > 0 && (value === null || !alternatives.include.includes(value)))
    return false;
  return value === null || !alternatives.exclude.includes(value);
}

function inNumberRange(value: number, range: NumberRange): boolean {
  return (range.min === null || value >= range.min) && (range.max === null || value <= range.max);
}

function inTimeRange(value: number | null, range: TimeRange): boolean {
  if (value === null) return false;
  return (range.min === null || value >= range.min) && (range.max === null || value <= range.max);
}

function matchesQualifiers(
  entry: IndexedRepo,
  parsed: ParsedSearchQuery,
  countLabels: (repo: CatalogRepo) => QualifierLabelCounts,
): boolean {
  const { repo } = entry;
  const { metadata } = repo;
  if (parsed.forkMode === "exclude" && repo.fork) return false;
  if (parsed.forkMode === "only" && !repo.fork) return false;
  if (parsed.archived !== null && repo.archived !== parsed.archived) return false;

  // Repeated language:, license:, user:/org: and repo: qualifiers are alternatives.
  if (!matchesAlternatives(parsed.languages, entry.language)) return false;
  if (!matchesAlternatives(parsed.licenses, repo.licenseKey)) return false;
  if (!matchesAlternatives(parsed.owners, entry.owner)) return false;
  if (!matchesAlternatives(parsed.repos, entry.fullName)) return false;
  // Repeated topic: qualifiers must all hold.
  if (!parsed.topics.include.every((topic) => entry.topicSet.has(topic))) return false;
  if (parsed.topics.exclude.some((topic) => entry.topicSet.has(topic))) return false;

  const holds = (conditions: { range: NumberRange; negated: boolean }[], value: number) =>
    conditions.every(({ range, negated }) => inNumberRange(value, range) !== negated);
  if (!holds(parsed.stars, metadata.stars) || !holds(parsed.forks, metadata.forks)) return false;
  const timeChecks: [{ range: TimeRange; negated: boolean }[], number | null][] = [
    [parsed.pushed, entry.pushedMs],
    [parsed.created, entry.createdMs],
  ];
  for (const [conditions, value] of timeChecks) {
    if (!conditions.every(({ range, negated }) => inTimeRange(value, range) !== negated)) return false;
  }
  // Last, because counting may write the repository's issues: only repositories that passed the rest pay.
  if (parsed.goodFirstIssues.length > 0 || parsed.helpWantedIssues.length > 0) {
    const counts = countLabels(repo);
    if (!holds(parsed.goodFirstIssues, counts.goodFirstIssues)) return false;
    if (!holds(parsed.helpWantedIssues, counts.helpWantedIssues)) return false;
  }
  return true;
}

/** True when `phrase` occurs as consecutive words; scripts without spaces match inside a word. */
function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  const [first] = phrase;
  if (first === undefined) return false;
  for (let start = 0; start + phrase.length <= words.length; start += 1) {
    let all = true;
    for (let offset = 0; offset < phrase.length; offset += 1) {
      if (!wordMatches(words[start + offset] ?? "", phrase[offset] ?? "")) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

function wordMatches(word: string, term: string): boolean {
  if (word === term) return true;
  // Japanese or Chinese text has no spaces, so a term is found anywhere inside a run.
  return /\P{ASCII}/u.test(term) && word.includes(term);
}

/** Relevance of one phrase: a name hit outweighs a topic hit, which outweighs a description hit. */
function scorePhrase(options: {
  entry: IndexedRepo;
  phrase: CompiledPhrase;
  fields: readonly TextField[];
  readmeWords: (repo: CatalogRepo) => string[];
}): number {
  const { entry, phrase, fields, readmeWords } = options;
  let score = 0;
  if (fields.includes("name")) {
    if (entry.nameKey === phrase.key) score += 10;
    else if (entry.nameWords.some((words) => containsPhrase(words, phrase.words))) score += 4;
  }
  if (fields.includes("topics")) {
    if (entry.topicSet.has(phrase.words.join("-"))) score += 3;
    else if (entry.topicWords.some((words) => containsPhrase(words, phrase.words))) score += 2;
  }
  if (
    fields.includes("description") &&
    entry.descriptionWords.some((words) => containsPhrase(words, phrase.words))
  )
    score += 1;
  if (fields.includes("readme") && containsPhrase(readmeWords(entry.repo), phrase.words)) score += 0.5;
  return score;
}

type Scored = { entry: IndexedRepo; relevance: number };

function compareBy(
  parsed: ParsedSearchQuery,
  countLabels: (repo: CatalogRepo) => QualifierLabelCounts,
): (left: Scored, right: Scored) => number {
  const byId = (left: Scored, right: Scored) =>
    left.entry.repo.metadata.githubId - right.entry.repo.metadata.githubId;
  const { field, direction } = parsed.sort;
  const sign = direction === "asc" ? 1 : -1;
  const value = (scored: Scored): number => {
    const { metadata } = scored.entry.repo;
    switch (field) {
      case "stars":
        return metadata.stars;
      case "forks":
        return metadata.forks;
      case "updated":
        // The catalog keeps no separate updatedAt; its last push is the last change it records.
        return scored.entry.pushedMs ?? 0;
      case "help-wanted-issues":
        return countLabels(scored.entry.repo).helpWantedIssues;
      case "best-match":
        // Text relevance first, popularity as the tie-breaker that GitHub's ranking also leans on.
        return scored.relevance + Math.log10(metadata.stars + 1);
    }
  };
  return (left, right) =>
    sign * (value(left) - value(right)) ||
    right.entry.repo.metadata.stars - left.entry.repo.metadata.stars ||
    byId(left, right);
}
