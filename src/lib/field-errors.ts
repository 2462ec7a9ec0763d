import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

type FlattenedFieldErrors = Record<string, string[] | undefined>;

/** The first message of each field, as a form shows it beside the field. */
export function firstFieldMessages(fieldErrors: FlattenedFieldErrors): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [field, fieldMessages] of Object.entries(fieldErrors)) {
    if (fieldMessages?.[0]) messages[field] = fieldMessages[0];
  }
  return messages;
}

/** The server's per-field messages for a failed call, or null when it failed for another reason. */
export function serverFieldMessages(error: unknown): Record<string, string> | null {
  if (!(error instanceof TRPCClientError)) return null;
  const fieldErrors = (error as TRPCClientError<AppRouter>).data?.zodError?.fieldErrors;
  const messages = fieldErrors ? firstFieldMessages(fieldErrors) : {};
  return Object.keys(messages).length > 0 ? messages : null;
}
