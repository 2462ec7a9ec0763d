"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useForm, useWatch } from "react-hook-form";
import { focusFirstInvalidField, showServerErrors } from "@/lib/field-errors";
import { useHydrated } from "@/lib/use-hydrated";
import {
  GOALS_MAX_CHARS,
  profileInputSchema,
  skillLevels,
  type CleanProfileInput,
  type Profile,
  type ProfileInput,
  type SkillLevel,
} from "@/shared/profile";
import { useTRPC } from "@/trpc/react";
import { TagField } from "./tag-field";

const profileFields = ["languages", "topics", "skillLevel", "goals"] as const;

const skillLabels: Record<SkillLevel, { title: string; detail: string }> = {
  beginner: { title: "Beginner", detail: "New to open source; good first issues and clear docs" },
  intermediate: { title: "Intermediate", detail: "Comfortable with a codebase; features and bug fixes" },
  advanced: { title: "Advanced", detail: "Deep changes: architecture, performance, internals" },
};

function toDraft(profile: Profile | null): ProfileInput {
  if (!profile) return { languages: [], topics: [], skillLevel: "intermediate", goals: "" };
  const { languages, topics, skillLevel, goals } = profile;
  return { languages, topics, skillLevel, goals };
}

export function ProfileForm() {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profile.get.queryOptions());
  return (
    <section className="card" aria-labelledby="profile-heading">
      <header className="card-header">
        <h2 id="profile-heading">Your developer profile</h2>
        <p className="card-subtitle">
          Scout ranks repositories by how well they fit what you know and what you want to learn.
        </p>
      </header>
      {profile.isPending ? (
        <p className="muted" data-testid="profile-loading">
          Loading your profile…
        </p>
      ) : (
        // The editor starts from the profile as loaded; after a save it resets itself to what was saved.
        <ProfileEditor
          saved={profile.data ?? null}
          loadError={profile.isError ? profile.error.message : null}
        />
      )}
    </section>
  );
}

function ProfileEditor({ saved, loadError }: { saved: Profile | null; loadError: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const goalsId = useId();
  const form = useForm<ProfileInput, unknown, CleanProfileInput>({
    resolver: zodResolver(profileInputSchema),
    defaultValues: toDraft(saved),
    shouldFocusError: false, // focusFirstInvalidField does it, in the order the fields are shown
  });
  const { errors, isDirty } = form.formState;

  const save = useMutation(
    trpc.profile.save.mutationOptions({
      onSuccess: (savedProfile) => {
        queryClient.setQueryData(trpc.profile.get.queryKey(), savedProfile);
        form.reset(toDraft(savedProfile));
      },
      onError: (error) => {
        showServerErrors(error, form.setError, profileFields);
      },
    }),
  );

  const skillLevel = useWatch({ control: form.control, name: "skillLevel" });
  const goalsLength = useWatch({ control: form.control, name: "goals" }).length;
  const skillError = errors.skillLevel?.message;
  const goalsError = errors.goals?.message;
  const serverError = errors.root?.server?.message;
  // "Saved" holds until the next edit; going back to the saved values makes it true again.
  const status =
    save.isSuccess && !isDirty ? "Profile saved" : serverError ? `Could not save: ${serverError}` : "";

  const hydrated = useHydrated();
  return (
    <form
      className="form"
      // Until the page's script runs, typing into the tag fields and pressing Enter would submit the form
      // natively; tests and tools wait for this before they type.
      data-hydrated={hydrated}
      onSubmit={(event) => {
        void form.handleSubmit(
          (values) => {
            save.mutate(values);
          },
          (invalid) => {
            focusFirstInvalidField(invalid, profileFields, form.setFocus);
          },
        )(event);
      }}
      noValidate
      data-testid="profile-form"
      aria-describedby="profile-heading"
    >
      {loadError !== null ? (
        <p className="form-alert" role="alert">
          Could not load your saved profile: {loadError}
        </p>
      ) : null}

      <TagField
        control={form.control}
        name="languages"
        label="Languages"
        hint="Press Enter or comma to add each one, for example TypeScript, Rust, Go."
        placeholder="Add a language"
        testId="profile-languages"
        maxItems={20}
      />

      <TagField
        control={form.control}
        name="topics"
        label="Topics"
        hint="Optional. Domains you care about, for example web, databases, machine-learning."
        placeholder="Add a topic"
        testId="profile-topics"
        maxItems={20}
      />

      <fieldset className="field" aria-describedby={skillError ? "skill-error" : undefined}>
        <legend className="field-label">Skill level</legend>
        <div className="radio-grid">
          {skillLevels.map((level) => (
            <label key={level} className={`radio-card${skillLevel === level ? " is-checked" : ""}`}>
              <input
                type="radio"
                value={level}
                defaultChecked={form.formState.defaultValues?.skillLevel === level}
                {...form.register("skillLevel")}
                data-testid={`profile-skill-${level}`}
              />
              <span className="radio-title">{skillLabels[level].title}</span>
              <span className="radio-detail">{skillLabels[level].detail}</span>
            </label>
          ))}
        </div>
        {skillError ? (
          <p id="skill-error" className="field-error" role="alert" data-testid="profile-skill-error">
            {skillError}
          </p>
        ) : null}
      </fieldset>

      <div className="field">
        <div className="field-label-row">
          <label htmlFor={goalsId} className="field-label">
            Goals
          </label>
          <span
            className={`counter${goalsLength >= GOALS_MAX_CHARS ? " counter-full" : ""}`}
            data-testid="profile-goals-counter"
            aria-live="polite"
          >
            {goalsLength}/{GOALS_MAX_CHARS}
          </span>
        </div>
        <textarea
          id={goalsId}
          className={`textarea${goalsError ? " has-error" : ""}`}
          rows={4}
          maxLength={GOALS_MAX_CHARS}
          defaultValue={form.formState.defaultValues?.goals}
          placeholder="What do you want from contributing? For example: learn systems programming, help a CLI tool, grow towards maintainership."
          {...form.register("goals")}
          aria-invalid={goalsError ? true : undefined}
          aria-describedby={goalsError ? `${goalsId}-error` : undefined}
          data-testid="profile-goals"
        />
        {goalsError ? (
          <p id={`${goalsId}-error`} className="field-error" role="alert" data-testid="profile-goals-error">
            {goalsError}
          </p>
        ) : null}
      </div>

      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending}
          data-testid="profile-save"
        >
          {save.isPending ? "Saving…" : saved || save.isSuccess ? "Save changes" : "Save profile"}
        </button>
        <span className="form-status" role="status" aria-live="polite" data-testid="profile-status">
          {status}
        </span>
      </div>
    </form>
  );
}
