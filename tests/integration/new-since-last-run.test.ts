import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppDependencies } from "@/server/app-dependencies";
import { hashAnalysisProfile } from "@/server/profile/profile-hash";
import type { ScoutEvent } from "@/shared/events";
import type { RunAnalysisResult } from "@/shared/runs";
import { forgetCachedWork } from "../support/forget-cached-work";
import { makeRepo } from "../support/llm-analysis-fixtures";
import {
  HARNESS_NOW,
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";
import { seedRun } from "../support/seed-runs";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

/**
 * "New since last time" over real searches and over stored runs, on each storage engine: one harness (its
 * test servers) for the file, a store per engine.
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

const filters = { languages: ["Python"], minStars: 0 };
const minutesLater = (minutes: number) => new Date(HARNESS_NOW.getTime() + minutes * 60_000);

/** A real search to its end, started `minutes` after HARNESS_NOW with the given profile. */
async function searchAt(minutes: number, profile = typicalProfile) {
  const deps = depsOnStore({ clock: () => minutesLater(minutes) });
  const caller = callerFor(deps);
  await caller.profile.save(profile);
  const { runId } = await caller.scout.search(filters);
  const events = await collectRunEvents(deps, runId);
  return { runId, events, caller, deps };
}

const streamedResults = (events: ScoutEvent[]): RunAnalysisResult[] =>
  events.flatMap((event) => (event.type === "results" ? event.results : []));

const newnessByRepo = (results: RunAnalysisResult[]) =>
  Object.fromEntries(results.map((result) => [result.repo, result.newSinceLastRun]));

async function historyOf(deps: AppDependencies) {
  const { items } = await callerFor(deps).scout.runs({ limit: 20 });
  return new Map(items.map((item) => [item.runId, item]));
}

describe.each(storeKinds)("new since last time (%s)", (kind) => {
  beforeAll(async () => {
    store = await createTempStore(kind);
  });
  afterAll(() => store.cleanup());
  beforeEach(async () => {
    await harness.reset();
    // The harness forgets the cached work in its own database; this store's is forgotten here.
    await forgetCachedWork(store.db);
    await store.db.searchRun.deleteMany();
  });

  describe("over real searches", () => {
    it("marks every result of a profile's first search as new, live and in the stored run", async () => {
      const first = await searchAt(0);
      const final = await first.caller.scout.results({ runId: first.runId });

      expect(final.results.length).toBeGreaterThan(0);
      expect(final.results.every((result) => result.newSinceLastRun === true)).toBe(true);
      const streamed = streamedResults(first.events);
      expect(streamed.length).toBeGreaterThan(0);
      expect(streamed.every((result) => result.newSinceLastRun === true)).toBe(true);
      expect((await historyOf(first.deps)).get(first.runId)?.newCount).toBe(final.results.length);
    });

    it("does not call a repository new again when the same profile searches again", async () => {
      const first = await searchAt(0);
      const second = await searchAt(60);
      const again = await second.caller.scout.results({ runId: second.runId });

      expect(again.results.length).toBeGreaterThan(0);
      expect(again.results.every((result) => result.newSinceLastRun === false)).toBe(true);
      expect(streamedResults(second.events).every((result) => result.newSinceLastRun === false)).toBe(true);
      const complete = second.events.at(-1);
      expect(complete?.type === "complete" && complete.data.results.map((r) => r.newSinceLastRun)).toEqual(
        again.results.map(() => false),
      );
      // The first run keeps its own verdict: it was the first to see them.
      const before = await first.caller.scout.results({ runId: first.runId });
      expect(before.results.every((result) => result.newSinceLastRun === true)).toBe(true);

      const history = await historyOf(second.deps);
      expect(history.get(second.runId)?.newCount).toBe(0);
      expect(history.get(first.runId)?.newCount).toBe(before.results.length);
    });

    it("calls every repository new again for a different profile, while the old profile's count stays", async () => {
      await searchAt(0);
      const other = await searchAt(60, { ...typicalProfile, goals: "Learn systems programming" });
      const results = await other.caller.scout.results({ runId: other.runId });

      expect(results.results.length).toBeGreaterThan(0);
      expect(results.results.every((result) => result.newSinceLastRun === true)).toBe(true);
      expect((await historyOf(other.deps)).get(other.runId)?.newCount).toBe(results.results.length);
    });

    it("treats a profile that differs only in letter case and tag order as the same profile", async () => {
      await searchAt(0);
      const same = await searchAt(60, {
        ...typicalProfile,
        languages: ["typescript", "python"],
        topics: ["CLI", "Web"],
      });
      const results = await same.caller.scout.results({ runId: same.runId });
      expect(results.results.every((result) => result.newSinceLastRun === false)).toBe(true);
    });
  });

  describe("over stored runs", () => {
    const profileHash = hashAnalysisProfile(typicalProfile);
    // Explicit ids: makeRepo's come from the name's length and first letter, which these share.
    const [alpha, beta, gamma] = [
      makeRepo("acme/alpha", { githubId: 101 }),
      makeRepo("acme/beta", { githubId: 102 }),
      makeRepo("acme/gamma", { githubId: 103 }),
    ];

    it("compares with earlier runs only, counting a rejection there as analyzed", async () => {
      const { db } = store;
      await seedRun({
        db,
        runId: "run-1",
        startedAt: minutesLater(0),
        profileHash,
        analyses: [
          { repo: alpha, fitScore: 8 },
          { repo: beta, fitScore: 2, reject: true },
        ],
      });
      await seedRun({
        db,
        runId: "run-2",
        startedAt: minutesLater(10),
        profileHash,
        analyses: [
          { repo: alpha, fitScore: 7 },
          { repo: beta, fitScore: 6 },
          { repo: gamma, fitScore: 5 },
        ],
      });
      const caller = callerFor(depsOnStore());

      const second = await caller.scout.results({ runId: "run-2" });
      expect(newnessByRepo(second.results)).toEqual({
        "acme/alpha": false,
        "acme/beta": false,
        "acme/gamma": true,
      });
      expect(newnessByRepo((await caller.scout.results({ runId: "run-1" })).results)).toEqual({
        "acme/alpha": true,
      });
      const history = await historyOf(depsOnStore());
      expect(history.get("run-2")?.newCount).toBe(1);
      // Only accepted results count: run-1's rejected beta is not among its ranked ones.
      expect(history.get("run-1")?.newCount).toBe(1);
    });

    it("orders runs that started at the same moment by id", async () => {
      const { db } = store;
      for (const runId of ["run-b", "run-a"]) {
        await seedRun({
          db,
          runId,
          startedAt: minutesLater(0),
          profileHash,
          analyses: [{ repo: alpha, fitScore: 8 }],
        });
      }
      const caller = callerFor(depsOnStore());
      expect((await caller.scout.results({ runId: "run-a" })).results[0]?.newSinceLastRun).toBe(true);
      expect((await caller.scout.results({ runId: "run-b" })).results[0]?.newSinceLastRun).toBe(false);
    });

    it("gives no verdict for runs stored before the profile hash existed", async () => {
      const { db } = store;
      await seedRun({
        db,
        runId: "old-run",
        startedAt: minutesLater(0),
        analyses: [{ repo: alpha, fitScore: 8 }],
      });
      await seedRun({
        db,
        runId: "hashed-run",
        startedAt: minutesLater(10),
        profileHash,
        analyses: [{ repo: alpha, fitScore: 8 }],
      });
      const caller = callerFor(depsOnStore());

      const old = await caller.scout.results({ runId: "old-run" });
      expect(old.results).toHaveLength(1);
      expect(old.results[0]).not.toHaveProperty("newSinceLastRun");
      // A run without a hash is no earlier run of any profile.
      expect((await caller.scout.results({ runId: "hashed-run" })).results[0]?.newSinceLastRun).toBe(true);
      const history = await historyOf(depsOnStore());
      expect(history.get("old-run")).not.toHaveProperty("newCount");
      expect(history.get("hashed-run")?.newCount).toBe(1);
    });

    it("counts the new results of a whole history page in one query", async () => {
      const { db } = store;
      for (let index = 0; index < 5; index += 1) {
        await seedRun({
          db,
          runId: `page-run-${index}`,
          startedAt: minutesLater(index),
          profileHash,
          analyses: [
            { repo: makeRepo(`acme/only-in-${index}`, { githubId: 200 + index }), fitScore: 6 },
            { repo: alpha, fitScore: 5 },
          ],
        });
      }
      const queries: string[] = [];
      const counted = depsOnStore({
        db: db.$extends({
          query: {
            $allOperations: ({ operation, model, args, query }) => {
              queries.push(`${model ?? "raw"}.${operation}`);
              return query(args);
            },
          },
        }) as unknown as AppDependencies["db"],
      });

      const history = await historyOf(counted);
      expect([0, 1, 2, 3, 4].map((index) => history.get(`page-run-${index}`)?.newCount)).toEqual([
        2, 1, 1, 1, 1,
      ]);
      expect(queries.filter((name) => name.startsWith("raw."))).toHaveLength(1);
      expect(queries.filter((name) => name.startsWith("AnalysisResult."))).toHaveLength(1);
    });
  });
});
