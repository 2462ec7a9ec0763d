import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppDependencies } from "@/server/app-dependencies";
import { serveApi } from "../support/http-app";
import { runScout } from "../support/scout-cli";
import { callerFor, startHarness, typicalProfile, type Harness } from "../support/scout-harness";

/**
 * `scout watch` as users run it: bin/scout.mjs in its own process, against the app's API on a real HTTP
 * port, with the test GitHub and LLM servers behind it. The server's clock stands at HARNESS_NOW, Sunday
 * 2025-06-01 12:00 UTC; each scout process gets its time zone from TZ, so the times it prints are fixed.
 */

let harness: Harness;
let deps: AppDependencies;
let api: { url: string; close: () => Promise<void> };

// Each test starts one or two real CLI processes (about 2 s each here, far more on a loaded machine).
vi.setConfig({ testTimeout: 60_000 });

beforeAll(async () => {
  harness = await startHarness();
  deps = harness.deps();
  api = await serveApi(deps);
});
afterAll(async () => {
  await api.close();
  await harness.close();
});
beforeEach(async () => {
  await harness.reset();
  await deps.db.watch.deleteMany();
  await callerFor(deps).profile.save(typicalProfile);
});

const inUtc = { env: { TZ: "UTC" } };
const noWatches = "No watches yet. Add one with: scout watch add <name> --lang <language> --daily 9\n";

const pythonWatch = {
  name: "Python tools",
  filters: { languages: ["Python"], minStars: 0 },
  schedule: { kind: "weekly" as const, weekday: "monday" as const, hour: 9, timeZone: "Europe/Berlin" },
};

async function storedWatches() {
  return (await callerFor(deps).watches.list()).items;
}

describe("scout watch", () => {
  it("adds a watch and lists it with its schedule in words, next run, last run, health and email", async () => {
    const added = await runScout(
      [
        ...["watch", "add", "Python tools", "--lang", "Python", "--stars", "0.."],
        ...["--weekly", "monday@9", "--tz", "Europe/Berlin", "--email", "dev@example.com", "--url", api.url],
      ],
      inUtc,
    );

    expect(added).toMatchObject({ code: 0, stderr: "" });
    const [watch, ...others] = await storedWatches();
    expect(others).toEqual([]);
    expect(watch).toMatchObject({
      name: "Python tools",
      filters: { languages: ["Python"], minStars: 0 },
      schedule: { kind: "weekly", weekday: "monday", hour: 9, timeZone: "Europe/Berlin" },
      emailTo: "dev@example.com",
    });
    const id = watch?.id ?? "";
    const feedUrl = `${api.url}${watch?.feedPath ?? ""}`;
    expect(added.stdout).toContain(`Added watch "Python tools".\nWatch:      ${id}\n`);
    expect(added.stdout).toContain(`\nFeed:       ${feedUrl}\n`);

    const listed = await runScout(["watch", "list", "--url", api.url], inUtc);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /│ Watch\s*│ Name\s*│ Schedule\s*│ Next run\s*│ Last run │ Health │ Email\s*│/,
    );
    // Monday 09:00 in Berlin (summer time) is 07:00 UTC, the day after the server's clock.
    expect(listed.stdout).toMatch(
      new RegExp(
        `│ ${id} │ Python tools │ every Monday at 09:00 \\(Europe/Berlin\\) │ 2025-06-02 07:00 │ never\\s*│ ok\\s*│ dev@example\\.com │`,
      ),
    );
  });

  it("shows one watch in full, with the address of its feed", async () => {
    const { id, feedPath } = await callerFor(deps).watches.create({
      ...pythonWatch,
      emailTo: "dev@example.com",
    });

    const shown = await runScout(["watch", "show", id, "--url", api.url], inUtc);

    expect(shown).toMatchObject({ code: 0, stderr: "" });
    expect(shown.stdout).toBe(
      [
        `Watch:      ${id}`,
        "Name:       Python tools",
        "Schedule:   every Monday at 09:00 (Europe/Berlin)",
        "Next run:   2025-06-02 07:00",
        "Last run:   never",
        "Health:     ok",
        "Email:      dev@example.com",
        "Filters:    languages Python · stars 0..500000",
        "Ranks for:  Python, TypeScript · web, cli · intermediate",
        `Feed:       ${api.url}${feedPath}`,
        "",
      ].join("\n"),
    );
  });

  it("runs a watch now and follows its run to the end, as scout search follows one", async () => {
    const { id } = await callerFor(deps).watches.create(pythonWatch);

    const ran = await runScout(["watch", "run", id, "--url", api.url], inUtc);

    expect(ran.code).toBe(0);
    const runId = /^Started run (\S+)\. Ctrl-C cancels it\.$/m.exec(ran.stderr)?.[1] ?? "";
    const result = await callerFor(deps).scout.results({ runId });
    expect(result).toMatchObject({ status: "completed", filters: { languages: ["Python"], minStars: 0 } });
    expect(result.results.length).toBeGreaterThan(0);
    // Followed as `scout search` follows a run: its progress on stderr, then its summary and ranked table.
    expect(ran.stderr).toContain(`[analyzing] Analyzed ${result.totalAnalyzed}/${result.totalAnalyzed}`);
    expect(ran.stdout).toContain(`Run ${runId}: completed`);
    expect(ran.stdout).toContain(`│ ${result.results[0]?.repo ?? ""} `);
    expect((await storedWatches())[0]?.lastRun).toMatchObject({ runId, kind: "manual", status: "completed" });
  });

  it("rm deletes a watch at once, saying which, and list no longer shows it", async () => {
    const { id } = await callerFor(deps).watches.create(pythonWatch);

    const removed = await runScout(["watch", "rm", id, "--url", api.url], inUtc);
    expect(removed).toMatchObject({
      code: 0,
      stdout: `Deleted watch ${id}: "Python tools", every Monday at 09:00 (Europe/Berlin).\n`,
    });
    const afterwards = await runScout(["watch", "list", "--url", api.url], inUtc);
    expect(afterwards).toMatchObject({ code: 0, stdout: noWatches });
  });

  it("reads the hour in this machine's time zone when --tz is left out", async () => {
    const added = await runScout(
      ["watch", "add", "Weekday mornings", "--lang", "Python", "--cron", "0 9 * * 1-5", "--url", api.url],
      { env: { TZ: "America/New_York" } },
    );

    expect(added.code).toBe(0);
    expect((await storedWatches())[0]?.schedule).toEqual({
      kind: "cron",
      expression: "0 9 * * 1-5",
      timeZone: "America/New_York",
    });
    expect(added.stdout).toContain(`\nSchedule:   cron "0 9 * * 1-5" (America/New_York)\n`);
    // 09:00 in New York on the next weekday, Monday, shown in the machine's own time.
    expect(added.stdout).toContain(`\nNext run:   2025-06-02 09:00\n`);
  });
});

describe("what scout watch refuses", () => {
  it("an impossible cron, one more often than hourly and an unknown time zone: exit 2 naming the flag, nothing stored", async () => {
    const add = ["watch", "add", "Refused", "--lang", "Python"];
    const cases: [string[], string][] = [
      [["--cron", "0 0 30 2 *"], "error: --cron: This cron expression never runs (no such date)\n"],
      [
        ["--cron", "*/10 * * * *"],
        "error: --cron: A watch runs at most once an hour: this cron expression runs more often\n",
      ],
      [
        ["--daily", "9", "--tz", "Mars/Olympus"],
        "error: --tz: Unknown time zone: use an IANA name such as Europe/Berlin or America/New_York\n",
      ],
    ];

    const outcomes = await Promise.all(
      cases.map(([flags]) => runScout([...add, ...flags, "--url", api.url], inUtc)),
    );

    outcomes.forEach(({ code, stdout, stderr }, index) => {
      const [flags, expected] = cases[index] ?? [[], ""];
      expect({ flags, code, stdout, stderr }).toEqual({ flags, code: 2, stdout: "", stderr: expected });
    });
    expect(await deps.db.watch.count()).toBe(0);
  });

  it("an unknown watch id for run and rm: exit 2, pointing at scout watch list", async () => {
    const runsBefore = await deps.db.searchRun.count();
    const outcomes = await Promise.all([
      runScout(["watch", "run", "no-such-watch", "--url", api.url]),
      runScout(["watch", "rm", "no-such-watch", "--url", api.url]),
    ]);

    for (const outcome of outcomes)
      expect(outcome).toEqual({
        code: 2,
        stdout: "",
        stderr: "error: No watch with id no-such-watch. `scout watch list` lists them.\n",
      });
    expect(await deps.db.searchRun.count()).toBe(runsBefore);
  });
});
