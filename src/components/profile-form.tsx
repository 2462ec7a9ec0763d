"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState, type FormEvent } from "react";
import { z } from "zod";
import { firstFieldMessages, serverFieldMessages } from "@/lib/field-errors";
import {
  GOALS_MAX_CHARS,
  profileInputSchema,
  skillLevels,
  type ProfileInput,
  type SkillLevel,
} from "@/server/schemas";
import { useTRPC } from "@/trpc/react";
import { TagInput } from "./tag-input";

type FieldErrors = Partial<Record<keyof ProfileInput, string>>;

const emptyProfile: ProfileInput = { languages: [], topics: [], skillLevel: "intermediate", goals: "" };

const skillLabels: Record<SkillLevel, { title: string; detail: string }> = {
  beginner: { title: "Beginner", detail: "New to open source; good first issues and clear docs" },
  intermediate: { title: "Intermediate", detail: "Comfortable with a codebase; features and bug fixes" },
  advanced: { title: "Advanced", detail: "Deep changes: architecture, performance, internals" },
};

export function ProfileForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const goalsId = useId();
  const profile = useQuery(trpc.profile.get.queryOptions());
  const [draft, setDraft] = useState<ProfileInput>(emptyProfile);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [savedAt, setSavedAt] = useState<string | null>(null);

  // The form starts from the saved profile once it arrives, and again after each save.
  useEffect(() => {
    if (profile.data) {
      const { languages, topics, skillLevel, goals } = profile.data;
      setDraft({ languages, topics, skillLevel, goals });
    }
  }, [profile.data]);

  const save = useMutation(
    trpc.profile.save.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.profile.get.queryKey(), saved);
        setSavedAt(saved.updatedAt);
        setErrors({});
      },
      onError: (error) => {
        const fieldErrors = serverFieldMessages(error);
        if (fieldErrors) setErrors(fieldErrors);
      },
    }),
  );

  function update<K extends keyof ProfileInput>(key: K, value: ProfileInput[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
    setSavedAt(null);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = profileInputSchema.safeParse(draft);
    if (!parsed.success) {
      setErrors(firstFieldMessages(z.flattenError(parsed.error).fieldErrors));
      return;
    }
    save.mutate(parsed.data);
  }

  const unexpectedError = save.error && !serverFieldMessages(save.error) ? save.error.message : null;
  const goalsLength = draft.goals.length;

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
        <form
          className="form"
          onSubmit={handleSubmit}
          noValidate
          data-testid="profile-form"
          aria-describedby="profile-heading"
        >
          {profile.isError ? (
            <p className="form-alert" role="alert">
              Could not load your saved profile: {profile.error.message}
            </p>
          ) : null}

          <TagInput
            label="Languages"
            hint="Press Enter or comma to add each one, for example TypeScript, Rust, Go."
            values={draft.languages}
            onChange={(values) => {
              update("languages", values);
            }}
            placeholder="Add a language"
            error={errors.languages}
            testId="profile-languages"
            maxItems={20}
          />

          <TagInput
            label="Topics"
            hint="Optional. Domains you care about, for example web, databases, machine-learning."
            values={draft.topics}
            onChange={(values) => {
              update("topics", values);
            }}
            placeholder="Add a topic"
            error={errors.topics}
            testId="profile-topics"
            maxItems={20}
          />

          <fieldset className="field" aria-describedby={errors.skillLevel ? "skill-error" : undefined}>
            <legend className="field-label">Skill level</legend>
            <div className="radio-grid">
              {skillLevels.map((level) => (
                <label key={level} className={`radio-card${draft.skillLevel === level ? " is-checked" : ""}`}>
                  <input
                    type="radio"
                    name="skillLevel"
                    value={level}
                    checked={draft.skillLevel === level}
                    onChange={() => {
                      update("skillLevel", level);
                    }}
                    data-testid={`profile-skill-${level}`}
                  />
                  <span className="radio-title">{skillLabels[level].title}</span>
                  <span className="radio-detail">{skillLabels[level].detail}</span>
                </label>
              ))}
            </div>
            {errors.skillLevel ? (
              <p id="skill-error" className="field-error" role="alert" data-testid="profile-skill-error">
                {errors.skillLevel}
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
              className={`textarea${errors.goals ? " has-error" : ""}`}
              rows={4}
              maxLength={GOALS_MAX_CHARS}
              value={draft.goals}
              placeholder="What do you want from contributing? For example: learn systems programming, help a CLI tool, grow towards maintainership."
              onChange={(event) => {
                update("goals", event.target.value);
              }}
              aria-invalid={errors.goals ? true : undefined}
              aria-describedby={errors.goals ? `${goalsId}-error` : undefined}
              data-testid="profile-goals"
            />
            {errors.goals ? (
              <p
                id={`${goalsId}-error`}
                className="field-error"
                role="alert"
                data-testid="profile-goals-error"
              >
                {errors.goals}
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
              {save.isPending ? "Saving…" : profile.data ? "Save changes" : "Save profile"}
            </button>
            <span className="form-status" role="status" aria-live="polite" data-testid="profile-status">
              {savedAt ? "Profile saved" : unexpectedError ? `Could not save: ${unexpectedError}` : ""}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
