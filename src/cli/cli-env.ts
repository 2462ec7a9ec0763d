import { API_TOKEN_PREFIX, apiTokenPattern } from "@/shared/api-tokens";
import { usageError } from "./cli-error";

/**
 * The CLI's own settings from its environment (the server's are src/env.ts's, which the CLI does not load).
 * The token comes from SCOUT_API_TOKEN and from nowhere else: a flag would be kept in the shell's history and
 * shown to every user of the machine by `ps`.
 */
export type CliEnvironment = { apiToken: string | null };

export function readCliEnvironment(
  environment: Readonly<Record<string, string | undefined>>,
): CliEnvironment {
  const apiToken = environment.SCOUT_API_TOKEN?.trim() ?? "";
  if (apiToken === "") return { apiToken: null };
  // Checked here so a pasted fragment fails at once; the message never repeats what was given.
  if (!apiTokenPattern.test(apiToken))
    throw usageError(
      `SCOUT_API_TOKEN is not a personal API token: those start with ${API_TOKEN_PREFIX} and are copied whole from the server's /settings page.`,
    );
  return { apiToken };
}
