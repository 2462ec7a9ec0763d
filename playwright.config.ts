import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumArgs, findSystemChromium } from "./tests/e2e/support/chromium";

/**
 * End-to-end tests run against `next build` + our production server (npm start) on a free port, with a
 * fresh SQLite file. Workers re-evaluate this file, so the choices made once are handed down through
 * environment variables that the workers inherit.
 */
function pickFreePort(): string {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

process.env.SCOUT_E2E_PORT ??= pickFreePort();
const port = process.env.SCOUT_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const databaseFile = path.join(os.tmpdir(), `scout-e2e-${port}`, "scout.db");

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // One server, one single-profile database: tests share state, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: findSystemChromium(process.env.CHROMIUM_PATH), args: chromiumArgs },
  },
  projects: [{ name: "offline", use: { browserName: "chromium" } }],
  webServer: {
    command: "npm start",
    url: `${baseURL}/api/trpc/scout.config`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: port,
      DATABASE_URL: `file:${databaseFile}`,
      // Pin the offline defaults even when the developer's shell holds real credentials.
      SCOUT_GITHUB_SOURCE: "catalog",
      SCOUT_ANALYZER: "heuristic",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
