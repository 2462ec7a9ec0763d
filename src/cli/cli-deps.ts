import type { ScoutClient } from "@/client";

export type Output = { write(chunk: string | Uint8Array): unknown };

/** Everything the commands touch outside themselves, so tests can run them with their own. */
export type CliDeps = {
  createClient: (baseUrl: string) => ScoutClient;
  fetch: typeof globalThis.fetch;
  stdout: Output;
  stderr: Output;
  /** stderr when it is a terminal (live progress bar there), null otherwise (plain progress lines). */
  terminal: NodeJS.WriteStream | null;
  /** Calls the handler on each Ctrl-C until the returned function is called. */
  onInterrupt: (handler: () => void) => () => void;
  writeFile: (path: string, data: Uint8Array) => Promise<void>;
  /** This machine's IANA time zone: a watch's hour is read in it unless --tz says otherwise. */
  timeZone: string;
};
