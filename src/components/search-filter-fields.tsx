"use client";

import { useEffect, useId } from "react";
import { useWatch, type Control, type UseFormReturn } from "react-hook-form";
import { defaultActiveSince } from "@/lib/dates";
import { searchQueryLengthOf, type SearchFilters, type SearchFiltersInput } from "@/shared/filters";
import { SEARCH_QUERY_MAX_CHARS } from "@/shared/search-query";
import { TagField } from "./tag-field";

/**
 * The search filters' fields, for every form that asks for a search: the search form, which runs one now, and
 * the watch form, which saves one to run on a schedule. The form around them owns validation and submission.
 */

export const licenseOptions = [
  ["mit", "MIT"],
  ["apache-2.0", "Apache 2.0"],
  ["gpl-3.0", "GPL 3.0"],
  ["agpl-3.0", "AGPL 3.0"],
  ["lgpl-3.0", "LGPL 3.0"],
  ["bsd-3-clause", "BSD 3-Clause"],
  ["bsd-2-clause", "BSD 2-Clause"],
  ["mpl-2.0", "MPL 2.0"],
  ["isc", "ISC"],
  ["unlicense", "Unlicense"],
] as const;

/** The fields in the order they are shown: server errors and focus go to the first of them with a problem. */
export const searchFilterFields = [
  "languages",
  "minStars",
  "maxStars",
  "topics",
  "pushedAfter",
  "license",
  "query",
  "requireStarterIssues",
] as const satisfies readonly (keyof SearchFiltersInput)[];

export type SearchFilterDefaults = Required<SearchFiltersInput>;

export type SearchFilterForm = UseFormReturn<SearchFiltersInput, unknown, SearchFilters>;

export function toSearchFilterDefaults(
  filters: Pick<SearchFilters, "languages"> & Partial<SearchFilters>,
): SearchFilterDefaults {
  return {
    languages: filters.languages,
    topics: filters.topics ?? [],
    minStars: filters.minStars ?? 10,
    maxStars: filters.maxStars ?? 500_000,
    pushedAfter: filters.pushedAfter ?? defaultActiveSince(new Date()),
    license: filters.license ?? null,
    query: filters.query ?? "",
    requireStarterIssues: filters.requireStarterIssues ?? false,
  };
}

// Empty date and license fields mean "no value", which the schema spells null.
export const emptyAsNull = (value: unknown) => (value === "" ? null : value);

/**
 * Languages, stars, topics, activity, license, search text and the starter-issue requirement, bound to the
 * given form. Test ids start with `testIdPrefix` ("search-languages", "watch-languages"…).
 */
export function SearchFilterFields({
  form,
  defaults,
  testIdPrefix,
}: {
  form: SearchFilterForm;
  /** The values the form started from, fixed at mount. */
  defaults: SearchFilterDefaults;
  testIdPrefix: string;
}) {
  const ids = {
    min: useId(),
    max: useId(),
    date: useId(),
    license: useId(),
    query: useId(),
    starter: useId(),
  };
  const testId = (name: string) => `${testIdPrefix}-${name}`;
  const { errors } = form.formState;
  const queryLength = useSearchQueryLength(form.control);
  const overLimit = queryLength !== null && queryLength > SEARCH_QUERY_MAX_CHARS;
  const queryHasError = errors.query !== undefined;
  // The limit counts every filter, so any field can push the search over it: say so at the search text as
  // soon as it happens, in the schema's own words, and take the message away once it fits again.
  useEffect(() => {
    if (overLimit || queryHasError) void form.trigger("query");
  }, [form, overLimit, queryHasError, queryLength]);

  const starsError = errors.minStars?.message ?? errors.maxStars?.message;

  return (
    <>
      <TagField
        control={form.control}
        name="languages"
        label="Languages"
        placeholder="Add a language"
        testId={testId("languages")}
        maxItems={20}
      />
      <fieldset className="field">
        <legend className="field-label">Stars</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.min} className="field-hint">
              Minimum
            </label>
            <input
              id={ids.min}
              className={`input${starsError ? " has-error" : ""}`}
              type="number"
              min={0}
              inputMode="numeric"
              defaultValue={defaults.minStars}
              // The maximum's "at least the minimum" message depends on this field too.
              {...form.register("minStars", { valueAsNumber: true, deps: ["maxStars"] })}
              aria-invalid={starsError ? true : undefined}
              aria-describedby={starsError ? `${ids.min}-error` : undefined}
              data-testid={testId("min-stars")}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.max} className="field-hint">
              Maximum
            </label>
            <input
              id={ids.max}
              className={`input${starsError ? " has-error" : ""}`}
              type="number"
              min={0}
              inputMode="numeric"
              defaultValue={defaults.maxStars}
              {...form.register("maxStars", { valueAsNumber: true, deps: ["minStars"] })}
              aria-invalid={starsError ? true : undefined}
              aria-describedby={starsError ? `${ids.min}-error` : undefined}
              data-testid={testId("max-stars")}
            />
          </div>
        </div>
        {starsError ? (
          <p id={`${ids.min}-error`} className="field-error" role="alert" data-testid={testId("stars-error")}>
            {starsError}
          </p>
        ) : null}
      </fieldset>
      <TagField
        control={form.control}
        name="topics"
        label="Topics"
        hint="Optional; a repository must have all of them."
        placeholder="Add a topic"
        testId={testId("topics")}
        maxItems={20}
      />
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.date} className="field-label">
            Active since
          </label>
          <input
            id={ids.date}
            className={`input${errors.pushedAfter ? " has-error" : ""}`}
            type="date"
            defaultValue={defaults.pushedAfter ?? ""}
            {...form.register("pushedAfter", { setValueAs: emptyAsNull })}
            aria-invalid={errors.pushedAfter ? true : undefined}
            aria-describedby={errors.pushedAfter ? `${ids.date}-error` : undefined}
            data-testid={testId("pushed-after")}
          />
          {errors.pushedAfter ? (
            <p id={`${ids.date}-error`} className="field-error" role="alert">
              {errors.pushedAfter.message}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={ids.license} className="field-label">
            License
          </label>
          <select
            id={ids.license}
            className="input"
            defaultValue={defaults.license ?? ""}
            {...form.register("license", { setValueAs: emptyAsNull })}
            aria-invalid={errors.license ? true : undefined}
            aria-describedby={errors.license ? `${ids.license}-error` : undefined}
            data-testid={testId("license")}
          >
            <option value="">Any license</option>
            {licenseOptions.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
          {errors.license ? (
            <p id={`${ids.license}-error`} className="field-error" role="alert">
              {errors.license.message}
            </p>
          ) : null}
        </div>
      </div>
      <div className="field">
        <div className="field-label-row">
          <label htmlFor={ids.query} className="field-label">
            Search text
          </label>
          <span
            id={`${ids.query}-count`}
            className={`counter${overLimit ? " counter-full" : ""}`}
            data-testid={testId("query-counter")}
          >
            {queryLength ?? "–"}/{SEARCH_QUERY_MAX_CHARS} characters including filters
          </span>
        </div>
        <input
          id={ids.query}
          className={`input${errors.query ? " has-error" : ""}`}
          type="search"
          maxLength={500}
          defaultValue={defaults.query}
          placeholder="Optional, e.g. parser, terminal, accessibility"
          {...form.register("query")}
          aria-invalid={errors.query ? true : undefined}
          aria-describedby={`${ids.query}-count${errors.query ? ` ${ids.query}-error` : ""}`}
          data-testid={testId("query")}
        />
        {/* Not an alert: while typing past the limit it changes with every key. The field's description
            carries it, and a submit moves focus to the field. */}
        {errors.query ? (
          <p id={`${ids.query}-error`} className="field-error" data-testid={testId("query-error")}>
            {errors.query.message}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={ids.starter} className="checkbox-field">
          <input
            id={ids.starter}
            type="checkbox"
            defaultChecked={defaults.requireStarterIssues}
            {...form.register("requireStarterIssues")}
            aria-describedby={`${ids.starter}-hint`}
            data-testid={testId("require-starter-issues")}
          />
          <span>Only repositories with an unclaimed starter issue</span>
        </label>
        <p id={`${ids.starter}-hint`} className="field-hint">
          A good first issue or help-wanted issue that nobody is assigned to or has a pull request open for.
        </p>
        {errors.requireStarterIssues ? (
          <p className="field-error">{errors.requireStarterIssues.message}</p>
        ) : null}
      </div>
    </>
  );
}

/** How long the GitHub search these values would send is, qualifiers included, as the user edits them. */
function useSearchQueryLength(control: Control<SearchFiltersInput, unknown, SearchFilters>): number | null {
  const [languages, topics, minStars, maxStars, pushedAfter, license, query, requireStarterIssues] = useWatch(
    {
      control,
      name: [
        "languages",
        "topics",
        "minStars",
        "maxStars",
        "pushedAfter",
        "license",
        "query",
        "requireStarterIssues",
      ],
    },
  );
  return searchQueryLengthOf({
    languages,
    topics,
    minStars,
    maxStars,
    pushedAfter,
    license,
    query,
    requireStarterIssues,
  });
}
