import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { pruneRepositories } from "@/server/repos/repo-records";
import type { ScoutEvent } from "@/shared/events";
import type { SearchFiltersInput } from "@/shared/filters";
import { forgetCachedWork } from "../support/forget-cached-work";
import {
  callerFor,
  collectRunEvents,
  HARNESS_NOW,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

/**
 * Marks through the tRPC API on a real database, and the "not interested" mark through the whole pipeline:
 * the live source against the test GitHub server, the LLM analyzer against the test LLM server. Everything
 * runs once on each storage engine: one harness (its test servers) for the file, a store per engine.
 */

let harness: Harness;
/** The store of the engine whose tests are running; the harness's dependencies are given it. */
let store: TempStore;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

/** The harness's dependencies on the current store. */
function depsOnStore(overrides: Parameters<Harness["deps"]>[0] = {}) {
  return harness.deps({ db: store.db, ...overrides });
}

/** The test servers forget their requests and faults, the store its cached analyses and READMEs. */
async function reset() {
  await harness.reset();
  await forgetCachedWork(store.db);
}

/** A caller whose clock reads `minutes` after the harness's now. */
function callerAt(minutes = 0) {
  return callerFor(depsOnStore({ clock: () => new Date(HARNESS_NOW.getTime() + minutes * 60_000) }));
}

async function runSearch(filters: SearchFiltersInput) {
  const deps = depsOnStore();
  const caller = callerFor(deps);
  await caller.profile.save(typicalProfile);
  const { runId } = await caller.scout.search(filters);
  const events = await collectRunEvents(deps, runId);
  return { runId, events, result: await caller.scout.results({ runId }) };
}

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string; status: number }> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error("the call was not refused");
  return { code: error.code, message: error.message, status: getHTTPStatusCodeFromError(error) };
}

/** Every "owner/name" whose README or starter issues the run asked GitHub for. */
function reposDetailedOnGitHub(): string[] {
  return harness.github
    .graphqlRequests()
    .filter((request) => request.graphql?.query.includes("HEAD:README.md"))
    .flatMap((request) => {
      const variables = request.graphql?.variables ?? {};
      return Object.keys(variables)
        .filter((name) => /^o\d+$/.test(name))
        .map((name) => `${String(variables[name])}/${String(variables[`n${name.slice(1)}`])}`);
    });
}

describe.each(storeKinds)("marks (%s)", (kind) => {
  beforeAll(async () => {
    store = await createTempStore(kind);
  });
  afterAll(() => store.cleanup());
  beforeEach(async () => {
    await reset();
    await store.db.repoMark.deleteMany();
  });

  describe("repos.mark and repos.marked", () => {
    it("sets, changes and clears a mark, whatever the case of the name", async () => {
      const caller = callerAt();
      expect(await caller.repos.mark({ repo: "Acme/Widget", mark: "dismissed", note: "  too big " })).toEqual(
        {
          repo: "Acme/Widget",
          mark: "dismissed",
          note: "too big",
          updatedAt: HARNESS_NOW.toISOString(),
        },
      );
      expect((await caller.repos.marked()).items).toEqual([
        {
          repo: "Acme/Widget",
          mark: "dismissed",
          note: "too big",
          updatedAt: HARNESS_NOW.toISOString(),
          latest: null,
        },
      ]);

      // The same repository in other letters: one mark, changed; a mark given without a note has none.
      await callerAt(1).repos.mark({ repo: "acme/widget", mark: "saved" });
      expect((await caller.repos.marked()).items).toEqual([
        expect.objectContaining({ mark: "saved", note: null, updatedAt: "2025-06-01T12:01:00.000Z" }),
      ]);
      expect((await caller.repos.marked({ mark: "dismissed" })).items).toEqual([]);

      expect(await caller.repos.mark({ repo: "ACME/widget", mark: null })).toMatchObject({
        mark: null,
        note: null,
      });
      expect(await caller.repos.marked()).toEqual({ items: [], nextCursor: null });
    });

    it("pages through the marks, most recently marked first, and filters by mark", async () => {
      const names = ["a/one", "a/two", "a/three", "a/four", "a/five"];
      // a/four and a/five are marked at the same minute: the name breaks the tie.
      const minutes = [0, 1, 2, 3, 3];
      for (const [index, repo] of names.entries())
        await callerAt(minutes[index]).repos.mark({ repo, mark: index === 1 ? "contributed" : "saved" });
      const caller = callerAt(10);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof caller.repos.marked>> = await caller.repos.marked({
          limit: 2,
          cursor,
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.repo));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(["a/five", "a/four", "a/three", "a/two", "a/one"]);

      const saved = await caller.repos.marked({ mark: "saved", limit: 3 });
      expect(saved.items.map((item) => item.repo)).toEqual(["a/five", "a/four", "a/three"]);
      const rest = await caller.repos.marked({ mark: "saved", limit: 3, cursor: saved.nextCursor });
      expect(rest).toEqual({ items: [expect.objectContaining({ repo: "a/one" })], nextCursor: null });
    });

    it("keeps a page boundary when the mark at it is cleared between pages", async () => {
      for (const [index, repo] of ["b/one", "b/two", "b/three"].entries())
        await callerAt(index).repos.mark({ repo, mark: "saved" });
      const caller = callerAt(10);
      const first = await caller.repos.marked({ limit: 1 });
      expect(first.items.map((item) => item.repo)).toEqual(["b/three"]);
      await caller.repos.mark({ repo: "b/three", mark: null });
      const second = await caller.repos.marked({ limit: 1, cursor: first.nextCursor });
      expect(second.items.map((item) => item.repo)).toEqual(["b/two"]);
    });

    it("refuses a cursor it did not give out, saying so", async () => {
      const refused = await refusal(callerAt().repos.marked({ cursor: "not-a-cursor" }));
      expect(refused).toMatchObject({ code: "BAD_REQUEST", status: 400 });
      expect(refused.message).toMatch(/^cursor is not one this list gave out/);
    });

    it.each([
      [
        { repo: "no-slash", mark: "saved" as const },
        /^repo must be a GitHub repository written "owner\/name"/,
      ],
      [{ repo: "acme/../etc", mark: "saved" as const }, /^repo must be/],
      [{ repo: "-acme/x", mark: "saved" as const }, /^repo must be/],
      [
        { repo: "acme/x", mark: "dismissed" as const, note: "x".repeat(201) },
        /^note must be at most 200 characters/,
      ],
      [{ repo: "acme/x", mark: "hidden" }, /^mark must be "saved", "dismissed" or "contributed"/],
    ])("refuses %o with an error naming the field, and stores nothing", async (input, message) => {
      // @ts-expect-error -- an unknown mark is what a client outside TypeScript may send
      const refused = await refusal(callerAt().repos.mark(input));
      expect(refused).toMatchObject({ code: "BAD_REQUEST" });
      expect(refused.message).toMatch(message);
      expect(await store.db.repoMark.count()).toBe(0);
    });

    it("keeps a mark when its repository row is pruned", async () => {
      const { db } = store;
      await db.repository.create({
        data: {
          githubId: 987_654,
          owner: "Old",
          name: "Gone",
          fullName: "Old/Gone",
          url: "https://github.com/Old/Gone",
          languages: [],
          stars: 1,
          forks: 0,
          openIssues: 1,
          topics: [],
          goodFirstIssues: 0,
          helpWantedIssues: 0,
          lastSeenAt: new Date("2024-01-01T00:00:00Z"),
        },
        select: { githubId: true },
      });
      // Marked in other letters: the stored spelling is what the list shows.
      expect(await callerAt().repos.mark({ repo: "old/gone", mark: "saved" })).toMatchObject({
        repo: "Old/Gone",
      });
      expect(await pruneRepositories({ db, now: HARNESS_NOW })).toBeGreaterThan(0);
      expect((await callerAt().repos.marked()).items).toEqual([
        expect.objectContaining({ repo: "Old/Gone", mark: "saved", latest: null }),
      ]);
    });

    it("refuses an out-of-range limit, naming it", async () => {
      const refused = await refusal(callerAt().repos.marked({ limit: 101 }));
      expect(refused).toMatchObject({ code: "BAD_REQUEST", message: "limit must be at most 100" });
    });
  });

  describe("marks on search results", () => {
    it("never sends a dismissed repository to GitHub's details or the analyzer, and lists it as filtered out", async () => {
      const filters = { languages: ["Python"], minStars: 0 };
      const before = await runSearch(filters);
      const [first, second, third] = before.result.results.map((result) => result.repo);
      if (!first || !second || !third) throw new Error("the first search found too few results");
      expect(harness.openai.requests.flatMap((request) => request.repoIds)).toContain(first);
      expect(reposDetailedOnGitHub()).toContain(first);

      await callerAt().repos.mark({ repo: first, mark: "dismissed", note: "too big" });
      await callerAt().repos.mark({ repo: second.toUpperCase(), mark: "dismissed" });
      await callerAt().repos.mark({ repo: third, mark: "saved" });
      // Forgets the first search's analyses too, so the rest of the candidates go to the analyzer again.
      await reset();
      const after = await runSearch(filters);

      const sentToLlm = harness.openai.requests.flatMap((request) => request.repoIds);
      expect(sentToLlm.length).toBeGreaterThan(0);
      expect(sentToLlm).not.toContain(first);
      expect(sentToLlm).not.toContain(second);
      expect(sentToLlm).toContain(third);
      expect(reposDetailedOnGitHub()).not.toContain(first);
      expect(reposDetailedOnGitHub()).not.toContain(second);
      expect(after.result.repos.map((repo) => repo.fullName)).not.toContain(first);
      expect(after.result.filteredOut).toEqual(
        expect.arrayContaining([
          { repo: first, reason: 'you marked it not interested: "too big"' },
          { repo: second, reason: "you marked it not interested" },
        ]),
      );
      const statuses = after.events.flatMap((event: ScoutEvent) =>
        event.type === "status" ? [event.message] : [],
      );
      expect(statuses).toContain("Skipped 2 repos you marked not interested");
      // Two fewer passed the filters; the cap refills the candidates from the ranking.
      expect(after.result.totalFiltered).toBe(before.result.totalFiltered - 2);

      // Results carry the current marks: in the new run, its stream, and the earlier run read again.
      expect(after.result.results.find((result) => result.repo === third)?.mark).toBe("saved");
      const streamed = after.events.flatMap((event) => (event.type === "results" ? event.results : []));
      expect(streamed.find((result) => result.repo === third)?.mark).toBe("saved");
      const reread = await callerAt().scout.results({ runId: before.runId });
      const markOf = (repo: string) =>
        [...reread.results, ...(reread.rejected ?? [])].find((result) => result.repo === repo)?.mark;
      expect([markOf(first), markOf(second), markOf(third)]).toEqual(["dismissed", "dismissed", "saved"]);
      expect(reread.results.filter((result) => result.mark === null).length).toBeGreaterThan(0);
    });

    it("lists a saved repository with its latest analysis from any run", async () => {
      const older = await runSearch({ languages: ["Go"], minStars: 0 });
      const picked = older.result.results.find((result) => (result.pickedIssues ?? []).length > 0);
      if (!picked) throw new Error("no result picked an issue");
      const newer = await runSearch({ languages: ["Go"], minStars: 0 });
      await callerAt().repos.mark({ repo: picked.repo, mark: "saved" });

      const [item] = (await callerAt().repos.marked({ mark: "saved" })).items;
      const newest = newer.result.results.find((result) => result.repo === picked.repo);
      expect(item?.latest).toMatchObject({
        runId: newer.runId,
        repo: picked.repo,
        fitScore: newest?.fitScore,
        pickedIssues: newest?.pickedIssues,
        metadata: { fullName: picked.repo },
      });
      expect(item?.latest?.metadata.starterIssues?.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(item?.latest?.analyzedAt ?? ""))).toBe(false);
    });
  });
});
