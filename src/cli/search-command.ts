import type { SearchFiltersInput } from "@/shared/filters";
import type { CliDeps } from "./cli-deps";
import type { ExitCode } from "./cli-error";
import { startAndFollowRun } from "./follow-run";
import { parseSearchFilters, searchOptionNames, type SearchCommandOptions } from "./parse-options";

/**
 * The filters the search options ask for. With --lang they are checked before anything reaches the server.
 * Without it, they take the saved profile's languages, as the web form does.
 */
export async function readSearchFilters(
  deps: CliDeps,
  baseUrl: string,
  flags: SearchCommandOptions,
): Promise<SearchFiltersInput> {
  const languages =
    flags.lang.length > 0
      ? flags.lang
      : ((await deps.createClient(baseUrl).profile.get.query())?.languages ?? []);
  return parseSearchFilters(flags, languages);
}

/**
 * `scout search`: starts a run, shows its progress, and ends with the ranked table (or, with --json, the
 * final ScoutSearchResult). Ctrl-C cancels the run on the server. Returns the exit code.
 */
export async function runSearchCommand(options: {
  deps: CliDeps;
  baseUrl: string;
  flags: SearchCommandOptions & { json?: boolean };
}): Promise<ExitCode> {
  const { deps, baseUrl, flags } = options;
  return startAndFollowRun({
    deps,
    baseUrl,
    json: flags.json === true,
    errorContext: { optionNames: searchOptionNames },
    start: async () => {
      const filters = await readSearchFilters(deps, baseUrl, flags);
      return (await deps.createClient(baseUrl).scout.search.mutate(filters)).runId;
    },
  });
}
