import type { CliDeps } from "./cli-deps";
import { exitCodes, type ExitCode } from "./cli-error";
import { toCliError } from "./client-errors";
import { formatResultsTable, formatRunSummary, formatRunsTable } from "./format";

type Context = { deps: CliDeps; baseUrl: string; json: boolean };

/** `scout runs`: the search history, newest first. */
export async function runRunsList({
  deps,
  baseUrl,
  json,
  limit,
}: Context & { limit: number }): Promise<ExitCode> {
  const client = deps.createClient(baseUrl);
  const page = await client.scout.runs.query({ limit }).catch((error: unknown) => {
    throw toCliError(error, { baseUrl, optionNames: { limit: "--limit" } });
  });
  if (json) deps.stdout.write(JSON.stringify(page, null, 2) + "\n");
  else deps.stdout.write(formatRunsTable(page.items));
  return exitCodes.ok;
}

/** `scout show <runId>`: one run's summary and ranked results, also while it runs. */
export async function runShow({
  deps,
  baseUrl,
  json,
  runId,
}: Context & { runId: string }): Promise<ExitCode> {
  const client = deps.createClient(baseUrl);
  const result = await client.scout.results.query({ runId }).catch((error: unknown) => {
    throw toCliError(error, { baseUrl, notFound: `No run with id ${runId}. \`scout runs\` lists them.` });
  });
  if (json) deps.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else deps.stdout.write(`${formatRunSummary(result)}\n${formatResultsTable(result)}`);
  return exitCodes.ok;
}
