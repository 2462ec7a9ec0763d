import type { Watch } from "@/shared/watches";
import type { CliDeps } from "./cli-deps";
import { exitCodes, usageError, type ExitCode } from "./cli-error";
import { toCliError } from "./client-errors";
import { startAndFollowRun } from "./follow-run";
import { formatSchedule, formatWatch, formatWatchesTable } from "./format";
import {
  checkWatchInput,
  parseWatchSchedule,
  watchOptionNames,
  type WatchAddOptions,
} from "./parse-watch-options";
import { readSearchFilters } from "./search-command";

type Context = { deps: CliDeps; baseUrl: string; json: boolean };

const watchNotFound = (watchId: string) => `No watch with id ${watchId}. \`scout watch list\` lists them.`;
/** watches.delete and runNow name the id `watchId`; on the command line it is the <id> argument. */
const watchIdOptionNames = { watchId: "<id>" };

/** The feed's address on this server: anyone holding it can read the watch's digests. */
function feedUrlOf(watch: Watch, baseUrl: string): string {
  return new URL(watch.feedPath, baseUrl).toString();
}

function writeWatch(deps: CliDeps, watch: Watch, baseUrl: string, json: boolean): void {
  const feedUrl = feedUrlOf(watch, baseUrl);
  if (json) deps.stdout.write(JSON.stringify({ ...watch, feedUrl }, null, 2) + "\n");
  else deps.stdout.write(formatWatch(watch, feedUrl));
}

/**
 * `scout watch add <name>`: saves a search (the search options, read as `scout search` reads them) with one
 * schedule. It ranks for the saved profile as it is now: the server keeps a copy with the watch.
 */
export async function runWatchAdd({
  deps,
  baseUrl,
  json,
  name,
  flags,
}: Context & { name: string; flags: WatchAddOptions }): Promise<ExitCode> {
  // A missing or doubled schedule is refused before the server is asked anything, even for the profile.
  const { schedule, flag } = parseWatchSchedule(flags);
  try {
    const filters = await readSearchFilters(deps, baseUrl, flags);
    const input = checkWatchInput({ name, filters, schedule, scheduleFlag: flag, email: flags.email });
    const watch = await deps.createClient(baseUrl).watches.create.mutate(input);
    if (!json) deps.stdout.write(`Added watch "${watch.name}".\n`);
    writeWatch(deps, watch, baseUrl, json);
    return exitCodes.ok;
  } catch (error) {
    throw toCliError(error, { baseUrl, optionNames: watchOptionNames(flag) });
  }
}

/** `scout watch list`: the watches, oldest first. */
export async function runWatchList({ deps, baseUrl, json }: Context): Promise<ExitCode> {
  const client = deps.createClient(baseUrl);
  const list = await client.watches.list.query().catch((error: unknown) => {
    throw toCliError(error, { baseUrl });
  });
  if (json) deps.stdout.write(JSON.stringify(list, null, 2) + "\n");
  else deps.stdout.write(formatWatchesTable(list.items));
  return exitCodes.ok;
}

/** `scout watch show <id>`: one watch in full, with its feed's address. */
export async function runWatchShow({
  deps,
  baseUrl,
  json,
  watchId,
}: Context & { watchId: string }): Promise<ExitCode> {
  const client = deps.createClient(baseUrl);
  // The API has no single-watch read; a person keeps at most a few dozen, so the list is as cheap.
  const list = await client.watches.list.query().catch((error: unknown) => {
    throw toCliError(error, { baseUrl });
  });
  const watch = list.items.find((item) => item.id === watchId);
  if (!watch) throw usageError(watchNotFound(watchId));
  writeWatch(deps, watch, baseUrl, json);
  return exitCodes.ok;
}

/** `scout watch rm <id>`: deletes at once (the CLI asks nothing, as a script needs) and says what went. */
export async function runWatchRemove({
  deps,
  baseUrl,
  watchId,
}: Omit<Context, "json"> & { watchId: string }): Promise<ExitCode> {
  const client = deps.createClient(baseUrl);
  const deleted = await client.watches.delete.mutate({ watchId }).catch((error: unknown) => {
    throw toCliError(error, { baseUrl, notFound: watchNotFound(watchId), optionNames: watchIdOptionNames });
  });
  deps.stdout.write(`Deleted watch ${deleted.id}: "${deleted.name}", ${formatSchedule(deleted.schedule)}.\n`);
  return exitCodes.ok;
}

/** `scout watch run <id>`: runs the watch now and follows the run as `scout search` does. */
export async function runWatchRun({
  deps,
  baseUrl,
  json,
  watchId,
}: Context & { watchId: string }): Promise<ExitCode> {
  return startAndFollowRun({
    deps,
    baseUrl,
    json,
    errorContext: { notFound: watchNotFound(watchId), optionNames: watchIdOptionNames },
    start: async () => (await deps.createClient(baseUrl).watches.runNow.mutate({ watchId })).runId,
  });
}
