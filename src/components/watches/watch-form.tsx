"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { useForm, type FieldErrors } from "react-hook-form";
import { focusFirstInvalidField, serverFieldMessages } from "@/lib/field-errors";
import { useHydrated } from "@/lib/use-hydrated";
import { searchFiltersSchema, type SearchFilters, type SearchFiltersInput } from "@/shared/filters";
import { WATCH_NAME_MAX_CHARS, type Watch, type WatchProfile } from "@/shared/watches";
import { useTRPC } from "@/trpc/react";
import {
  emptyAsNull,
  SearchFilterFields,
  searchFilterFields,
  toSearchFilterDefaults,
  type SearchFilterDefaults,
} from "../search-filter-fields";
import {
  browserTimeZone,
  sameSchedule,
  scheduleDraftOf,
  scheduleErrorsOf,
  watchDetailsSchema,
  type WatchDetails,
  type WatchDetailsInput,
} from "./watch-details";
import { WatchScheduleFields } from "./watch-schedule-fields";

/** The profile a watch ranks for, in a few words: "Python, TypeScript · intermediate". */
export function describeWatchProfile(profile: Pick<WatchProfile, "languages" | "skillLevel">): string {
  return `${profile.languages.join(", ")} · ${profile.skillLevel}`;
}

/**
 * Creates a watch, or edits one: its name, the search it repeats, when, and where digests are mailed. The
 * filters are the search form's fields; the rest are validated by watches.create's schema, so an impossible
 * or more-than-hourly cron and an unknown time zone are refused here, under their fields, before sending.
 * A new watch ranks for the saved profile as it is now.
 */
export function WatchForm({
  watch,
  onSaved,
  onCancel,
}: {
  /** The watch to edit; absent: a new one. */
  watch?: Watch;
  onSaved: (saved: Watch) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const profile = useQuery({ ...trpc.profile.get.queryOptions(), enabled: watch === undefined });
  if (watch) return <WatchEditor watch={watch} onSaved={onSaved} onCancel={onCancel} />;
  if (profile.isPending) return <p className="muted">Loading your profile…</p>;
  return (
    <WatchEditor
      profile={profile.data ?? null}
      profileError={profile.isError ? profile.error.message : null}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

type EditorProps = {
  watch?: Watch;
  /** For a new watch: the saved profile it will rank for, or null when there is none yet. */
  profile?: WatchProfile | null;
  profileError?: string | null;
  onSaved: (saved: Watch) => void;
  onCancel: () => void;
};

function WatchEditor({ watch, profile = null, profileError = null, onSaved, onCancel }: EditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const ids = { heading: `${id}-heading`, name: `${id}-name`, email: `${id}-email` };
  const hydrated = useHydrated();
  // Fixed at mount, as the search form's are: a re-render must not move a field under the person.
  const [filterDefaults] = useState<SearchFilterDefaults>(() =>
    toSearchFilterDefaults(watch?.filters ?? { languages: profile?.languages ?? [] }),
  );
  const filtersForm = useForm<SearchFiltersInput, unknown, SearchFilters>({
    resolver: zodResolver(searchFiltersSchema),
    defaultValues: filterDefaults,
    shouldFocusError: false, // the submit handler focuses the first problem, in the order fields are shown
  });
  const detailsForm = useForm<WatchDetailsInput, unknown, WatchDetails>({
    resolver: zodResolver(watchDetailsSchema),
    defaultValues: {
      name: watch?.name ?? "",
      schedule: scheduleDraftOf(watch?.schedule ?? null, browserTimeZone()),
      emailTo: watch?.emailTo ?? null,
    },
    shouldFocusError: false,
  });
  const { setFocus } = detailsForm;
  // The form opens on a press of "New watch" or "Edit": the person goes on typing its name.
  useEffect(() => {
    setFocus("name");
  }, [setFocus]);

  /** Puts the server's messages beside the fields they name, focusing the first, or on the form. */
  const scheduleFields = [
    "schedule.hour",
    "schedule.weekday",
    "schedule.expression",
    "schedule.timeZone",
  ] as const;
  const showServerErrors = (error: unknown) => {
    const messages = serverFieldMessages(error) ?? {};
    const kind = detailsForm.getValues("schedule.kind");
    if (messages.emailTo) detailsForm.setError("emailTo", { type: "server", message: messages.emailTo });
    // Under the very field the server names when it says which; under the schedule as a whole otherwise.
    const scheduleField = scheduleFields.find((field) => messages[field] !== undefined);
    if (scheduleField)
      detailsForm.setError(scheduleField, { type: "server", message: messages[scheduleField] });
    else if (messages.schedule)
      detailsForm.setError("schedule", { type: "server", message: messages.schedule });
    if (messages.filters) filtersForm.setError("root.server", { type: "server", message: messages.filters });
    if (messages.name) detailsForm.setError("name", { type: "server", message: messages.name });
    // Focus goes to the first of them in the order the form shows them.
    if (messages.name) detailsForm.setFocus("name");
    else if (messages.filters) filtersForm.setFocus("languages");
    else if (scheduleField) detailsForm.setFocus(scheduleField);
    else if (messages.schedule)
      detailsForm.setFocus(kind === "cron" ? "schedule.expression" : "schedule.hour");
    else if (messages.emailTo) detailsForm.setFocus("emailTo");
    else {
      const message = error instanceof Error ? error.message : "Something went wrong";
      detailsForm.setError("root.server", { type: "server", message });
    }
  };
  const saved = async (result: Watch) => {
    await queryClient.invalidateQueries({ queryKey: trpc.watches.list.queryKey() });
    onSaved(result);
  };
  const create = useMutation(
    trpc.watches.create.mutationOptions({ onSuccess: saved, onError: showServerErrors }),
  );
  const update = useMutation(
    trpc.watches.update.mutationOptions({ onSuccess: saved, onError: showServerErrors }),
  );
  const pending = create.isPending || update.isPending;

  /**
   * Focuses the first field with a problem, in the order the form shows them. It reads the errors a submit
   * just found: the forms' own formState shows them only from their next render.
   */
  const focusFirstProblem = (
    filterErrors: FieldErrors<SearchFiltersInput> | null,
    detailErrors: FieldErrors<WatchDetailsInput> | null,
  ) => {
    const schedule = detailErrors ? scheduleErrorsOf(detailErrors) : undefined;
    if (detailErrors?.name) detailsForm.setFocus("name");
    else if (filterErrors) focusFirstInvalidField(filterErrors, searchFilterFields, filtersForm.setFocus);
    else if (schedule?.hour) detailsForm.setFocus("schedule.hour");
    else if (schedule?.weekday) detailsForm.setFocus("schedule.weekday");
    else if (schedule?.expression) detailsForm.setFocus("schedule.expression");
    else if (schedule?.timeZone) detailsForm.setFocus("schedule.timeZone");
    else if (detailErrors?.emailTo) detailsForm.setFocus("emailTo");
  };

  const submit = async () => {
    // Both parts are checked at once, so every problem shows after one press, not one part at a time.
    let filterErrors: FieldErrors<SearchFiltersInput> | null = null;
    let detailErrors: FieldErrors<WatchDetailsInput> | null = null;
    const filters = await new Promise<SearchFilters | null>((resolve) => {
      void filtersForm.handleSubmit(resolve, (errors) => {
        filterErrors = errors;
        resolve(null);
      })();
    });
    const details = await new Promise<WatchDetails | null>((resolve) => {
      void detailsForm.handleSubmit(resolve, (errors) => {
        detailErrors = errors;
        resolve(null);
      })();
    });
    if (!filters || !details) {
      focusFirstProblem(filterErrors, detailErrors);
      return;
    }
    if (!watch) {
      create.mutate({ ...details, filters });
      return;
    }
    update.mutate({
      watchId: watch.id,
      name: details.name,
      filters,
      // Sent only when changed: a new schedule restarts the watch's backoff, and a new address its consent.
      ...(sameSchedule(details.schedule, watch.schedule) ? {} : { schedule: details.schedule }),
      ...(details.emailTo === watch.emailTo ? {} : { emailTo: details.emailTo }),
    });
  };

  const { errors } = detailsForm.formState;
  const nameError = errors.name?.message;
  const emailError = errors.emailTo?.message;
  const filtersError = filtersForm.formState.errors.root?.server?.message;
  const formError = errors.root?.server?.message;
  const noProfile = !watch && profile === null && profileError === null;
  return (
    <form
      className="form watch-form"
      // Until the page's script runs, Enter in a tag field would submit the form natively; tests wait for this.
      data-hydrated={hydrated}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
      aria-labelledby={ids.heading}
      data-testid="watch-form"
    >
      <h3 id={ids.heading} className="settings-subheading">
        {watch ? `Edit “${watch.name}”` : "New watch"}
      </h3>
      <div className="field">
        <label htmlFor={ids.name} className="field-label">
          Name
        </label>
        <input
          id={ids.name}
          className={`input${nameError ? " has-error" : ""}`}
          maxLength={WATCH_NAME_MAX_CHARS}
          autoComplete="off"
          {...detailsForm.register("name")}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${ids.name}-error` : undefined}
          data-testid="watch-name"
        />
        {nameError ? (
          <p id={`${ids.name}-error`} className="field-error" role="alert" data-testid="watch-name-error">
            {nameError}
          </p>
        ) : null}
      </div>
      <fieldset className="field watch-filters">
        <legend className="field-label">Search</legend>
        {filtersError ? (
          <p className="field-error" role="alert" data-testid="watch-filters-error">
            {filtersError}
          </p>
        ) : null}
        <div className="form">
          <SearchFilterFields form={filtersForm} defaults={filterDefaults} testIdPrefix="watch" />
        </div>
      </fieldset>
      <WatchScheduleFields form={detailsForm} />
      <div className="field">
        <label htmlFor={ids.email} className="field-label">
          Email digests to
        </label>
        <p id={`${ids.email}-hint`} className="field-hint">
          Optional. Leave it empty for the feed only; mail goes out when this server is set up to send it.
        </p>
        <input
          id={ids.email}
          className={`input${emailError ? " has-error" : ""}`}
          type="email"
          autoComplete="email"
          defaultValue={watch?.emailTo ?? ""}
          {...detailsForm.register("emailTo", { setValueAs: emptyAsNull })}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? `${ids.email}-hint ${ids.email}-error` : `${ids.email}-hint`}
          data-testid="watch-email"
        />
        {emailError ? (
          <p id={`${ids.email}-error`} className="field-error" role="alert" data-testid="watch-email-error">
            {emailError}
          </p>
        ) : null}
      </div>
      <ProfileNote watch={watch} profile={profile} profileError={profileError} />
      {formError ? (
        <p className="form-alert" role="alert" data-testid="watch-form-error">
          {formError}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={pending || noProfile || !hydrated}
          data-testid="watch-submit"
        >
          {watch ? (pending ? "Saving…" : "Save changes") : pending ? "Creating…" : "Create watch"}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="watch-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Which profile the watch ranks for: the one saved with it, or (for a new one) the saved profile as it is now. */
function ProfileNote({
  watch,
  profile,
  profileError,
}: {
  watch: Watch | undefined;
  profile: WatchProfile | null;
  profileError: string | null;
}) {
  if (watch)
    return (
      <p className="field-hint" data-testid="watch-profile-note">
        It ranks repositories for the profile saved with it ({describeWatchProfile(watch.profile)}); editing
        your profile later does not change it.
      </p>
    );
  if (profileError !== null)
    return (
      <p className="form-alert" role="alert">
        Could not load your saved profile: {profileError}
      </p>
    );
  if (profile === null)
    return (
      <p className="form-alert" role="alert" data-testid="watch-needs-profile">
        Save your developer profile first, on the <Link href="/">search page</Link>: a watch ranks what it
        finds for it.
      </p>
    );
  return (
    <p className="field-hint" data-testid="watch-profile-note">
      It will rank repositories for your saved profile as it is now ({describeWatchProfile(profile)}); editing
      your profile later does not change the watch.
    </p>
  );
}
