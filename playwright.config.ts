import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";
import { chromiumArgs, findSystemChromium } from "./tests/e2e/support/chromium";
import { e2eDatabasePath } from "./tests/e2e/support/e2e-databases";
import { e2eSecrets } from "./tests/e2e/support/e2e-secrets";
import { DEFAULT_OAUTH_APP } from "./tests/fakes/github-oauth";

/**
 * End-to-end tests run against `next build` + our production server (npm start), twice:
 * - "live": SCOUT_GITHUB_SOURCE=live and SCOUT_ANALYZER=llm against the test GitHub and LLM servers, which
 *   run in their own process (Playwright starts web servers before globalSetup) with a control API;
 * - "offline": the defaults, the demo catalog and the built-in analyzer.
 * Workers re-evaluate this file, so the ports chosen once are handed down through environment variables.
 */
function pickFreePort(): string {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

process.env.SCOUT_E2E_PORT ??= pickFreePort();
process.env.SCOUT_E2E_LIVE_PORT ??= pickFreePort();
process.env.SCOUT_E2E_ACCOUNTS_PORT ??= pickFreePort();
process.env.SCOUT_E2E_GITHUB_PORT ??= pickFreePort();
process.env.SCOUT_E2E_OPENAI_PORT ??= pickFreePort();
process.env.SCOUT_E2E_FAKES_CONTROL_PORT ??= pickFreePort();
// The accounts server has test servers of its own: the live project resets its stand-ins before each test,
// which would forget the GitHub tokens the accounts project's people signed in with.
process.env.SCOUT_E2E_ACCOUNTS_GITHUB_PORT ??= pickFreePort();
process.env.SCOUT_E2E_ACCOUNTS_OPENAI_PORT ??= pickFreePort();
process.env.SCOUT_E2E_ACCOUNTS_CONTROL_PORT ??= pickFreePort();
const offlinePort = process.env.SCOUT_E2E_PORT;
const livePort = process.env.SCOUT_E2E_LIVE_PORT;
const accountsPort = process.env.SCOUT_E2E_ACCOUNTS_PORT;
const githubPort = process.env.SCOUT_E2E_GITHUB_PORT;
const openaiPort = process.env.SCOUT_E2E_OPENAI_PORT;
const controlPort = process.env.SCOUT_E2E_FAKES_CONTROL_PORT;
const accountsGitHubPort = process.env.SCOUT_E2E_ACCOUNTS_GITHUB_PORT;
const accountsOpenAIPort = process.env.SCOUT_E2E_ACCOUNTS_OPENAI_PORT;
const accountsControlPort = process.env.SCOUT_E2E_ACCOUNTS_CONTROL_PORT;

/** The test GitHub and LLM servers, in a process of their own with a control API. */
function fakesServer(ports: { github?: string; openai?: string; control?: string }) {
  return {
    command: `node --import tsx tests/fakes/serve-fakes.ts --github-port ${ports.github} --openai-port ${ports.openai} --control-port ${ports.control} --github-token ${e2eSecrets.githubToken} --openai-key ${e2eSecrets.openaiKey}`,
    url: `http://127.0.0.1:${ports.control}/health`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
  };
}

/** `npm start` (a production build) on the given port with the given settings. */
function appServer(port: string, env: Record<string, string>) {
  return {
    command: "npm start",
    url: `http://127.0.0.1:${port}/api/trpc/scout.config`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
    // Many searches run from one address in one hour; the hourly limit has its own API tests.
    env: { NEXT_TELEMETRY_DISABLED: "1", SCOUT_SEARCH_RATE_LIMIT: "1000", PORT: port, ...env },
  };
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // One server and one single-profile database per project: a project's tests share state, so each project
  // runs its tests one at a time, and the two projects run side by side.
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    // A failed test keeps its trace (actions, console, network) and a screenshot, without the screencast or
    // a DOM snapshot per action: the browser is most of the suite's work on two cores, and recording those
    // for every passing test only added to it.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: false },
    // The phase bar's sweep repaints every frame while a run works, which no test but its own reads; that
    // test turns motion back on (focus-and-announcements.spec.ts).
    reducedMotion: "reduce",
    screenshot: "only-on-failure",
    browserName: "chromium",
    launchOptions: { executablePath: findSystemChromium(process.env.CHROMIUM_PATH), args: chromiumArgs },
  },
  projects: [
    // Untagged tests run offline only, @live ones live only, @both ones in each (see tests/e2e/journey.spec.ts).
    {
      name: "offline",
      use: { baseURL: `http://127.0.0.1:${offlinePort}` },
      grepInvert: /@live/,
      testIgnore: /accounts[\w-]*\.spec\.ts/,
      workers: 1,
    },
    {
      name: "live",
      use: { baseURL: `http://127.0.0.1:${livePort}` },
      grep: /@live|@both/,
      testIgnore: /accounts[\w-]*\.spec\.ts/,
      workers: 1,
    },
    // Sign-in with GitHub, on a server of its own, against test GitHub and LLM servers of its own.
    {
      name: "accounts",
      use: { baseURL: `http://127.0.0.1:${accountsPort}` },
      testMatch: /accounts[\w-]*\.spec\.ts/,
    },
  ],
  webServer: [
    fakesServer({ github: githubPort, openai: openaiPort, control: controlPort }),
    fakesServer({ github: accountsGitHubPort, openai: accountsOpenAIPort, control: accountsControlPort }),
    // The offline server goes first and builds once if needed; the live one reuses that build.
    appServer(offlinePort, {
      DATABASE_URL: `file:${e2eDatabasePath("offline")}`,
      // Pin the offline defaults even when the developer's shell holds real credentials.
      SCOUT_GITHUB_SOURCE: "catalog",
      SCOUT_ANALYZER: "heuristic",
    }),
    appServer(livePort, {
      DATABASE_URL: `file:${e2eDatabasePath("live")}`,
      SCOUT_GITHUB_SOURCE: "live",
      GITHUB_TOKEN: e2eSecrets.githubToken,
      GITHUB_API_URL: `http://127.0.0.1:${githubPort}`,
      SCOUT_ANALYZER: "llm",
      OPENAI_API_KEY: e2eSecrets.openaiKey,
      OPENAI_BASE_URL: `http://127.0.0.1:${openaiPort}/v1`,
      SCOUT_MAX_REPOS: "24",
      SCOUT_ANALYSIS_TIMEOUT_MS: "20000",
      // GitHub's one-second pacing would add seconds to every live search here; its own test covers it.
      SCOUT_GITHUB_QUERY_INTERVAL_MS: "0",
    }),
    appServer(accountsPort, {
      DATABASE_URL: `file:${e2eDatabasePath("accounts")}`,
      // Live GitHub, the default with sign-in: each person searches with their own token.
      SCOUT_ANALYZER: "heuristic",
      SCOUT_MAX_REPOS: "12",
      SCOUT_GITHUB_QUERY_INTERVAL_MS: "0",
      AUTH_GITHUB_ID: DEFAULT_OAUTH_APP.clientId,
      AUTH_GITHUB_SECRET: DEFAULT_OAUTH_APP.clientSecret,
      AUTH_SECRET: e2eSecrets.sessionSecret,
      SCOUT_TOKEN_KEYS: e2eSecrets.tokenKeys,
      SCOUT_PUBLIC_URL: `http://127.0.0.1:${accountsPort}`,
      // As behind a proxy: each browser context names its own address, so sign-in's limit of a few attempts
      // per address and ten seconds counts each person apart (tests/e2e/support/sign-in.ts).
      SCOUT_TRUST_PROXY: "1",
      GITHUB_WEB_URL: `http://127.0.0.1:${accountsGitHubPort}`,
      GITHUB_API_URL: `http://127.0.0.1:${accountsGitHubPort}`,
    }),
  ],
});
