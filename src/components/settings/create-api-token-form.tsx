"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { showServerErrors } from "@/lib/field-errors";
import { useHydrated } from "@/lib/use-hydrated";
import {
  API_TOKEN_NAME_MAX_CHARS,
  apiTokenCreateInputSchema,
  type ApiTokenCreateInput,
  type CleanApiTokenCreateInput,
  type CreatedApiToken,
} from "@/shared/api-tokens";
import { useTRPC } from "@/trpc/react";

/** Names a new token and creates it; the secret goes to `onCreated`, to be shown once. */
export function CreateApiTokenForm({
  atMax,
  max,
  onCreated,
}: {
  atMax: boolean;
  max: number | null;
  onCreated: (created: CreatedApiToken) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  // Before the script runs, the browser would submit the form itself, putting the name in the address.
  const hydrated = useHydrated();
  const form = useForm<ApiTokenCreateInput, unknown, CleanApiTokenCreateInput>({
    resolver: zodResolver(apiTokenCreateInputSchema),
    defaultValues: { name: "" },
  });
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: (created) => {
        form.reset();
        onCreated(created);
        void queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
      },
      onError: (error) => {
        showServerErrors(error, form.setError, ["name"]);
      },
    }),
  );
  const nameError = form.formState.errors.name?.message;
  const serverError = form.formState.errors.root?.server?.message;
  const hintId = `${nameId}-hint`;
  const errorId = `${nameId}-error`;
  return (
    <form
      className="form token-form"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          // The mutation keeps no copy of the secret once it is handed on: onCreated owns it.
          create.mutate(values, {
            onSettled: () => {
              create.reset();
            },
          });
        })(event);
      }}
      noValidate
      aria-labelledby={`${nameId}-heading`}
      data-testid="create-api-token-form"
    >
      <h3 id={`${nameId}-heading`} className="settings-subheading">
        Create a token
      </h3>
      <div className="field">
        <label htmlFor={nameId} className="field-label">
          Name
        </label>
        <p id={hintId} className="field-hint">
          What will use it, so you can tell it apart later: “laptop”, “nightly script”.
        </p>
        <input
          id={nameId}
          className={`input${nameError ? " has-error" : ""}`}
          maxLength={API_TOKEN_NAME_MAX_CHARS}
          autoComplete="off"
          {...form.register("name")}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${hintId} ${errorId}` : hintId}
          data-testid="api-token-name"
        />
        {nameError ? (
          <p id={errorId} className="field-error" role="alert" data-testid="api-token-name-error">
            {nameError}
          </p>
        ) : null}
      </div>
      {serverError ? (
        <p className="form-alert" role="alert" data-testid="create-api-token-error">
          {serverError}
        </p>
      ) : null}
      {atMax && max !== null ? (
        <p className="field-hint">
          You hold {max} tokens, the most one person may. Revoke one to create another.
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending || atMax || !hydrated}
          data-testid="create-api-token"
        >
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}
