import type { ScoutClient } from "@/client";
import type { ScoutEvent } from "@/shared/events";
import type { ScoutSearchResult } from "@/shared/runs";
import type { CliDeps } from "./cli-deps";
import { CliError, exitCodes, type ExitCode } from "./cli-error";
import { toCliError, type ErrorContext } from "./client-errors";
import { formatResultsTable, formatRunSummary } from "./format";
import { createProgressReporter } from "./progress";

type TerminalEvent = Extract<ScoutEvent, { type: "complete" | "error" | "cancelled" }>;

function isTerminal(event: ScoutEvent): event is TerminalEvent {
  return event.type === "complete" || event.type === "error" || event.type === "cancelled";
}

/** Follows the run's event stream until its terminal event, handing every event to `onEvent`. */
function followRun(client: ScoutClient, runId: string, onEvent: (event: ScoutEvent) => void) {
  let unsubscribe: () => void = () => undefined;
  const terminal = new Promise<TerminalEvent>((resolve, reject) => {
    const subscription = client.scout.stream.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          onEvent(data);
          if (isTerminal(data)) resolve(data);
        },
        onError: reject,
        onComplete: () => {
          reject(new CliError(exitCodes.failure, `The server closed run ${runId}'s event stream early.`));
        },
      },
    );
    unsubscribe = () => {
      subscription.unsubscribe();
    };
  });
  return {
    terminal,
    close: () => {
      unsubscribe();
    },
  };
}

/** Resolves on the first Ctrl-C; a second one gives up waiting for the server. */
function watchInterrupts(deps: CliDeps) {
  let interrupts = 0;
  let onFirst: () => void = () => undefined;
  let onSecond: () => void = () => undefined;
  const first = new Promise<"interrupted">((resolve) => {
    onFirst = () => {
      resolve("interrupted");
    };
  });
  const second = new Promise<never>((_resolve, reject) => {
    onSecond = () => {
      reject(new CliError(exitCodes.runNotFinished, "Interrupted again: stopped waiting for the server."));
    };
  });
  second.catch(() => undefined);
  const dispose = deps.onInterrupt(() => {
    interrupts += 1;
    if (interrupts === 1) onFirst();
    else onSecond();
  });
  return { first, second, dispose };
}

/**
 * Starts a run with `start` (which returns its id), shows its progress, and ends with the ranked table (or,
 * with --json, the final ScoutSearchResult). Ctrl-C cancels the run on the server, also one pressed while it
 * was being started. `scout search` and `scout watch run` differ only in how the run starts. Returns the exit
 * code.
 */
export async function startAndFollowRun(options: {
  deps: CliDeps;
  baseUrl: string;
  json: boolean;
  /** How the command names its fields and an unknown id in its errors. */
  errorContext: Omit<ErrorContext, "baseUrl">;
  /** Checks the command's input, then starts the run and returns its id. */
  start: () => Promise<string>;
}): Promise<ExitCode> {
  const { deps, baseUrl, json, errorContext, start } = options;
  const interrupts = watchInterrupts(deps);
  const reporter = createProgressReporter({ terminal: deps.terminal, stderr: deps.stderr });
  let stream: ReturnType<typeof followRun> | null = null;
  try {
    const runId = await start();
    const client = deps.createClient(baseUrl);
    deps.stderr.write(`Started run ${runId}. Ctrl-C cancels it.\n`);
    stream = followRun(client, runId, (event) => {
      reporter.show(event);
    });
    const outcome = await Promise.race([stream.terminal, interrupts.first, interrupts.second]);
    if (outcome === "interrupted") {
      reporter.stop();
      deps.stderr.write(`Cancelling run ${runId} on the server…\n`);
      const cancelled = await Promise.race([client.scout.cancel.mutate({ runId }), interrupts.second]);
      const finished = cancelled.status === "completed" || cancelled.status === "partial";
      // The run finished before the cancel reached it: report it as usual.
      if (!finished) {
        throw new CliError(
          exitCodes.runNotFinished,
          cancelled.status === "running"
            ? `Asked the server to cancel run ${runId}; it is still winding down.`
            : cancelled.status === "cancelled"
              ? `Cancelled run ${runId}.`
              : `Run ${runId} ended ${cancelled.status}.`,
        );
      }
    }
    const terminal = await Promise.race([stream.terminal, interrupts.second]);
    reporter.stop();
    return await reportOutcome({ deps, client, runId, terminal, json });
  } catch (error) {
    throw toCliError(error, { ...errorContext, baseUrl });
  } finally {
    reporter.stop();
    stream?.close();
    interrupts.dispose();
  }
}

async function reportOutcome(options: {
  deps: CliDeps;
  client: ScoutClient;
  runId: string;
  terminal: TerminalEvent;
  json: boolean;
}): Promise<ExitCode> {
  const { deps, client, runId, terminal, json } = options;
  // Only `complete` carries the result; the other endings leave what the run stored.
  const result: ScoutSearchResult =
    terminal.type === "complete" ? terminal.data : await client.scout.results.query({ runId });
  if (json) deps.stdout.write(JSON.stringify(result, null, 2) + "\n");
  if (terminal.type === "cancelled") {
    deps.stderr.write(`Run ${runId} was cancelled: ${terminal.message}\n`);
    return exitCodes.runNotFinished;
  }
  if (terminal.type === "error") {
    // Finding nothing, or filtering everything out, is an answer rather than a failure.
    const answered = terminal.reason === "no-repositories" || terminal.reason === "all-filtered";
    deps.stderr.write(`${answered ? "" : `Run ${runId} failed: `}${terminal.message}\n`);
    return answered ? exitCodes.ok : exitCodes.runNotFinished;
  }
  if (!json) deps.stdout.write(`${formatRunSummary(result)}\n${formatResultsTable(result)}`);
  return exitCodes.ok;
}
