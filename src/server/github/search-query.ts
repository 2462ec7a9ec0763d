import { defaultActiveSince } from "@/lib/dates";
import { AppError } from "@/server/errors";
import type { SearchFilters } from "@/server/schemas";

/**
 * Turns validated search filters into one GitHub search string. Pure: the live source sends it to GitHub,
 * and the catalog source and the test GitHub server evaluate the very same string, so all three agree.
 */

/** GitHub rejects longer search strings. */
export const SEARCH_QUERY_MAX_CHARS = 256;

export type BuildSearchQueryOptions = {
  filters: SearchFilters;
  /** The current date; the default activity window counts back from it (UTC). */
  today: Date;
};

export function buildSearchQuery({ filters, today }: BuildSearchQueryOptions): string {
  const qualifiers = [
    ...filters.languages.map(
      (language) => `language:${quoteValue({ value: language.trim(), field: "Language" })}`,
    ),
    `stars:${filters.minStars}..${filters.maxStars}`,
    `pushed:>=${resolvePushedAfter({ pushedAfter: filters.pushedAfter, today })}`,
    ...filters.topics.map((topic) => `topic:${quoteValue({ value: normalizeTopic(topic), field: "Topic" })}`),
    ...(filters.license ? [`license:${filters.license}`] : []),
    "archived:false",
  ];
  const freeText = filters.query.trim().replace(/\s+/g, " ");
  const assemble = (parts: string[]) => [...parts, ...(freeText ? [freeText] : [])].join(" ");

  const full = assemble([...qualifiers, "fork:false"]);
  if (full.length <= SEARCH_QUERY_MAX_CHARS) return full;
  // GitHub leaves forks out of searches by default, so dropping the qualifier changes no result.
  const shortened = assemble(qualifiers);
  if (shortened.length <= SEARCH_QUERY_MAX_CHARS) return shortened;

  throw new AppError(
    "BAD_REQUEST",
    `The search is too long for GitHub (${shortened.length} of ${SEARCH_QUERY_MAX_CHARS} characters). ` +
      "Choose fewer languages or topics, or shorten the search text.",
  );
}

/** The `pushed:>=` date: the filter's own, or the default the search form also shows (six months back). */
export function resolvePushedAfter({
  pushedAfter,
  today,
}: {
  pushedAfter: string | null;
  today: Date;
}): string {
  if (pushedAfter) return pushedAfter;
  return defaultActiveSince(today);
}

/** GitHub topics are lowercase words joined by hyphens; "Machine Learning" is the topic machine-learning. */
function normalizeTopic(topic: string): string {
  return topic.trim().toLowerCase().replace(/\s+/g, "-");
}

/**
 * Quotes a qualifier value when it holds anything beyond plain word characters, so "Jupyter Notebook" stays
 * one language and a value like "x stars:>0" cannot smuggle in a qualifier of its own.
 */
function quoteValue({ value, field }: { value: string; field: "Language" | "Topic" }): string {
  if (value.includes('"')) {
    throw new AppError(
      "BAD_REQUEST",
      `${field} "${value.replace(/"/g, "")}" cannot contain a double quote (")`,
    );
  }
  return /^[\p{L}\p{N}+#._-]+$/u.test(value) ? value : `"${value}"`;
}
