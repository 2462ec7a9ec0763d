import os from "node:os";
import path from "node:path";

export type E2EProject = "offline" | "live" | "accounts";

/**
 * The SQLite file each project's app server uses. The Playwright config hands it to the server, and fixtures
 * open it to set up what the API cannot (there is no call that deletes the profile). Workers inherit the
 * port variables the config chose, so both sides compute the same path.
 */
export function e2eDatabasePath(project: E2EProject): string {
  const port = process.env.SCOUT_E2E_PORT;
  if (!port) throw new Error("SCOUT_E2E_PORT is not set; run the e2e tests through playwright.config.ts");
  return path.join(os.tmpdir(), `scout-e2e-${port}`, `${project}.db`);
}

/** The project a test runs in, from Playwright's project name. */
export function toE2EProject(name: string): E2EProject {
  if (name === "offline" || name === "live" || name === "accounts") return name;
  throw new Error(`Unknown e2e project "${name}"`);
}
