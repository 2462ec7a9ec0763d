import { defaultActiveSince } from "@/lib/dates";

/**
 * Turns validated search filters into one GitHub search string. Pure: the live source sends it to GitHub,
 * and the catalog source and the test GitHub server evaluate the very same string, so all three agree.
 */

/** GitHub rejects longer search strings. */
export const SEARCH_QUERY_MAX_CHARS = 256;

/** The filters a search string is made of; the filter schema's output fits it. */
export type SearchQueryFilters = {
  languages: readonly string[];
  topics: readonly string[];
  minStars: number;
  maxStars: number;
  pushedAfter: string | null;
  license: string | null;
  query: string;
};

/**
 * The searches discovery runs side by side for one set of filters (issue 23): each adds its qualifiers and
 * sort to the same filters, so each finds the repositories GitHub ranks first by a different measure of
 * waiting work. "best-match" is the search as it always was, and the one the input check plans.
 */
export const searchLanes = ["starter", "help-wanted", "active", "best-match"] as const;
export type SearchLane = (typeof searchLanes)[number];

/**
 * What each lane adds. GitHub's `good-first-issues:` and `help-wanted-issues:` count open issues with its
 * default labels of those names; `sort:updated` orders by the last push.
 */
export const laneQualifiers: Record<SearchLane, readonly string[]> = {
  starter: ["good-first-issues:>0"],
  "help-wanted": ["help-wanted-issues:>0", "sort:help-wanted-issues"],
  active: ["sort:updated"],
  "best-match": [],
};

export type BuildSearchQueryOptions = {
  filters: SearchQueryFilters;
  /** The current date; the default activity window counts back from it (UTC). */
  today: Date;
  /** Which of discovery's searches; "best-match" (no extra qualifier) when left out. */
  lane?: SearchLane;
  /** A range of push dates (inclusive, YYYY-MM-DD) to search instead of the filters' activity window. */
  pushed?: { from: string; to: string };
};

/**
 * The search string the filters would send, or why GitHub would refuse it. The shared filter schema checks
 * this at input time and the sources build from it, so what is accepted is exactly what can be sent.
 */
export type SearchQueryPlan =
  | { kind: "ok"; query: string }
  | { kind: "too-long"; query: string; message: string }
  | { kind: "invalid-value"; field: "languages" | "topics"; message: string };

export function planSearchQuery({
  filters,
  today,
  lane = "best-match",
  pushed,
}: BuildSearchQueryOptions): SearchQueryPlan {
  const languages: string[] = [];
  for (const language of filters.languages) {
    const quoted = quoteValue({ value: language.trim(), field: "Language" });
    if (quoted.kind === "invalid-value") return { ...quoted, field: "languages" };
    languages.push(`language:${quoted.value}`);
  }
  const topics: string[] = [];
  for (const topic of filters.topics) {
    const quoted = quoteValue({ value: normalizeTopic(topic), field: "Topic" });
    if (quoted.kind === "invalid-value") return { ...quoted, field: "topics" };
    topics.push(`topic:${quoted.value}`);
  }
  const qualifiers = [
    ...languages,
    `stars:${filters.minStars}..${filters.maxStars}`,
    pushed
      ? `pushed:${pushed.from}..${pushed.to}`
      : `pushed:>=${resolvePushedAfter({ pushedAfter: filters.pushedAfter, today })}`,
    ...topics,
    ...(filters.license ? [`license:${filters.license}`] : []),
    "archived:false",
    ...laneQualifiers[lane],
  ];
  const freeText = filters.query.trim().replace(/\s+/g, " ");
  const assemble = (parts: string[]) => [...parts, ...(freeText ? [freeText] : [])].join(" ");

  const full = assemble([...qualifiers, "fork:false"]);
  if (full.length <= SEARCH_QUERY_MAX_CHARS) return { kind: "ok", query: full };
  // GitHub leaves forks out of searches by default, so dropping the qualifier changes no result.
  const shortened = assemble(qualifiers);
  if (shortened.length <= SEARCH_QUERY_MAX_CHARS) return { kind: "ok", query: shortened };
  return {
    kind: "too-long",
    query: shortened,
    message:
      `The search is too long for GitHub: at most ${SEARCH_QUERY_MAX_CHARS} characters including filters; ` +
      `this one would be ${shortened.length}.`,
  };
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
function quoteValue({
  value,
  field,
}: {
  value: string;
  field: "Language" | "Topic";
}): { kind: "quoted"; value: string } | { kind: "invalid-value"; message: string } {
  if (value.includes('"')) {
    return {
      kind: "invalid-value",
      message: `${field} "${value.replace(/"/g, "")}" cannot contain a double quote (")`,
    };
  }
  return { kind: "quoted", value: /^[\p{L}\p{N}+#._-]+$/u.test(value) ? value : `"${value}"` };
}
