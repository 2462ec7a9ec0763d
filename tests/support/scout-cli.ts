import { spawn } from "node:child_process";
import path from "node:path";

/**
 * The `scout` command line as users run it: bin/scout.mjs in its own process. `env` is added to this
 * process's environment (a time zone, say).
 */

const root = path.resolve(import.meta.dirname, "../..");
const scoutBin = path.join(root, "bin/scout.mjs");

export type Finished = { code: number | null; stdout: string; stderr: string };

export function startScout(args: string[], { env = {} }: { env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [scoutBin, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const stderrListeners = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    for (const listener of stderrListeners) listener();
  });
  const exited = new Promise<Finished>((resolve) => {
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
  /** Resolves once stderr matches; fails if the process ends first. */
  const waitForStderr = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(stderr)) {
          stderrListeners.delete(check);
          resolve();
        }
      };
      stderrListeners.add(check);
      check();
      void exited.then(() => {
        reject(new Error(`scout exited before printing ${String(pattern)}; stderr:\n${stderr}`));
      });
    });
  return { child, exited, waitForStderr };
}

export function runScout(args: string[], options: { env?: Record<string, string> } = {}): Promise<Finished> {
  return startScout(args, options).exited;
}
