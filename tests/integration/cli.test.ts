import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppDependencies } from "@/server/app-dependencies";
import { scoutSearchResultSchema, type ScoutSearchResult } from "@/shared/runs";
import { serveApi } from "../support/http-app";
import { runScout, startScout } from "../support/scout-cli";
import {
  callerFor,
  collectRunEvents,
  holdAnalyses,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";

/**
 * The `scout` command line as users run it: bin/scout.mjs in its own process, against the app's API on a
 * real HTTP port, with the test GitHub and LLM servers behind it.
 */

let harness: Harness;
let deps: AppDependencies;
let api: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  harness = await startHarness();
  // A held analysis must outlast the harness's short batch timeout; the suite runs more searches than 5.
  deps = harness.deps({ env: { SCOUT_ANALYSIS_TIMEOUT_MS: "60000", SCOUT_SEARCH_RATE_LIMIT: "100" } });
  api = await serveApi(deps);
});
afterAll(async () => {
  await api.close();
  await harness.close();
});
beforeEach(() => harness.reset());

async function saveProfile() {
  await callerFor(deps).profile.save(typicalProfile);
}

const pythonSearch = ["--lang", "Python", "--stars", "0.."];

describe("scout search", () => {
  it("runs a search to completion and prints only the final ScoutSearchResult with --json", async () => {
    await saveProfile();

    const { code, stdout, stderr } = await runScout(["search", ...pythonSearch, "--json", "--url", api.url]);

    expect(code).toBe(0);
    const result: ScoutSearchResult = scoutSearchResultSchema.parse(JSON.parse(stdout));
    expect(result.status).toBe("completed");
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.filters?.languages).toEqual(["Python"]);
    expect(await callerFor(deps).scout.results({ runId: result.runId })).toEqual(result);
    // Not a terminal: progress arrives as plain lines on stderr, ending with every candidate analyzed.
    expect(stderr).toContain("[discovering]");
    expect(stderr).toMatch(
      new RegExp(`\\[analyzing\\] Analyzed ${result.totalAnalyzed}/${result.totalAnalyzed}`),
    );
  });

  it("ends with the ranked table of score, repository, stars and picked issues", async () => {
    await saveProfile();

    const { code, stdout, stderr } = await runScout(["search", ...pythonSearch, "--url", api.url]);

    expect(code).toBe(0);
    const runId = /^Started run (\S+)\. Ctrl-C cancels it\.$/m.exec(stderr)?.[1] ?? "";
    const result = await callerFor(deps).scout.results({ runId });
    const top = result.results[0];
    const topStars = result.repos.find((repo) => repo.fullName === top?.repo)?.stars;
    expect(stdout).toContain(`Run ${result.runId}: completed`);
    expect(stdout).toMatch(/│\s*# │\s*Score │ Repository\s*│\s*Stars │ Picked issues\s*│/);
    expect(stdout).toMatch(
      new RegExp(
        `│\\s*1 │\\s*${top?.fitScore.toFixed(1)}\\s*│ ${top?.repo}\\s*│\\s*${topStars?.toLocaleString("en-US")}\\s*│`,
      ),
    );
  });

  it("cancels the run on the server when interrupted with Ctrl-C, and exits 4", async () => {
    await saveProfile();
    const { release } = holdAnalyses(harness.openai);
    try {
      const scout = startScout(["search", ...pythonSearch, "--url", api.url]);
      await scout.waitForStderr(/\[analyzing\] Analyzing/);
      await harness.openai.waitForRequests(1);

      scout.child.kill("SIGINT");
      const { code, stderr } = await scout.exited;

      expect(code).toBe(4);
      const started = /Started run (\S+)\./.exec(stderr)?.[1] ?? "";
      expect(stderr).toContain(`Cancelling run ${started} on the server`);
      const run = await deps.db.searchRun.findUnique({ where: { id: started }, select: { status: true } });
      expect(run?.status).toBe("cancelled");
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      release();
    }
  });
});

describe("how a search ends", () => {
  it("exit 0 with the server's message when nothing is found, which is an answer rather than a failure", async () => {
    await saveProfile();

    const { code, stdout, stderr } = await runScout([
      "search",
      "--lang",
      "Python",
      "--query",
      "zzqqxx",
      "--json",
      "--url",
      api.url,
    ]);

    expect(code).toBe(0);
    const result = scoutSearchResultSchema.parse(JSON.parse(stdout));
    expect(result).toMatchObject({ status: "completed", totalDiscovered: 0, results: [] });
    const events = await collectRunEvents(deps, result.runId);
    const ending = events.at(-1);
    expect(ending).toMatchObject({ type: "error", reason: "no-repositories" });
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(ending?.type === "error" ? ending.message : "");
  });

  it("exit 4 when the run fails, saying so", async () => {
    await saveProfile();
    harness.github.inject({ kind: "bad-credentials", times: Infinity });

    const { code, stdout, stderr } = await runScout(["search", ...pythonSearch, "--url", api.url]);

    expect(code).toBe(4);
    expect(stdout).toBe("");
    const runId = /^Started run (\S+)\./m.exec(stderr)?.[1] ?? "";
    expect((await callerFor(deps).scout.results({ runId })).status).toBe("failed");
    expect(stderr).toMatch(new RegExp(`^Run ${runId} failed: .+$`, "m"));
  });
});

describe("bad arguments", () => {
  it("exit 2 with a one-line usage error, for commander's checks and for an unknown run", async () => {
    await saveProfile();
    // Every other argument check is covered in-process (tests/unit/cli-arguments.test.ts).
    const cases: [string[], string][] = [
      [["search", "--lnag", "Go"], "error: unknown option '--lnag' (Did you mean --lang?)"],
      [["show", "no-such-run"], "error: No run with id no-such-run. `scout runs` lists them."],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => runScout([...args, "--url", api.url])));

    outcomes.forEach((outcome, index) => {
      const [args, expected] = cases[index] ?? [[], ""];
      expect({ args, code: outcome.code }).toEqual({ args, code: 2 });
      expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(outcome.stderr).toContain(expected);
      expect(outcome.stdout).toBe("");
    });
  });

  it("exit 2 when the server refuses the input, creating no run", async () => {
    await deps.db.developerProfile.deleteMany();
    const runsBefore = await deps.db.searchRun.count();

    const { code, stderr } = await runScout(["search", "--lang", "Go", "--url", api.url]);

    expect(code).toBe(2);
    expect(stderr).toBe("error: Save a developer profile before searching\n");
    expect(await deps.db.searchRun.count()).toBe(runsBefore);
  });
});

describe("an unreachable server", () => {
  it("exit 3 with a message naming the URL", async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));

    const outcomes = await Promise.all([
      runScout(["search", "--lang", "Go", "--url", url]),
      runScout(["runs", "--url", url]),
    ]);

    for (const { code, stderr } of outcomes) {
      expect(code).toBe(3);
      expect(stderr).toBe(
        `error: Cannot reach the Scout server at ${url} (ECONNREFUSED). Is it running? Start it with \`npm start\`, or pass --url.\n`,
      );
    }
  });
});

describe("scout profile", () => {
  it("saves the profile with set and reads it back with show, keeping the fields set leaves out", async () => {
    await deps.db.developerProfile.deleteMany();

    const set = await runScout([
      ...["profile", "set", "--lang", "TypeScript", "--lang", "Rust", "--topic", "cli"],
      ...["--level", "beginner", "--goals", "Fix parser bugs", "--url", api.url],
    ]);
    expect(set.code).toBe(0);
    const changed = await runScout(["profile", "set", "--level", "advanced", "--url", api.url]);
    expect(changed.code).toBe(0);
    const shown = await runScout(["profile", "show", "--url", api.url]);

    expect(await callerFor(deps).profile.get()).toMatchObject({
      languages: ["TypeScript", "Rust"],
      topics: ["cli"],
      skillLevel: "advanced",
      goals: "Fix parser bugs",
    });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^Languages: {3}TypeScript, Rust\nTopics: {6}cli\nSkill level: advanced\nGoals: {7}Fix parser bugs\nUpdated: /,
    );
  });
});

describe("scout runs and show", () => {
  it("lists a finished run in the history and shows its summary and ranked table", async () => {
    await saveProfile();
    const { runId } = await callerFor(deps).scout.search({ languages: ["Python"], minStars: 0 });
    await collectRunEvents(deps, runId);
    const result = await callerFor(deps).scout.results({ runId });

    const [runs, shown, shownJson] = await Promise.all([
      // Every run in this file starts at the harness clock's one instant, so the history shows them all.
      runScout(["runs", "--limit", "100", "--url", api.url]),
      runScout(["show", runId, "--url", api.url]),
      runScout(["show", runId, "--json", "--url", api.url]),
    ]);

    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(
      new RegExp(`│ ${runId}\\s*│ completed\\s*│.*│ Python\\s*│\\s*${result.totalAnalyzed} │`),
    );
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Run ${runId}: completed`);
    expect(shown.stdout).toContain(`Filters: languages Python · stars 0..500000`);
    for (const entry of result.results) expect(shown.stdout).toContain(`│ ${entry.repo} `);
    expect(JSON.parse(shownJson.stdout)).toEqual(result);
  });
});
