"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type FormEvent } from "react";
import { z } from "zod";
import { firstFieldMessages, serverFieldMessages } from "@/lib/field-errors";
import { defaultActiveSince } from "@/lib/dates";
import { searchFiltersSchema, type SearchFilters } from "@/server/schemas";
import { useTRPC } from "@/trpc/react";
import { TagInput } from "./tag-input";

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

type FormState = {
  languages: string[];
  topics: string[];
  minStars: string;
  maxStars: string;
  pushedAfter: string;
  license: string;
  query: string;
};

type FieldName = keyof FormState;
type Errors = Partial<Record<FieldName | "form", string>>;

function toFormState(filters: Partial<SearchFilters>): FormState {
  return {
    languages: filters.languages ?? [],
    topics: filters.topics ?? [],
    minStars: String(filters.minStars ?? 10),
    maxStars: String(filters.maxStars ?? 500_000),
    pushedAfter: filters.pushedAfter ?? defaultActiveSince(new Date()),
    license: filters.license ?? "",
    query: filters.query ?? "",
  };
}

function parseStars(value: string): number | string {
  return value.trim() === "" ? Number.NaN : /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

/** The search filters; it starts a run and opens its page. */
export function SearchForm({
  initialFilters,
  runActive = false,
}: {
  initialFilters?: SearchFilters;
  runActive?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ids = { min: useId(), max: useId(), date: useId(), license: useId(), query: useId() };
  const profile = useQuery(trpc.profile.get.queryOptions());
  const [form, setForm] = useState<FormState>(() => toFormState(initialFilters ?? {}));
  const [errors, setErrors] = useState<Errors>({});
  const [touched, setTouched] = useState(false);

  // Until the user edits the form, it follows the run being shown, or the saved profile's interests.
  useEffect(() => {
    if (touched) return;
    if (initialFilters) setForm(toFormState(initialFilters));
    else if (profile.data)
      setForm((current) => ({ ...current, languages: profile.data?.languages ?? [], topics: [] }));
  }, [initialFilters, profile.data, touched]);

  const search = useMutation(
    trpc.scout.search.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.scout.runs.queryKey() });
        router.push(`/runs/${runId}`);
      },
      onError: (error) => {
        setErrors(serverFieldMessages(error) ?? { form: error.message });
      },
    }),
  );

  function update<K extends FieldName>(key: K, value: FormState[K]) {
    setTouched(true);
    setForm((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({
      ...current,
      [key]: undefined,
      form: undefined,
      ...(key === "minStars" || key === "maxStars" ? { minStars: undefined, maxStars: undefined } : {}),
    }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = searchFiltersSchema.safeParse({
      languages: form.languages,
      topics: form.topics,
      minStars: parseStars(form.minStars),
      maxStars: parseStars(form.maxStars),
      pushedAfter: form.pushedAfter === "" ? null : form.pushedAfter,
      license: form.license === "" ? null : form.license,
      query: form.query,
    });
    if (!parsed.success) {
      setErrors(firstFieldMessages(z.flattenError(parsed.error).fieldErrors));
      return;
    }
    setErrors({});
    search.mutate(parsed.data);
  }

  const noProfile = profile.isSuccess && profile.data === null;
  const disabled = runActive || search.isPending || noProfile;
  const starsError = errors.minStars ?? errors.maxStars;

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
        <form className="form" onSubmit={handleSubmit} noValidate data-testid="search-form">
          <TagInput
            label="Languages"
            values={form.languages}
            onChange={(values) => {
              update("languages", values);
            }}
            placeholder="Add a language"
            error={errors.languages}
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
                  value={form.minStars}
                  onChange={(event) => {
                    update("minStars", event.target.value);
                  }}
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
                  value={form.maxStars}
                  onChange={(event) => {
                    update("maxStars", event.target.value);
                  }}
                  aria-invalid={starsError ? true : undefined}
                  aria-describedby={starsError ? `${ids.min}-error` : undefined}
                  data-testid="search-max-stars"
                />
              </div>
            </div>
            {starsError ? (
              <p
                id={`${ids.min}-error`}
                className="field-error"
                role="alert"
                data-testid="search-stars-error"
              >
                {starsError}
              </p>
            ) : null}
          </fieldset>
          <TagInput
            label="Topics"
            hint="Optional; a repository must have all of them."
            values={form.topics}
            onChange={(values) => {
              update("topics", values);
            }}
            placeholder="Add a topic"
            error={errors.topics}
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
                value={form.pushedAfter}
                onChange={(event) => {
                  update("pushedAfter", event.target.value);
                }}
                data-testid="search-pushed-after"
              />
              {errors.pushedAfter ? <p className="field-error">{errors.pushedAfter}</p> : null}
            </div>
            <div className="field">
              <label htmlFor={ids.license} className="field-label">
                License
              </label>
              <select
                id={ids.license}
                className="input"
                value={form.license}
                onChange={(event) => {
                  update("license", event.target.value);
                }}
                data-testid="search-license"
              >
                <option value="">Any license</option>
                {licenseOptions.map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor={ids.query} className="field-label">
              Search text
            </label>
            <input
              id={ids.query}
              className={`input${errors.query ? " has-error" : ""}`}
              type="search"
              maxLength={500}
              value={form.query}
              placeholder="Optional, e.g. parser, terminal, accessibility"
              onChange={(event) => {
                update("query", event.target.value);
              }}
              data-testid="search-query"
            />
            {errors.query ? <p className="field-error">{errors.query}</p> : null}
          </div>
          {errors.form ? (
            <p className="form-alert" role="alert" data-testid="search-error">
              {errors.form}
            </p>
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={disabled}
              data-testid="search-submit"
            >
              {search.isPending ? "Starting…" : runActive ? "Search running…" : "Search"}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
