/**
 * A GitHub repository-search string once parsed (parse-search-query.ts), ready to be evaluated against the
 * catalog (search-catalog.ts).
 */

/** A query GitHub would refuse; the catalog source passes its message on as a bad request. */
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
