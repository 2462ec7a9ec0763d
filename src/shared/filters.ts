import { planSearchQuery } from "./search-query";
import { cleanTagList, tagList } from "./tag-list";
import { z } from "./zod";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real day of the calendar, written YYYY-MM-DD. Date parsing rolls impossible days over (2026-02-30 becomes
 * 2 March), so the value must survive a round trip unchanged.
 */
export function isCalendarDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** What an omitted filter means (docs/api.md); the schema and the form's live counter share them. */
export const searchFilterDefaults = {
  minStars: 10,
  maxStars: 500_000,
  topics: [] as string[],
  pushedAfter: null,
  license: null,
  query: "",
  requireStarterIssues: false,
} as const;

export const searchFiltersSchema = z
  .object({
    languages: tagList({
      noun: "language",
      minItems: 1,
      maxItems: 20,
      maxChars: 40,
      tooFew: "Select at least one language",
    }),
    minStars: z
      .number({ error: "Minimum stars must be a number" })
      .int("Minimum stars must be a whole number")
      .min(0, "Minimum stars cannot be negative")
      .default(searchFilterDefaults.minStars),
    maxStars: z
      .number({ error: "Maximum stars must be a number" })
      .int("Maximum stars must be a whole number")
      .min(0, "Maximum stars cannot be negative")
      .default(searchFilterDefaults.maxStars),
    topics: tagList({ noun: "topic", minItems: 0, maxItems: 20, maxChars: 50, tooFew: "" }).default([]),
    pushedAfter: z
      .string()
      .regex(isoDate, "Active since must be a date (YYYY-MM-DD)")
      .refine(isCalendarDate, "Active since must be a real date")
      .nullable()
      .default(searchFilterDefaults.pushedAfter),
    license: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]{1,40}$/, "License must be a GitHub license keyword such as mit or apache-2.0")
      .nullable()
      .default(searchFilterDefaults.license),
    query: z
      .string()
      .max(500, "Search text must be at most 500 characters")
      .default(searchFilterDefaults.query),
    // Only repositories with at least one unclaimed starter issue reach analysis.
    requireStarterIssues: z
      .boolean({ error: "Require starter issues must be true or false" })
      .default(searchFilterDefaults.requireStarterIssues),
  })
  .refine((filters) => filters.maxStars >= filters.minStars, {
    path: ["maxStars"],
    error: "Maximum stars must be at least the minimum",
  })
  .superRefine((filters, ctx) => {
    // GitHub refuses the whole search string past its limit, qualifiers included; refusing it here costs
    // the user nothing, where GitHub's refusal would cost a run and an hourly search.
    const plan = planSearchQuery({ filters, today: new Date() });
    if (plan.kind === "too-long") ctx.addIssue({ code: "custom", path: ["query"], message: plan.message });
    if (plan.kind === "invalid-value")
      ctx.addIssue({ code: "custom", path: [plan.field], message: plan.message });
  });
export type SearchFiltersInput = z.input<typeof searchFiltersSchema>;
export type SearchFilters = z.output<typeof searchFiltersSchema>;

/**
 * The length of the GitHub search that the form's current values would send, for a live counter beside
 * SEARCH_QUERY_MAX_CHARS; null while a value cannot be sent at all (the schema names that field).
 */
export function searchQueryLengthOf(input: SearchFiltersInput, today: Date = new Date()): number | null {
  const filters: SearchFilters = {
    languages: cleanTagList(input.languages),
    topics: cleanTagList(input.topics ?? searchFilterDefaults.topics),
    minStars: input.minStars ?? searchFilterDefaults.minStars,
    maxStars: input.maxStars ?? searchFilterDefaults.maxStars,
    pushedAfter: input.pushedAfter ?? searchFilterDefaults.pushedAfter,
    license: input.license?.trim().toLowerCase() || searchFilterDefaults.license,
    query: input.query ?? searchFilterDefaults.query,
    requireStarterIssues: input.requireStarterIssues ?? searchFilterDefaults.requireStarterIssues,
  };
  // The date's length never varies, so the counter agrees with the server whatever its clock says.
  const plan = planSearchQuery({ filters, today });
  return plan.kind === "invalid-value" ? null : plan.query.length;
}
