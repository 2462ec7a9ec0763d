"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { focusFirstInvalidField, showServerErrors } from "@/lib/field-errors";
import { useHydrated } from "@/lib/use-hydrated";
import { searchFiltersSchema, type SearchFilters, type SearchFiltersInput } from "@/shared/filters";
import { useTRPC } from "@/trpc/react";
import {
  SearchFilterFields,
  searchFilterFields,
  toSearchFilterDefaults,
  type SearchFilterDefaults,
} from "./search-filter-fields";
import { SignInButton } from "./sign-in-button";

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
          defaults={toSearchFilterDefaults(initialFilters ?? { languages: profileLanguages })}
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
  defaults: SearchFilterDefaults;
  blocked: boolean;
  runActive: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // Fixed at mount: later renders recompute "six months ago", which must not move the field under the user.
  const [defaults] = useState(initialDefaults);
  const form = useForm<SearchFiltersInput, unknown, SearchFilters>({
    resolver: zodResolver(searchFiltersSchema),
    defaultValues: defaults,
    shouldFocusError: false, // focusFirstInvalidField does it, in the order the fields are shown
  });

  const search = useMutation(
    trpc.scout.search.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.scout.runs.pathKey() });
        router.push(`/runs/${runId}`);
      },
      onError: (error) => {
        showServerErrors(error, form.setError, searchFilterFields);
      },
    }),
  );

  const formError = form.formState.errors.root?.server?.message;

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
            focusFirstInvalidField(invalid, searchFilterFields, form.setFocus);
          },
        )(event);
      }}
      noValidate
      data-testid="search-form"
    >
      <SearchFilterFields form={form} defaults={defaults} testIdPrefix="search" />
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
