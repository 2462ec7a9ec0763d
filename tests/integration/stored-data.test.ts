import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { Logger } from "@/server/logger";
import { findCachedReadmes, storeReadmes } from "@/server/cache/readme-cache";
import { appendRunEvents, readRunEvents } from "@/server/runs/run-events";
import { makeRepo } from "../support/llm-analysis-fixtures";
import { callerFor } from "../support/scout-harness";
import { seedRun } from "../support/seed-runs";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

/**
 * Rows written by an older version, or edited by hand, may no longer validate. Each test starts from an
 * empty store, seeds good rows and one damaged row, and checks that the damage costs only that row. And
 * text from outside that one engine cannot store as it is must not fail a write there.
 */

const NOW = new Date("2025-06-01T12:00:00Z");
const source = createCatalogSource({ catalog: generateDemoCatalog({ now: NOW }), readmeMaxChars: 1000 });

const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe.each(storeKinds)("stored data (%s)", (kind) => {
  let temp: TempStore;
  let logs: string[];
  let deps: AppDependencies;

  beforeAll(async () => {
    temp = await createTempStore(kind);
  });
  afterAll(() => temp.cleanup());
  beforeEach(async () => {
    // Runs take their results, events and details with them; repositories and the profile go after.
    await temp.db.searchRun.deleteMany();
    await temp.db.repository.deleteMany();
    await temp.db.developerProfile.deleteMany();
    await temp.db.readmeCacheEntry.deleteMany();
    logs = [];
    const logger: Logger = {
      error: (message) => logs.push(message),
      warn: (message) => logs.push(message),
    };
    deps = createAppDependencies({
      env: parseEnv({}),
      db: temp.db,
      source,
      analyzer: createHeuristicAnalyzer({ now: () => NOW }),
      clock: () => NOW,
      logger,
    });
  });

  describe("rows that no longer validate", () => {
    it("leave the rest of the history served, and are logged", async () => {
      await seedRun({ db: temp.db, runId: "older-run", startedAt: minutesAgo(30) });
      await seedRun({ db: temp.db, runId: "damaged-run", startedAt: minutesAgo(20) });
      await seedRun({ db: temp.db, runId: "newer-run", startedAt: minutesAgo(10) });
      // An older version stored the languages as one string.
      await temp.db.searchRun.update({
        where: { id: "damaged-run" },
        data: { filters: { languages: "Go", minStars: 10 } },
      });

      const history = await callerFor(deps).scout.runs({ limit: 10 });

      expect(history.items.map((run) => run.runId)).toEqual(["newer-run", "older-run"]);
      expect(
        logs.filter((line) => line.includes("Run damaged-run") && line.includes("filters")),
      ).toHaveLength(1);
    });

    it("leave the run itself readable, with what still validates", async () => {
      const repo = makeRepo("acme/kept");
      await seedRun({
        db: temp.db,
        runId: "damaged-run",
        startedAt: minutesAgo(5),
        analyses: [{ repo, fitScore: 7 }],
      });
      await temp.db.searchRun.update({
        where: { id: "damaged-run" },
        data: { status: "exploded", filters: "not filters", warnings: { text: "not a list" } },
      });

      const result = await callerFor(deps).scout.results({ runId: "damaged-run" });

      expect(result).toMatchObject({ runId: "damaged-run", status: "failed", warnings: [] });
      expect(result.filters).toBeUndefined();
      expect(result.results.map((entry) => [entry.repo, entry.fitScore])).toEqual([["acme/kept", 7]]);
      expect(logs.filter((line) => line.includes("Run damaged-run"))).toHaveLength(3);
    });

    it("leave a run's other events replayable", async () => {
      await seedRun({ db: temp.db, runId: "damaged-run", startedAt: minutesAgo(5) });
      const payloads = [
        { type: "status", phase: "discovering", message: "Searching GitHub..." },
        { type: "status", phase: "no-such-phase", message: "?" },
        { type: "error", message: "No repositories found.", reason: "no-repositories" },
      ];
      await temp.db.runEvent.createMany({
        data: payloads.map((payload, index) => ({
          runId: "damaged-run",
          seq: index + 1,
          type: payload.type,
          payload,
        })),
      });

      const log = await readRunEvents({ ...deps, runId: "damaged-run", afterSeq: 0 });

      expect(log.map((entry) => entry.seq)).toEqual([1, 3]);
      expect(
        logs.filter((line) => line.includes("Run damaged-run") && line.includes("event 2")),
      ).toHaveLength(1);
    });

    it("make a damaged profile read as no profile, so the user can save a new one", async () => {
      const caller = callerFor(deps);
      const saved = await caller.profile.save({
        languages: ["Go"],
        topics: [],
        skillLevel: "advanced",
        goals: "",
      });
      await temp.db.developerProfile.update({ where: { id: saved.id }, data: { skillLevel: "wizard" } });

      expect(await caller.profile.get()).toBeNull();
      expect(logs.filter((line) => line.includes(`Profile ${saved.id}`))).toHaveLength(1);
      expect(
        await caller.profile.save({ languages: ["Go"], topics: [], skillLevel: "beginner", goals: "" }),
      ).toMatchObject({
        skillLevel: "beginner",
      });
    });
  });

  describe("text holding a NUL character, which PostgreSQL cannot store", () => {
    it("is stored without it, and the run that met it is served whole", async () => {
      // GitHub's text and a run's events hold what the repository's owner wrote, whatever that was.
      const repo = makeRepo("acme/odd", { description: "Reads\u0000 odd files" });
      await seedRun({
        db: temp.db,
        runId: "odd-run",
        startedAt: minutesAgo(5),
        analyses: [{ repo, fitScore: 6 }],
      });
      await appendRunEvents({
        db: temp.db,
        runId: "odd-run",
        entries: [
          {
            seq: 1,
            event: { type: "status", phase: "discovering", message: "Found acme/odd: Reads\u0000 odd files" },
          },
        ],
      });
      await storeReadmes({
        db: temp.db,
        entries: [{ repo, readme: "# Odd\u0000\nReads odd files." }],
        now: NOW,
      });

      const result = await callerFor(deps).scout.results({ runId: "odd-run" });
      expect(result.repos.map((stored) => stored.description)).toEqual(["Reads odd files"]);
      expect(result.results.map((entry) => entry.repo)).toEqual(["acme/odd"]);
      const events = await readRunEvents({ ...deps, runId: "odd-run", afterSeq: 0 });
      expect(events.map((entry) => entry.event)).toEqual([
        { type: "status", phase: "discovering", message: "Found acme/odd: Reads odd files" },
      ]);
      expect(await findCachedReadmes({ db: temp.db, repos: [repo] })).toEqual(
        new Map([["acme/odd", "# Odd\nReads odd files."]]),
      );
    });

    it("in a run id or a cursor names nothing, and is answered as any unknown one", async () => {
      const caller = callerFor(deps);
      const refusalOf = (call: Promise<unknown>) =>
        call.then(
          () => null,
          (error: unknown) => error,
        );
      const markCursor = Buffer.from(JSON.stringify([NOW.toISOString(), "acme/odd\u0000"])).toString(
        "base64url",
      );

      expect(await refusalOf(caller.scout.results({ runId: "odd\u0000run" }))).toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await refusalOf(caller.scout.runs({ cursor: "odd\u0000run" }))).toMatchObject({
        code: "BAD_REQUEST",
        message: "The history cursor is unknown; start again from the first page",
      });
      expect(await refusalOf(caller.repos.marked({ cursor: markCursor }))).toMatchObject({
        code: "BAD_REQUEST",
        message: "cursor is not one this list gave out; start again from the first page",
      });
    });
  });
});
