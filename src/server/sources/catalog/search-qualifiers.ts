import { normalizeLanguage } from "@/shared/languages";
import {
  SearchQueryError,
  type NumberRange,
  type ParsedSearchQuery,
  type SearchSort,
  type SortField,
  type TextField,
  type TimeRange,
} from "./parsed-search-query";
import type { SearchToken } from "./tokenize-search-query";

/**
 * The `key:value` qualifiers the catalog understands, read with GitHub's semantics: ranges (`stars:>10`,
 * `pushed:2024-01-01..*`), alternatives (`language:`, `license:`, `user:`, `org:`, `repo:`, `topic:`) and
 * switches (`archived:`, `fork:`, `is:`, `in:`, `sort:`).
 */

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

/** Whether `key:` is a qualifier rather than free text that happens to contain a colon. */
export function isKnownQualifier(key: string): boolean {
  return knownKeys.has(key);
}

/** Records one qualifier token in `parsed`; throws SearchQueryError for a value GitHub would reject. */
export function applyQualifier(parsed: ParsedSearchQuery, token: SearchToken): void {
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
