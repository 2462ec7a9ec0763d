import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { getRunResult } from "@/server/pipeline/get-run-result";
import { readRunEvents } from "@/server/runs/run-events";
import { recoverAndPrune } from "@/server/app-dependencies";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { startOpenAIServer, type OpenAIServer } from "../fakes/openai-server";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * A server process killed with SIGKILL mid-analysis, then a restart on the same SQLite file: the run must
 * come back `interrupted`, with one terminal event, and totals that agree with the rows it stored.
 */

const GITHUB_TOKEN = "fake_gh_crashTest000000000000000000000000";
const OPENAI_KEY = "fake_oa_crash-test-0000000000000000000000";
const runner = path.resolve("tests/support/crash-runner.ts");
const NOW = new Date("2025-06-01T12:00:00Z");

let github: GitHubServer;
let openai: OpenAIServer;
let temp: TempDb;

beforeAll(async () => {
  github = await startGitHubServer({
    data: createCatalogGitHubData(generateDemoCatalog({ now: NOW })),
    token: GITHUB_TOKEN,
  });
  openai = await startOpenAIServer({ apiKey: OPENAI_KEY });
  temp = createTempDb();
});
afterAll(async () => {
  await github.close();
  await openai.close();
  await temp.cleanup();
});

/** Starts the search in its own process and resolves with it once it has frozen after a commit. */
function runUntilFrozen(options: { runId: string; freezeAtResults: number }) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      runner,
      JSON.stringify({
        databaseUrl: temp.databaseUrl,
        runId: options.runId,
        githubUrl: github.url,
        githubToken: GITHUB_TOKEN,
        openaiUrl: openai.url,
        openaiKey: OPENAI_KEY,
        freezeAtResults: options.freezeAtResults,
        now: NOW.toISOString(),
      }),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.on("exit", (code, signal) => {
      resolve(signal ?? code);
    });
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const frozen = new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /^frozen (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
      else reject(new Error(`the runner said ${JSON.stringify(line)} instead of freezing: ${stderr}`));
    });
    void exited.then((how) => {
      reject(new Error(`the runner exited (${String(how)}) before freezing: ${stderr}`));
    });
  });
  return { child, frozen, exited };
}

describe("a server killed mid-analysis", () => {
  // A process of its own compiles and starts the whole server stack: give it time on a busy machine.
  it(
    "comes back interrupted after a restart, with totals that match the stored rows",
    { timeout: 60_000 },
    async () => {
      const runId = "killed-mid-analysis";
      const { child, frozen, exited } = runUntilFrozen({ runId, freezeAtResults: 10 });
      expect(await frozen).toBe(10);
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");

      // The restart: the same file, the server's own start-up housekeeping.
      await recoverAndPrune({
        db: temp.db,
        clock: () => NOW,
        logger: { error: () => {}, warn: () => {} },
      });

      const rows = await temp.db.analysisResult.count({ where: { runId } });
      expect(rows).toBe(10);
      const result = await getRunResult({
        db: temp.db,
        logger: { error: () => {}, warn: () => {} },
        runId,
        access: "server",
      });
      expect(result.status).toBe("interrupted");
      expect(result.totalAnalyzed).toBe(rows);
      expect(result.results.length + (result.rejected?.length ?? 0)).toBe(rows);
      const events = await readRunEvents({
        db: temp.db,
        logger: { error: () => {}, warn: () => {} },
        runId,
        afterSeq: 0,
      });
      const terminal = events.filter(({ event }) => ["complete", "error", "cancelled"].includes(event.type));
      expect(terminal).toHaveLength(1);
      expect(events.at(-1)?.event).toMatchObject({
        type: "error",
        message: "The search was interrupted by a server restart.",
      });
    },
  );
});
