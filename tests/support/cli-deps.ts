import type { CliDeps } from "@/cli/cli-deps";

/**
 * Dependencies for running the CLI in-process: output is captured; reaching for a server, the network or a
 * file fails loudly unless the test provides it.
 */
export function createCapturingCliDeps(overrides: Partial<CliDeps> = {}) {
  const captured = { stdout: "", stderr: "" };
  const decoder = new TextDecoder();
  const capture = (stream: "stdout" | "stderr") => ({
    write: (chunk: string | Uint8Array) => {
      captured[stream] += typeof chunk === "string" ? chunk : decoder.decode(chunk);
    },
  });
  const deps: CliDeps = {
    createClient: () => {
      throw new Error("this test has no server");
    },
    fetch: () => Promise.reject(new Error("this test has no network")),
    stdout: capture("stdout"),
    stderr: capture("stderr"),
    terminal: null,
    onInterrupt: () => () => undefined,
    writeFile: () => Promise.reject(new Error("this test writes no files")),
    // Fixed, so what a test prints does not depend on the machine it runs on.
    timeZone: "UTC",
    ...overrides,
  };
  return { deps, captured };
}
