import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { Logger } from "@/server/logger";
import { readRunEvents } from "@/server/runs/run-events";
import { makeRepo } from "../support/llm-analysis-fixtures";
import { callerFor } from "../support/scout-harness";
import { seedRun } from "../support/seed-runs";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * Rows written by an older version, or edited by hand, may no longer validate. Each test gets its own
 * database, seeds good rows and one damaged row, and checks that the damage costs only that row.
 */

const NOW = new Date("2025-06-01T12:00:00Z");
const source = createCatalogSource({ catalog: generateDemoCatalog({ now: NOW }), readmeMaxChars: 1000 });

let temp: TempDb;
let logs: string[];
let deps: AppDependencies;

beforeEach(() => {
  temp = createTempDb();
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
afterEach(() => temp.cleanup());

const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe("stored rows that no longer validate", () => {
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
    expect(logs.filter((line) => line.includes("Run damaged-run") && line.includes("filters"))).toHaveLength(
      1,
    );
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
    expect(logs.filter((line) => line.includes("Run damaged-run") && line.includes("event 2"))).toHaveLength(
      1,
    );
  });

  it("make a damaged profile read as no profile, so the user can save a new one", async () => {
    const caller = callerFor(deps);
    await caller.profile.save({ languages: ["Go"], topics: [], skillLevel: "advanced", goals: "" });
    await temp.db.developerProfile.update({ where: { id: "default" }, data: { skillLevel: "wizard" } });

    expect(await caller.profile.get()).toBeNull();
    expect(logs.filter((line) => line.includes("Profile default"))).toHaveLength(1);
    expect(
      await caller.profile.save({ languages: ["Go"], topics: [], skillLevel: "beginner", goals: "" }),
    ).toMatchObject({
      skillLevel: "beginner",
    });
  });
});
