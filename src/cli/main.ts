import { writeFile } from "node:fs/promises";
import { EventSource } from "eventsource";
import { createScoutClient } from "@/client";
import { runCli } from "./program";

/** The `scout` executable (bin/scout.mjs loads it): real streams, network, files and Ctrl-C. */
const exitCode = await runCli(process.argv.slice(2), {
  createClient: (baseUrl) => createScoutClient(baseUrl, { EventSource }),
  fetch: globalThis.fetch,
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
});

// Let stdout drain, then leave: an open event stream or keep-alive socket must not hold the process.
process.stdout.write("", () => {
  process.exit(exitCode);
});
