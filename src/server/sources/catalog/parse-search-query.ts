import { SEARCH_QUERY_MAX_CHARS } from "@/shared/search-query";
import { SearchQueryError, type ParsedSearchQuery } from "./parsed-search-query";
import { applyQualifier, isKnownQualifier } from "./search-qualifiers";
import { normalizeText } from "./text-words";
import { tokenizeSearchQuery } from "./tokenize-search-query";

/**
 * Parses a GitHub repository-search string into its parts, following GitHub's documented semantics:
 * repeated `language:` (and `license:`, `user:`, `org:`, `repo:`) qualifiers are alternatives, repeated
 * `topic:` and range qualifiers must all hold, a leading `-` excludes, and what is left is free text
 * (words, "quoted phrases", `OR` between words, `NOT word`).
 */

/** GitHub refuses a query with more AND, OR and NOT operators than this ("Limitations on query length"). */
export const SEARCH_QUERY_MAX_OPERATORS = 5;

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

  const tokens = tokenizeSearchQuery(query);
  // Only bare, upper-case words are operators; "or" and "NOT" in quotes are text (as the loop below reads them).
  const operators = tokens.filter(
    (token) =>
      !token.quoted && !token.negated && token.key === null && ["AND", "OR", "NOT"].includes(token.value),
  ).length;
  if (operators > SEARCH_QUERY_MAX_OPERATORS) {
    throw new SearchQueryError(
      `Invalid search query: it has ${operators} AND, OR and NOT operators; GitHub allows at most ${SEARCH_QUERY_MAX_OPERATORS}.`,
    );
  }

  let pendingOr = false;
  let pendingNot = false;
  for (const token of tokens) {
    if (token.key !== null && isKnownQualifier(token.key)) {
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
