import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import type { AppDependencies, AppDependencyOverrides } from "@/server/app-dependencies";
import { executeRun } from "@/server/pipeline/execute-run";
import {
  calendarMonthOf,
  llmBudgetRanOutWarning,
  llmBudgetSpentMessage,
} from "@/server/runs/monthly-llm-budget";
import type { SearchFiltersInput } from "@/shared/filters";
import { createTempDb, type TempDb } from "../support/temp-db";
import {
  callerFor,
  collectRunEvents,
  HARNESS_NOW,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";

/**
 * SCOUT_USER_MONTHLY_LLM_TOKENS: what each person may spend of the operator's LLM key in a calendar month.
 * A run stops sending analyses once its owner's budget is spent and ends with what it has; a person with
 * nothing left is refused before a run is recorded or counted, until the month turns.
 */

let harness: Harness;
const search: SearchFiltersInput = { languages: ["Python"], minStars: 0 };

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
let temp: TempDb;
beforeEach(async () => {
  await harness.reset();
  temp = createTempDb();
  return () => temp.cleanup();
});

/** The app with this budget, one analysis batch at a time (so which batch the budget stops is certain). */
function budgeted(tokensPerMonth: string, overrides: AppDependencyOverrides = {}) {
  const deps = harness.deps({
    env: {
      SCOUT_USER_MONTHLY_LLM_TOKENS: tokensPerMonth,
      SCOUT_BATCH_CONCURRENCY: "1",
      SCOUT_MAX_REPOS: "12",
    },
    db: temp.db,
    ...overrides,
  });
  return { deps, api: () => callerFor(deps) };
}

async function searchToEnd(deps: AppDependencies, api: () => ReturnType<typeof callerFor>) {
  await api().profile.save(typicalProfile);
  const { runId } = await api().scout.search(search);
  const events = await collectRunEvents(deps, runId);
  return { runId, events, result: await api().scout.results({ runId }) };
}

describe("each person's monthly LLM token budget", () => {
  it("stops sending analyses once the budget is spent, keeping what was analyzed and saying what was not", async () => {
    const { deps, api } = budgeted("1");
    const { events, result } = await searchToEnd(deps, api);

    // The first batch went out (nothing was spent yet); it spent the budget, so no other batch did.
    expect(harness.openai.requests).toHaveLength(1);
    expect(events.at(-1)?.type).toBe("complete");
    expect(result.status).toBe("partial");
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.skipped.length).toBeGreaterThan(0);
    expect(result.warnings).toContain(llmBudgetRanOutWarning(1, result.skipped.length));
    expect(result.usage.llmInputTokens).toBeGreaterThan(0);
  });

  it("refuses the next search before it is recorded or counted, and lets it run again next month", async () => {
    let now = HARNESS_NOW;
    const { deps, api } = budgeted("1", { clock: () => now });
    await searchToEnd(deps, api);
    const runs = await deps.db.searchRun.count();

    const refused = await api()
      .scout.search(search)
      .catch((error: unknown) => error);
    const renewsAt = calendarMonthOf(now).next;
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", message: llmBudgetSpentMessage(1, renewsAt) });
    expect(await deps.db.searchRun.count()).toBe(runs);
    expect(await api().scout.usage()).toMatchObject({
      month: "2025-06",
      llmTokensPerMonth: 1,
      llmTokensLeft: 0,
      renewsAt: "2025-07-01T00:00:00.000Z",
    });

    now = renewsAt;
    await expect(api().scout.search(search)).resolves.toMatchObject({ status: "running" });
    expect(await api().scout.usage()).toMatchObject({ month: "2025-07", llmTokens: 0 });
  });

  it("ends a run failed, blocked by the budget, when the budget was spent before any of its analyses went out", async () => {
    const handedOver: string[] = [];
    const { deps, api } = budgeted("1000", {
      dispatcher: {
        dispatch: (runId) => Promise.resolve(void handedOver.push(runId)),
        signalCancel: () => Promise.resolve(),
      },
    });
    await api().profile.save(typicalProfile);
    const { runId } = await api().scout.search(search);
    // Another search of the same person's, recorded meanwhile, spent the month's budget.
    await deps.db.searchRun.create({
      data: {
        id: randomUUID(),
        userId: "local",
        status: "completed",
        filters: {},
        candidateIds: [],
        skipped: [],
        warnings: [],
        llmInputTokens: 900,
        llmOutputTokens: 100,
        startedAt: HARNESS_NOW,
      },
    });
    expect(handedOver).toEqual([runId]);
    await executeRun({ runId, deps });

    const last = (await collectRunEvents(deps, runId)).at(-1);
    expect(last).toMatchObject({ type: "error", reason: "failed", blockedBy: "llm-budget" });
    expect(harness.openai.requests).toHaveLength(0);
  });

  it("does not apply to the built-in analyzer, which spends no tokens", async () => {
    const { deps, api } = budgeted("1", { analyzer: createHeuristicAnalyzer({ now: () => HARNESS_NOW }) });
    expect(deps.llmTokensPerMonth).toBeNull();
    // Tokens an earlier LLM search spent this month do not stop searches the built-in analyzer answers.
    await searchToEnd(deps, api);
    await deps.db.searchRun.updateMany({ data: { llmInputTokens: 5000 } });
    await expect(api().scout.search(search)).resolves.toMatchObject({ status: "running" });
  });
});
