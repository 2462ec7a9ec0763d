import { writeFile } from "node:fs/promises";
import { EventSource } from "eventsource";
import { bearerHeader, createScoutClient } from "@/client";
import { getCliEnvironment } from "@/env";
import { CliError } from "./cli-error";
import { readCliEnvironment } from "./cli-env";
import { runCli } from "./program";

/** The `scout` executable (bin/scout.mjs loads it): real streams, network, files and Ctrl-C. */
async function main(): Promise<number> {
  let apiToken: string | null;
  try {
    ({ apiToken } = readCliEnvironment(getCliEnvironment()));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  const token = apiToken ?? undefined;
  return runCli(process.argv.slice(2), {
    createClient: (baseUrl) => createScoutClient(baseUrl, { EventSource, token }),
    // The export route is reached with plain fetch: it gets the token the API calls get.
    fetch: token
      ? (input, init) =>
          globalThis.fetch(input, {
            ...init,
            headers: { ...Object.fromEntries(new Headers(init?.headers)), ...bearerHeader(token) },
          })
      : globalThis.fetch,
    stdout: process.stdout,
    stderr: process.stderr,
    terminal: process.stderr.isTTY ? process.stderr : null,
    onInterrupt: (handler) => {
      process.on("SIGINT", handler);
      return () => {
        process.off("SIGINT", handler);
      };
    },
    writeFile: (path, data) => writeFile(path, data),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
}

const exitCode = await main();

// Let stdout drain, then leave: an open event stream or keep-alive socket must not hold the process.
process.stdout.write("", () => {
  process.exit(exitCode);
});
