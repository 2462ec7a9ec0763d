import { spawn, type ChildProcess } from "node:child_process";
import { findFreePort } from "../../scripts/lib/free-port";
import { createFakesControl, type FakesControl } from "../e2e/support/fakes-control";

/**
 * The processes of a hosted Scout on loopback, for the cluster test and `npm run bench:cluster`: the test
 * GitHub and LLM servers, web instances (tests/support/api-instance.ts) and workers (scripts/worker.ts).
 * Each is a real process started with node and tsx, and stopped (or killed) by its own PID.
 */

export type ServiceProcess = {
  child: ChildProcess;
  pid: number;
  /** What the process printed when it became ready (its URL, say). */
  ready: string;
  /** The last of what it printed, for a failing test's report. */
  output: () => string;
  /** SIGTERM, then waits for it to exit (SIGKILL after 10 s). */
  stop: () => Promise<void>;
  /** SIGKILL: a crash, with no chance to clean up. */
  kill: () => Promise<void>;
};

const OUTPUT_KEPT_CHARS = 20_000;

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
}

/**
 * Starts `node --import tsx <script>` with exactly the environment given (plus PATH and HOME), and resolves
 * with the first stdout line matching `ready`. Its output is kept for the error if it exits first.
 */
export async function startService({
  script,
  args = [],
  env,
  ready,
  name,
}: {
  script: string;
  args?: string[];
  env: Record<string, string>;
  ready: RegExp;
  name: string;
}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  let output = "";
  const readyLine = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((candidate) => ready.test(candidate));
      if (line) resolve(line);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code, signal) => {
      reject(new Error(`${name} exited (${code ?? signal ?? "?"}) before it was ready:\n${output}`));
    });
  });
  // Keep the tail of its output, and keep draining it so a chatty process never blocks on a full pipe.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout.removeAllListeners("data");
  child.stderr.removeAllListeners("data");
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return {
    child,
    pid,
    ready: readyLine,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await waitForExit(child);
      clearTimeout(timer);
    },
    async kill() {
      child.kill("SIGKILL");
      await waitForExit(child);
    },
  };
}

export type FakesProcess = ServiceProcess & { control: FakesControl; githubUrl: string; openaiUrl: string };

/** The test GitHub and OpenAI servers in a process of their own, with their control API. */
export async function startFakesProcess({
  githubToken,
  openaiKey,
  warm = false,
}: {
  githubToken: string;
  openaiKey: string;
  /** Write every test repository's activity before serving (slower start, no first-visit cost). */
  warm?: boolean;
}): Promise<FakesProcess> {
  const [githubPort, openaiPort, controlPort] = await Promise.all([
    findFreePort(),
    findFreePort(),
    findFreePort(),
  ]);
  const service = await startService({
    name: "serve-fakes",
    script: "tests/fakes/serve-fakes.ts",
    args: [
      ...["--github-port", String(githubPort), "--openai-port", String(openaiPort)],
      ...["--control-port", String(controlPort), "--github-token", githubToken, "--openai-key", openaiKey],
      ...(warm ? ["--warm"] : []),
    ],
    env: {},
    ready: /serve-fakes ready/,
  });
  return {
    ...service,
    control: createFakesControl(`http://127.0.0.1:${controlPort}`),
    githubUrl: `http://127.0.0.1:${githubPort}`,
    openaiUrl: `http://127.0.0.1:${openaiPort}/v1`,
  };
}

/** A web instance of the hosted mode; `url` is where its API answers. */
export async function startApiInstance(
  env: Record<string, string>,
): Promise<ServiceProcess & { url: string }> {
  const service = await startService({
    name: "api-instance",
    script: "tests/support/api-instance.ts",
    env,
    ready: /^api-instance ready /,
  });
  return { ...service, url: service.ready.replace(/^api-instance ready /, "").trim() };
}

/** A worker of the hosted mode (`npm run worker`). */
export function startWorkerProcess(env: Record<string, string>): Promise<ServiceProcess> {
  return startService({ name: "worker", script: "scripts/worker.ts", env, ready: /is taking searches/ });
}

/**
 * The environment of a hosted Scout's processes against the test servers: live GitHub and the LLM, small
 * searches, no hourly limit, and the client read from x-forwarded-for (every test client shares one address).
 */
export function hostedServiceEnv({
  databaseUrl,
  fakes,
  githubToken,
  openaiKey,
  overrides = {},
}: {
  databaseUrl: string;
  fakes: Pick<FakesProcess, "githubUrl" | "openaiUrl">;
  githubToken: string;
  openaiKey: string;
  overrides?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SCOUT_GITHUB_SOURCE: "live",
    GITHUB_TOKEN: githubToken,
    GITHUB_API_URL: fakes.githubUrl,
    SCOUT_ANALYZER: "llm",
    OPENAI_API_KEY: openaiKey,
    OPENAI_BASE_URL: fakes.openaiUrl,
    SCOUT_MAX_REPOS: "16",
    SCOUT_SEARCH_RATE_LIMIT: "1000",
    SCOUT_TRUST_PROXY: "1",
    ...overrides,
  };
}
