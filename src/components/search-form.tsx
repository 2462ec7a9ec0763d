"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useForm, useWatch, type Control } from "react-hook-form";
import { defaultActiveSince } from "@/lib/dates";
import { focusFirstInvalidField, showServerErrors } from "@/lib/field-errors";
import { useHydrated } from "@/lib/use-hydrated";
import {
  searchFiltersSchema,
  searchQueryLengthOf,
  type SearchFilters,
  type SearchFiltersInput,
} from "@/shared/filters";
import { SEARCH_QUERY_MAX_CHARS } from "@/shared/search-query";
import { useTRPC } from "@/trpc/react";
import { SignInButton } from "./sign-in-button";
import { TagField } from "./tag-field";

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

const filterFields = [
  "languages",
  "minStars",
  "maxStars",
  "topics",
  "pushedAfter",
  "license",
  "query",
  "requireStarterIssues",
] as const satisfies readonly (keyof SearchFiltersInput)[];

type FormDefaults = Required<SearchFiltersInput>;

function toFormDefaults(filters: Pick<SearchFilters, "languages"> & Partial<SearchFilters>): FormDefaults {
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
const emptyAsNull = (value: unknown) => (value === "" ? null : value);

/**
 * The search filters; it starts a run and opens its page. It starts from the run being shown, or else from
 * the saved profile's languages, and starts over when those change (a new run, a profile saved with other
 * languages).
 */
export function SearchForm({
  initialFilters,
  runActive = false,
}: {
  initialFilters?: SearchFilters;
  runActive?: boolean;
}) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profile.get.queryOptions());
  const noProfile = profile.isSuccess && profile.data === null;
  const profileLanguages = profile.data?.languages ?? [];

  return (
    <section className="card" aria-labelledby="search-heading">
      <header className="card-header">
        <h2 id="search-heading">Search</h2>
        <p className="card-subtitle">
          Scout discovers candidates, filters out tutorials and lists, reads their READMEs and ranks them for
          you.
        </p>
      </header>
      {noProfile ? (
        <p className="form-alert" role="alert" data-testid="search-needs-profile">
          Save your developer profile first: Scout ranks repositories against it.
        </p>
      ) : null}
      {profile.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <SearchFilterForm
          key={initialFilters ? "run" : `profile:${profileLanguages.join("\n")}`}
          defaults={toFormDefaults(initialFilters ?? { languages: profileLanguages })}
          blocked={runActive || noProfile}
          runActive={runActive}
        />
      )}
    </section>
  );
}

function SearchFilterForm({
  defaults: initialDefaults,
  blocked,
  runActive,
}: {
  defaults: FormDefaults;
  blocked: boolean;
  runActive: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ids = {
    min: useId(),
    max: useId(),
    date: useId(),
    license: useId(),
    query: useId(),
    starter: useId(),
  };
  // Fixed at mount: later renders recompute "six months ago", which must not move the field under the user.
  const [defaults] = useState(initialDefaults);
  const form = useForm<SearchFiltersInput, unknown, SearchFilters>({
    resolver: zodResolver(searchFiltersSchema),
    defaultValues: defaults,
    shouldFocusError: false, // focusFirstInvalidField does it, in the order the fields are shown
  });
  const { errors } = form.formState;
  const queryLength = useSearchQueryLength(form.control);
  const overLimit = queryLength !== null && queryLength > SEARCH_QUERY_MAX_CHARS;
  const queryHasError = errors.query !== undefined;
  // The limit counts every filter, so any field can push the search over it: say so at the search text as
  // soon as it happens, in the schema's own words, and take the message away once it fits again.
  useEffect(() => {
    if (overLimit || queryHasError) void form.trigger("query");
  }, [form, overLimit, queryHasError, queryLength]);

  const search = useMutation(
    trpc.scout.search.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.scout.runs.pathKey() });
        router.push(`/runs/${runId}`);
      },
      onError: (error) => {
        showServerErrors(error, form.setError, filterFields);
      },
    }),
  );

  const starsError = errors.minStars?.message ?? errors.maxStars?.message;
  const formError = errors.root?.server?.message;

  const hydrated = useHydrated();
  return (
    <form
      className="form"
      // Until the page's script runs, typing into the tag fields and pressing Enter would submit the form
      // natively; tests and tools wait for this before they type.
      data-hydrated={hydrated}
      onSubmit={(event) => {
        void form.handleSubmit(
          (filters) => {
            search.mutate(filters);
          },
          (invalid) => {
            focusFirstInvalidField(invalid, filterFields, form.setFocus);
          },
        )(event);
      }}
      noValidate
      data-testid="search-form"
    >
      <TagField
        control={form.control}
        name="languages"
        label="Languages"
        placeholder="Add a language"
        testId="search-languages"
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
              data-testid="search-min-stars"
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
              data-testid="search-max-stars"
            />
          </div>
        </div>
        {starsError ? (
          <p id={`${ids.min}-error`} className="field-error" role="alert" data-testid="search-stars-error">
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
        testId="search-topics"
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
            data-testid="search-pushed-after"
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
            data-testid="search-license"
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
            data-testid="search-query-counter"
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
          data-testid="search-query"
        />
        {/* Not an alert: while typing past the limit it changes with every key. The field's description
            carries it, and a submit moves focus to the field. */}
        {errors.query ? (
          <p id={`${ids.query}-error`} className="field-error" data-testid="search-query-error">
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
            data-testid="search-require-starter-issues"
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
      {formError ? (
        <p className="form-alert" role="alert" data-testid="search-error">
          {formError}
        </p>
      ) : null}
      {search.error?.data?.blockedBy === "github-sign-in" ? (
        <SignInButton returnTo="/" label="Sign in with GitHub again" />
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={blocked || search.isPending}
          data-testid="search-submit"
        >
          {search.isPending ? "Starting…" : runActive ? "Search running…" : "Search"}
        </button>
      </div>
    </form>
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
