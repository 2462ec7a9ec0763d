import { parseFeed } from "@rowanmanning/feed-parser";
import { addDays, addHours } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import type { Logger } from "@/server/logger";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createLiveGitHubSource } from "@/server/sources/github/live-source";
import { entryIdOf } from "@/server/watches/digest-feed";
import { toDigest } from "@/server/watches/read-digests";
import { tickWatches, type WatchTick } from "@/server/watches/watch-scheduler";
import type { Digest } from "@/shared/watches";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { startOpenAIServer, type OpenAIServer } from "../fakes/openai-server";

import { serveApi } from "../support/http-app";
import { startMailServer, type MailServer } from "../support/mail-server";
import { mutableGitHub, type MutableGitHub } from "../support/mutable-github";
import { callerFor, collectRunEvents, typicalProfile } from "../support/scout-harness";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * A week of two daily watches, driven by a fake clock hour by hour through the real scheduler: runs through
 * the live source against the test GitHub server and the LLM analyzer against the test LLM server, one
 * SQLite store. Between the runs, starter issues are opened, claimed and closed on the test GitHub server,
 * and every digest is checked against what changed.
 */

const CATALOG_NOW = new Date("2025-06-01T12:00:00Z");
// Monday 2 June 2025, midnight UTC: Berlin is on summer time (UTC+2), New York too (UTC-4).
const WEEK_START = new Date("2025-06-02T00:00:00Z");
const GITHUB_TOKEN = "fake_gh_watchWeekToken1234567890abcdefXYZ";
const OPENAI_KEY = "fake_oa_watch-week-key-0987654321-abcdefghij";

const kubernetesWatch = {
  name: "Go on Kubernetes",
  filters: { languages: ["Go"], topics: ["kubernetes"], minStars: 0 },
  // 09:00 in Berlin is 07:00 UTC in June.
  schedule: { kind: "daily" as const, hour: 9, timeZone: "Europe/Berlin" },
  emailTo: "gopher@example.com",
};
const rustWatch = {
  name: "Rust command lines",
  filters: { languages: ["Rust"], topics: ["cli"], minStars: 0 },
  // 18:00 in New York is 22:00 UTC in June.
  schedule: { kind: "daily" as const, hour: 18, timeZone: "America/New_York" },
  emailTo: null,
};

let temp: TempDb;
let github: GitHubServer;
let openai: OpenAIServer;
let world: MutableGitHub;
let mail: MailServer;
let app: { url: string; close: () => Promise<void> };
let now = WEEK_START;
const logs: string[] = [];

function depsFor(): AppDependencies {
  const logger: Logger = {
    error: (message, details) => logs.push(`${message} ${String(details)}`),
    warn: (message, details) => logs.push(`${message} ${String(details)}`),
  };
  const env = parseEnv({
    GITHUB_TOKEN,
    OPENAI_API_KEY: OPENAI_KEY,
    GITHUB_API_URL: github.url,
    OPENAI_BASE_URL: openai.url,
    SCOUT_MAX_REPOS: "20",
    SCOUT_BATCH_SIZE: "5",
    SCOUT_SEARCH_RATE_LIMIT: "100",
    SCOUT_SMTP_URL: mail.smtpUrl(),
    SCOUT_PUBLIC_URL: "https://scout.example.org",
  });
  const clock = () => now;
  return createAppDependencies({
    env,
    db: temp.db,
    clock,
    logger,
    source: createLiveGitHubSource({
      token: GITHUB_TOKEN,
      apiUrl: github.url,
      readmeMaxChars: env.SCOUT_README_MAX_CHARS,
      now: clock,
      throttle: { graphqlMinIntervalMs: 0 },
      logger,
    }),
    analyzer: createLlmAnalyzer({
      baseURL: openai.url,
      apiKey: OPENAI_KEY,
      model: "gpt-4o-mini",
      maxRetries: 0,
    }),
  });
}

let deps: AppDependencies;
const ticks: { at: Date; tick: WatchTick }[] = [];

/** One scheduler look at `now`; the runs it started are followed to their end and settled at once. */
async function tick(): Promise<WatchTick> {
  const result = await tickWatches(deps);
  ticks.push({ at: now, tick: result });
  for (const runId of result.due.started) await collectRunEvents(deps, runId);
  if (result.due.started.length > 0) {
    const settled = await tickWatches(deps);
    ticks.push({ at: now, tick: settled });
    return { ...result, digests: [...result.digests, ...settled.digests] };
  }
  return result;
}

/** Moves the clock hour by hour up to `until`, ticking at each hour; returns the ticks that started runs. */
async function runUntil(until: Date): Promise<WatchTick[]> {
  const started: WatchTick[] = [];
  while (now.getTime() < until.getTime()) {
    now = addHours(now, 1);
    const result = await tick();
    if (result.due.started.length > 0) started.push(result);
  }
  return started;
}

async function digestsOf(watchId: string): Promise<Digest[]> {
  const rows = await deps.db.watchDigest.findMany({ where: { watchId }, orderBy: { createdAt: "asc" } });
  return rows.flatMap((row) => toDigest(row, deps.logger) ?? []);
}

beforeAll(async () => {
  temp = createTempDb();
  world = mutableGitHub(createCatalogGitHubData(generateDemoCatalog({ now: CATALOG_NOW })));
  github = await startGitHubServer({ data: world.data, token: GITHUB_TOKEN });
  openai = await startOpenAIServer({ apiKey: OPENAI_KEY });
  mail = await startMailServer();
  deps = depsFor();
  app = await serveApi(deps);
});
afterAll(async () => {
  await app.close();
  await mail.close();
  await github.close();
  await openai.close();
  await temp.cleanup();
});

// A week of runs, 14 of them through the whole pipeline: a scenario, not a unit, so it gets the time it needs
// on a loaded machine.
describe("a week of two daily watches", () => {
  it("runs each once a day at its hour in its time zone, and digests exactly what changed", async () => {
    const caller = callerFor(deps);
    await caller.profile.save(typicalProfile);
    const kubernetes = await caller.watches.create(kubernetesWatch);
    const rust = await caller.watches.create(rustWatch);
    expect(kubernetes.nextRunAt).toBe("2025-06-02T07:00:00.000Z");
    expect(rust.nextRunAt).toBe("2025-06-02T22:00:00.000Z");

    // Day 1: the first runs show everything they find.
    const day1 = await runUntil(addDays(WEEK_START, 1));
    expect(day1.map((result) => result.due.started.length)).toEqual([1, 1]);
    const [firstKubernetes] = await digestsOf(kubernetes.id);
    const [firstRust] = await digestsOf(rust.id);
    expect(firstKubernetes?.newRepositories.length).toBeGreaterThan(2);
    expect(firstRust?.newRepositories.length).toBeGreaterThan(1);
    expect(firstKubernetes?.newIssues).toEqual([]);
    expect(firstKubernetes?.goneIssues).toEqual([]);
    expect(firstKubernetes?.cost.llmInputTokens).toBeGreaterThan(0);
    const startedAt = await deps.db.watchRun.findMany({
      orderBy: { slotAt: "asc" },
      select: { slotAt: true },
    });
    expect(startedAt.map((slot) => slot.slotAt.toISOString())).toEqual([
      "2025-06-02T07:00:00.000Z",
      "2025-06-02T22:00:00.000Z",
    ]);

    // Day 2: nothing changed on GitHub: no digest, and the runs cost no LLM token and no README download.
    const llmCallsBefore = openai.requests.length;
    await runUntil(addDays(WEEK_START, 2));
    expect(await digestsOf(kubernetes.id)).toHaveLength(1);
    expect(await digestsOf(rust.id)).toHaveLength(1);
    expect(openai.requests.length).toBe(llmCallsBefore);
    const day2Runs = await deps.db.searchRun.findMany({
      where: { startedAt: { gte: addDays(WEEK_START, 1) } },
      select: {
        llmInputTokens: true,
        totalAnalyzed: true,
        cachedResults: true,
        readmesFromCache: true,
        status: true,
      },
    });
    expect(day2Runs).toHaveLength(2);
    for (const run of day2Runs) {
      expect(run.status).toBe("completed");
      expect(run.llmInputTokens).toBe(0);
      expect(run.cachedResults).toBe(run.totalAnalyzed);
      expect(run.readmesFromCache).toBe(run.totalAnalyzed);
    }

    // Day 3: a maintainer opens a starter issue in a repository the Kubernetes watch showed, and an issue
    // without a starter label; only the first is news.
    const shownRepository = firstKubernetes?.newRepositories[0]?.fullName ?? "";
    const opened = world.openIssue(shownRepository, {
      title: "Document the <retry> flag & its defaults",
      labels: ["good first issue", "docs"],
      at: addHours(addDays(WEEK_START, 2), 3),
    });
    world.openIssue(shownRepository, {
      title: "Crash on start",
      labels: ["bug"],
      at: addHours(addDays(WEEK_START, 2), 3),
    });
    await runUntil(addDays(WEEK_START, 3));
    const kubernetesDigests = await digestsOf(kubernetes.id);
    expect(kubernetesDigests).toHaveLength(2);
    expect(kubernetesDigests[1]).toMatchObject({
      newRepositories: [],
      newIssues: [
        {
          repository: shownRepository,
          issue: { number: opened, title: "Document the <retry> flag & its defaults" },
        },
      ],
      goneIssues: [],
    });
    // Only the repository whose issues changed was analyzed again.
    expect(kubernetesDigests[1]?.cost.llmInputTokens).toBeGreaterThan(0);
    expect(await digestsOf(rust.id)).toHaveLength(1);

    // Day 4: of the issues the Rust watch picked on day 1, one gets an assignee and one is closed.
    const picked = (firstRust?.newRepositories ?? []).flatMap((repository) =>
      repository.pickedIssues.map((issue) => ({ repository: repository.fullName, ...issue })),
    );
    expect(picked.length).toBeGreaterThanOrEqual(2);
    const [claimed, closed] = picked;
    world.assign(
      claimed?.repository ?? "",
      claimed?.number ?? 0,
      "eager-contributor",
      addDays(WEEK_START, 3),
    );
    world.close(closed?.repository ?? "", closed?.number ?? 0, addDays(WEEK_START, 3));
    await runUntil(addDays(WEEK_START, 4));
    const rustDigests = await digestsOf(rust.id);
    expect(rustDigests).toHaveLength(2);
    expect(rustDigests[1]?.goneIssues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          repository: claimed?.repository,
          number: claimed?.number,
          change: "claimed",
        }),
        expect.objectContaining({ repository: closed?.repository, number: closed?.number, change: "closed" }),
      ]),
    );
    expect(rustDigests[1]?.goneIssues).toHaveLength(2);
    expect(rustDigests[1]?.newIssues).toEqual([]);

    // Day 5: a starter issue opened and claimed before the run is not news; an open pull request now
    // claims the issue that was news on day 3 (picked by the Kubernetes watch since).
    const takenAtOnce = world.openIssue(shownRepository, {
      title: "Rename the helper",
      labels: ["good first issue"],
      at: addDays(WEEK_START, 4),
    });
    world.assign(shownRepository, takenAtOnce, "speedy", addHours(addDays(WEEK_START, 4), 1));
    world.linkPullRequest(shownRepository, opened, addHours(addDays(WEEK_START, 4), 1));
    await runUntil(addDays(WEEK_START, 5));
    const day5 = await digestsOf(kubernetes.id);
    expect(day5).toHaveLength(3);
    expect(day5[2]?.newIssues).toEqual([]);
    expect(day5[2]?.goneIssues).toEqual([
      expect.objectContaining({ repository: shownRepository, number: opened, change: "claimed" }),
    ]);

    // Days 6 and 7: quiet, nothing to tell.
    await runUntil(addDays(WEEK_START, 7));
    expect(await digestsOf(kubernetes.id)).toHaveLength(3);
    expect(await digestsOf(rust.id)).toHaveLength(2);
    expect(await deps.db.watchRun.count()).toBe(14);
    expect(await deps.db.searchRun.count({ where: { status: "completed" } })).toBe(14);
    expect(logs).toEqual([]);

    // Each watch's feed has one entry per digest, newest first, with ids that do not change.
    for (const [watch, count] of [
      [kubernetes, 3],
      [rust, 2],
    ] as const) {
      const digests = (await caller.watches.digests({ watchId: watch.id })).items;
      expect(digests).toHaveLength(count);
      const response = await fetch(`${app.url}${watch.feedPath}`);
      expect(response.status).toBe(200);
      const feed = parseFeed(await response.text());
      expect(feed.title).toContain(watch.name);
      expect(feed.items.map((item) => item.id)).toEqual(digests.map((digest) => entryIdOf(digest.id)));
      expect(feed.items.map((item) => item.url)).toEqual(
        digests.map((digest) => `https://scout.example.org/runs/${digest.runId}`),
      );
    }

    // Mail: the Kubernetes watch's three digests, to its address; the Rust watch mails nothing.
    expect(mail.received.map((received) => received.rcptTo)).toEqual([
      ["gopher@example.com"],
      ["gopher@example.com"],
      ["gopher@example.com"],
    ]);
    const [firstMail, issueMail, takenMail] = mail.received.map((received) => received.mail);
    expect(firstMail?.subject).toMatch(/^Go on Kubernetes: 6 new repositories/);
    expect(issueMail?.subject).toBe("Go on Kubernetes: 1 new starter issue");
    expect(issueMail?.text).toContain("Document the <retry> flag & its defaults");
    expect(issueMail?.html).toContain("Document the &lt;retry&gt; flag &amp; its defaults");
    expect(takenMail?.subject).toBe("Go on Kubernetes: 1 issue taken");
    for (const received of mail.received) {
      const unsubscribe = received.mail.headerLines.find((header) => header.key === "list-unsubscribe");
      expect(unsubscribe?.line.replace(/\r?\n[ \t]+/g, " ")).toMatch(
        /^List-Unsubscribe: <https:\/\/scout\.example\.org\/unsubscribe\/[\w-]+>$/,
      );
      expect(received.mail.text).toMatch(/LLM/);
    }
  }, 120_000);
});
