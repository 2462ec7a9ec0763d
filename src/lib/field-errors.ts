import { TRPCClientError } from "@trpc/client";
import type { FieldErrors, FieldValues, Path, UseFormSetError, UseFormSetFocus } from "react-hook-form";
import type { AppRouter } from "@/client";

/**
 * The server's first message for each field of a failed call, or null when it failed for another reason:
 * keyed by the top-level field ("schedule") and, for a nested one, by its whole path too ("schedule.hour").
 */
export function serverFieldMessages(error: unknown): Record<string, string> | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<AppRouter>).data;
  const messages: Record<string, string> = {};
  for (const [field, fieldMessages] of Object.entries(data?.zodError?.fieldErrors ?? {})) {
    if (fieldMessages?.[0]) messages[field] = fieldMessages[0];
  }
  for (const issue of data?.inputIssues ?? []) {
    if (issue.path.includes(".")) messages[issue.path] ??= issue.message;
  }
  return Object.keys(messages).length > 0 ? messages : null;
}

/**
 * Puts a failed call's errors where the user looks: each field's message beside that field, with focus on
 * the first of them (fields in form order), anything else (a refused search, a network failure) on the
 * form as a whole, under `root.server`.
 */
export function showServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): void {
  const messages = serverFieldMessages(error) ?? {};
  const shown = fields.filter((field) => messages[field] !== undefined);
  shown.forEach((field, index) => {
    setError(field, { type: "server", message: messages[field] }, { shouldFocus: index === 0 });
  });
  if (shown.length === 0) {
    const message = error instanceof Error ? error.message : "Something went wrong";
    setError("root.server", { type: "server", message });
  }
}

/**
 * The message to show beside a field. A list field's problem may sit on one of its items (e.g. "Each language
 * must be at most 40 characters"), which react-hook-form keeps in an array by index.
 */
export function firstErrorMessage(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  if ("message" in error && typeof error.message === "string" && error.message !== "") return error.message;
  if (Array.isArray(error)) {
    for (const item of error as unknown[]) {
      const message = firstErrorMessage(item);
      if (message !== undefined) return message;
    }
  }
  return undefined;
}

/**
 * Moves focus to the first field with an error, in the order the form shows them. react-hook-form's own
 * shouldFocusError follows the order fields registered in, and a Controller registers after the plain
 * fields around it, so it would skip a list field at the top of the form.
 */
export function focusFirstInvalidField<T extends FieldValues>(
  errors: FieldErrors<T>,
  fields: readonly Path<T>[],
  setFocus: UseFormSetFocus<T>,
): void {
  const first = fields.find((field) => (errors as Record<string, unknown>)[field] !== undefined);
  if (first !== undefined) setFocus(first);
}
