import { normalizeLanguage } from "@/shared/languages";
import { SEARCH_QUERY_MAX_CHARS } from "@/shared/search-query";

/**
 * Parses a GitHub repository-search string into its parts, following GitHub's documented semantics:
 * repeated `language:` (and `license:`, `user:`, `org:`, `repo:`) qualifiers are alternatives, repeated
 * `topic:` and range qualifiers must all hold, a leading `-` excludes, and what is left is free text
 * (words, "quoted phrases", `OR` between words, `NOT word`).
 */

export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchQueryError";
  }
}

/** Inclusive bounds; null means open on that side. */
export type NumberRange = { min: number | null; max: number | null };
/** Inclusive bounds in epoch milliseconds; null means open on that side. */
export type TimeRange = { min: number | null; max: number | null };

export type Alternatives = { include: string[]; exclude: string[] };

export type TextField = "name" | "description" | "topics" | "readme";

/** One free-text condition: at least one of its phrases must match (or, when negated, none may). */
export type TextClause = { phrases: string[]; negated: boolean };

export type SortField = "best-match" | "stars" | "forks" | "updated" | "help-wanted-issues";
export type SearchSort = { field: SortField; direction: "asc" | "desc" };

export type ParsedSearchQuery = {
  languages: Alternatives;
  licenses: Alternatives;
  /** Owners from `user:` and `org:`. */
  owners: Alternatives;
  /** "owner/name" from `repo:`. */
  repos: Alternatives;
  /** Every included topic must be present. */
  topics: Alternatives;
  stars: { range: NumberRange; negated: boolean }[];
  forks: { range: NumberRange; negated: boolean }[];
  goodFirstIssues: { range: NumberRange; negated: boolean }[];
  helpWantedIssues: { range: NumberRange; negated: boolean }[];
  pushed: { range: TimeRange; negated: boolean }[];
  created: { range: TimeRange; negated: boolean }[];
  /** null: archived and active repositories alike (GitHub's default). */
  archived: boolean | null;
  /** GitHub leaves forks out unless asked: `fork:true` adds them, `fork:only` keeps nothing else. */
  forkMode: "exclude" | "include" | "only";
  /** Where free text is looked for; GitHub's default is name, description and topics. */
  textFields: TextField[];
  text: TextClause[];
  sort: SearchSort;
};

type Token = { negated: boolean; key: string | null; value: string; quoted: boolean };

const rangeQualifiers = {
  stars: "stars",
  forks: "forks",
  "good-first-issues": "goodFirstIssues",
  "help-wanted-issues": "helpWantedIssues",
} as const;
const dateQualifiers = { pushed: "pushed", created: "created" } as const;
const alternativeQualifiers = {
  language: "languages",
  license: "licenses",
  user: "owners",
  org: "owners",
  repo: "repos",
  topic: "topics",
} as const;
const knownKeys = new Set<string>([
  ...Object.keys(rangeQualifiers),
  ...Object.keys(dateQualifiers),
  ...Object.keys(alternativeQualifiers),
  "archived",
  "fork",
  "in",
  "is",
  "sort",
]);

export function parseSearchQuery(query: string): ParsedSearchQuery {
  if (query.length > SEARCH_QUERY_MAX_CHARS) {
    throw new SearchQueryError(
      `The search query is too long: it must be at most ${SEARCH_QUERY_MAX_CHARS} characters.`,
    );
  }
  const parsed: ParsedSearchQuery = {
    languages: { include: [], exclude: [] },
    licenses: { include: [], exclude: [] },
    owners: { include: [], exclude: [] },
    repos: { include: [], exclude: [] },
    topics: { include: [], exclude: [] },
    stars: [],
    forks: [],
    goodFirstIssues: [],
    helpWantedIssues: [],
    pushed: [],
    created: [],
    archived: null,
    forkMode: "exclude",
    textFields: ["name", "description", "topics"],
    text: [],
    sort: { field: "best-match", direction: "desc" },
  };

  let pendingOr = false;
  let pendingNot = false;
  for (const token of tokenize(query)) {
    if (token.key !== null && knownKeys.has(token.key)) {
      applyQualifier(parsed, token);
      pendingOr = false;
      continue;
    }
    const text = token.key !== null ? `${token.key}:${token.value}` : token.value;
    if (!token.quoted && !token.negated && token.key === null) {
      if (text === "OR") {
        pendingOr = parsed.text.length > 0;
        continue;
      }
      if (text === "AND") continue;
      if (text === "NOT") {
        pendingNot = true;
        continue;
      }
    }
    if (normalizeText(text) === "") continue;
    const negated = token.negated || pendingNot;
    const previous = parsed.text[parsed.text.length - 1];
    if (pendingOr && previous && !previous.negated && !negated) previous.phrases.push(text);
    else parsed.text.push({ phrases: [text], negated });
    pendingOr = false;
    pendingNot = false;
  }
  return parsed;
}

/** Splits on whitespace, keeping "quoted phrases" and key:"quoted values" whole. */
function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    while (index < query.length && /\s/.test(query.charAt(index))) index += 1;
    if (index >= query.length) break;

    let negated = false;
    if (query.charAt(index) === "-" && index + 1 < query.length && !/\s/.test(query.charAt(index + 1))) {
      negated = true;
      index += 1;
    }
    if (query.charAt(index) === '"') {
      const end = query.indexOf('"', index + 1);
      const stop = end === -1 ? query.length : end;
      tokens.push({ negated, key: null, value: query.slice(index + 1, stop), quoted: true });
      index = stop + 1;
      continue;
    }

    let word = "";
    let key: string | null = null;
    let quoted = false;
    while (index < query.length && !/\s/.test(query.charAt(index))) {
      const char = query.charAt(index);
      if (char === ":" && key === null && /^[a-z-]+$/i.test(word)) {
        key = word.toLowerCase();
        word = "";
        index += 1;
        if (query.charAt(index) === '"') {
          const end = query.indexOf('"', index + 1);
          const stop = end === -1 ? query.length : end;
          word = query.slice(index + 1, stop);
          quoted = true;
          index = stop + 1;
          break;
        }
        continue;
      }
      word += char;
      index += 1;
    }
    tokens.push({ negated, key, value: word, quoted });
  }
  return tokens;
}

function applyQualifier(parsed: ParsedSearchQuery, token: Token): void {
  const { key, value, negated } = token;
  if (key === null) return;
  const describe = () => `${negated ? "-" : ""}${key}:${value}`;

  if (hasOwnKey(rangeQualifiers, key)) {
    const field = rangeQualifiers[key];
    parsed[field].push({ range: parseNumberRange(value, describe), negated });
    return;
  }
  if (hasOwnKey(dateQualifiers, key)) {
    const field = dateQualifiers[key];
    parsed[field].push({ range: parseTimeRange(value, describe), negated });
    return;
  }
  if (hasOwnKey(alternativeQualifiers, key)) {
    if (value === "") throw new SearchQueryError(`Invalid search query: "${describe()}" has no value.`);
    const field = alternativeQualifiers[key];
    const normalized = key === "language" ? normalizeLanguage(value) : value.toLowerCase();
    parsed[field][negated ? "exclude" : "include"].push(normalized);
    return;
  }
  switch (key) {
    case "archived":
      parsed.archived = parseBoolean(value, describe) !== negated;
      return;
    case "fork": {
      const lowered = value.toLowerCase();
      if (lowered === "only") parsed.forkMode = negated ? "exclude" : "only";
      else parsed.forkMode = parseBoolean(value, describe) !== negated ? "include" : "exclude";
      return;
    }
    case "is": {
      const lowered = value.toLowerCase();
      if (lowered === "archived") parsed.archived = !negated;
      else if (lowered === "fork") parsed.forkMode = negated ? "exclude" : "only";
      // is:public and the like hold for every repository the catalog has.
      return;
    }
    case "in": {
      const fields = value.toLowerCase().split(",").filter(Boolean);
      const valid: TextField[] = ["name", "description", "topics", "readme"];
      const chosen = fields.filter((field): field is TextField => (valid as string[]).includes(field));
      if (chosen.length === 0)
        throw new SearchQueryError(`Invalid search query: "${describe()}" names no searchable field.`);
      parsed.textFields = chosen;
      return;
    }
    case "sort":
      parsed.sort = parseSort(value, describe);
      return;
  }
}

function hasOwnKey<T extends object>(object: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(object, key);
}

function parseBoolean(value: string, describe: () => string): boolean {
  const lowered = value.toLowerCase();
  if (lowered === "true") return true;
  if (lowered === "false") return false;
  throw new SearchQueryError(`Invalid search query: "${describe()}" must be true or false.`);
}

const sortFields: Record<string, SortField> = {
  stars: "stars",
  forks: "forks",
  updated: "updated",
  "help-wanted-issues": "help-wanted-issues",
};

function parseSort(value: string, describe: () => string): SearchSort {
  const match = /^([a-z-]+?)(?:-(asc|desc))?$/.exec(value.toLowerCase());
  const field = match?.[1] ? sortFields[match[1]] : undefined;
  if (!match || !field)
    throw new SearchQueryError(`Invalid search query: "${describe()}" is not a sort GitHub supports.`);
  return { field, direction: match[2] === "asc" ? "asc" : "desc" };
}

function parseNumberRange(value: string, describe: () => string): NumberRange {
  const number = (text: string) => {
    if (!/^\d+$/.test(text))
      throw new SearchQueryError(`Invalid search query: "${describe()}" is not a number or range.`);
    return Number(text);
  };
  const bounds = readBounds(value);
  if (bounds.kind === "exact") return { min: number(bounds.value), max: number(bounds.value) };
  // Counts are whole numbers, so ">n" is ">=n+1".
  return {
    min: bounds.min === null ? null : number(bounds.min) + (bounds.minExclusive ? 1 : 0),
    max: bounds.max === null ? null : number(bounds.max) - (bounds.maxExclusive ? 1 : 0),
  };
}

function parseTimeRange(value: string, describe: () => string): TimeRange {
  // A bare date covers its whole (UTC) day; a timestamp is a single instant.
  const instant = (text: string, edge: "start" | "end") => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      const start = Date.parse(`${text}T00:00:00Z`);
      if (!Number.isNaN(start)) return edge === "start" ? start : start + 86_400_000 - 1;
    } else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?$/.test(text)) {
      const parsed = Date.parse(text);
      if (!Number.isNaN(parsed)) return parsed;
    }
    throw new SearchQueryError(
      `Invalid search query: "${describe()}" is not a date (YYYY-MM-DD) or date range.`,
    );
  };
  const bounds = readBounds(value);
  if (bounds.kind === "exact")
    return { min: instant(bounds.value, "start"), max: instant(bounds.value, "end") };
  return {
    min:
      bounds.min === null
        ? null
        : bounds.minExclusive
          ? instant(bounds.min, "end") + 1
          : instant(bounds.min, "start"),
    max:
      bounds.max === null
        ? null
        : bounds.maxExclusive
          ? instant(bounds.max, "start") - 1
          : instant(bounds.max, "end"),
  };
}

type RawBounds =
  | { kind: "exact"; value: string }
  | { kind: "range"; min: string | null; max: string | null; minExclusive: boolean; maxExclusive: boolean };

/** `n`, `>n`, `>=n`, `<n`, `<=n`, `a..b`, `a..*`, `*..b`. */
function readBounds(value: string): RawBounds {
  const comparison = /^(>=|<=|>|<)(.*)$/.exec(value);
  if (comparison) {
    const [, operator = "", bound = ""] = comparison;
    return operator.startsWith(">")
      ? { kind: "range", min: bound, max: null, minExclusive: operator === ">", maxExclusive: false }
      : { kind: "range", min: null, max: bound, minExclusive: false, maxExclusive: operator === "<" };
  }
  if (value.includes("..")) {
    const [low = "", high = ""] = value.split("..", 2);
    return {
      kind: "range",
      min: low === "*" ? null : low,
      max: high === "*" ? null : high,
      minExclusive: false,
      maxExclusive: false,
    };
  }
  return { kind: "exact", value };
}

/**
 * Lowercase, accent-free words for text matching. Latin text splits into alphanumeric words; runs of other
 * scripts (Japanese, Chinese…) stay whole and are matched by substring, as they have no spaces.
 * `splitCamelCase` also breaks "awesomeApp" into "awesome app".
 */
export function toWords(text: string, options: { splitCamelCase?: boolean } = {}): string[] {
  const spaced = options.splitCamelCase ? text.replace(/([a-z0-9])([A-Z])/g, "$1 $2") : text;
  const folded = spaced.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return folded.match(/[a-z0-9]+|[^\sa-z0-9\p{P}\p{S}\p{C}]+/gu) ?? [];
}

export function normalizeText(text: string): string {
  return toWords(text).join(" ");
}
