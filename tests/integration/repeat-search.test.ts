import { addDays } from "date-fns";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import type { ScoutEvent } from "@/shared/events";
import type { ProfileInput } from "@/shared/profile";
import {
  HARNESS_NOW,
  OPENAI_KEY,
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";
import { forgetCachedWork } from "../support/forget-cached-work";

/**
 * A repeat search through the whole pipeline: the live source against the test GitHub server, the LLM
 * analyzer against the test LLM server, one real database. What was analyzed before for the same profile,
 * README, starter issues and model is served from the analysis cache; unchanged READMEs are not fetched.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());

const filters = { languages: ["Python"], minStars: 0 };

async function search(options: { profile?: ProfileInput; deps?: ReturnType<Harness["deps"]> } = {}) {
  const deps = options.deps ?? harness.deps();
  const caller = callerFor(deps);
  await caller.profile.save(options.profile ?? typicalProfile);
  harness.github.reset();
  harness.openai.reset();
  const { runId } = await caller.scout.search(filters);
  const events = await collectRunEvents(deps, runId);
  return {
    events,
    result: await caller.scout.results({ runId }),
    llmRequests: harness.openai.requests.length,
    readmeObjects: harness.github.graphqlRequests().map((request) => request.readmeObjects),
  };
}

/** The events after "Discovered N repositories", up to the first result. */
function eventsBeforeFirstResult(events: ScoutEvent[]): ScoutEvent[] {
  const discovered = events.findIndex((event) => event.type === "status" && event.discovered !== undefined);
  const firstResult = events.findIndex((event) => event.type === "results");
  return events.slice(discovered + 1, firstResult);
}

describe("a repeat search", () => {
  it("serves every analysis from the cache: no LLM call, no README fetched, the same verdicts", async () => {
    const first = await search();
    const repeat = await search();

    expect(first.llmRequests).toBeGreaterThan(0);
    expect(first.result.usage).toMatchObject({ cachedResults: 0, llmInputTokensSaved: 0 });
    expect(repeat.llmRequests).toBe(0);
    expect(repeat.result.usage).toMatchObject({
      llmInputTokens: 0,
      llmOutputTokens: 0,
      cachedResults: repeat.result.totalAnalyzed,
      readmesFromCache: repeat.result.repos.length,
    });
    // The saving is estimated from what the first run spent on the same repositories.
    const saved = repeat.result.usage.llmInputTokensSaved ?? 0;
    expect(saved).toBeGreaterThan(first.result.usage.llmInputTokens * 0.9);
    expect(saved).toBeLessThan(first.result.usage.llmInputTokens * 1.1);
    // GitHub still answers the search and the starter issues and health, which change without a push.
    expect(repeat.result.usage.githubRequests).toBe(first.result.usage.githubRequests);
    expect(repeat.readmeObjects.every((count) => count === 0)).toBe(true);
    expect(first.readmeObjects.some((count) => count > 0)).toBe(true);
    expect(repeat.result.repos.every((repo) => repo.starterIssues !== undefined)).toBe(true);

    const verdicts = (result: typeof first.result) =>
      result.results
        .map(({ repo, fitScore, reason, pickedIssues }) => ({ repo, fitScore, reason, pickedIssues }))
        .sort((a, b) => a.repo.localeCompare(b.repo));
    expect(verdicts(repeat.result)).toEqual(verdicts(first.result));
    // The cached cards come straight after the candidates are known, before any analysis call could answer.
    expect(eventsBeforeFirstResult(repeat.events).map((event) => event.type)).not.toContain("progress");
    expect(repeat.result.firstResultAt).not.toBeNull();
  });

  it("asks the analyzer again for another profile, and keeps each profile's verdicts apart", async () => {
    await search();
    const other = await search({
      profile: { ...typicalProfile, skillLevel: "advanced", goals: "Maintain a database driver" },
    });

    expect(other.llmRequests).toBeGreaterThan(0);
    expect(other.result.usage.cachedResults).toBe(0);
    // Back to the first profile: its own analyses are still there, not the other profile's.
    const again = await search();
    expect(again.llmRequests).toBe(0);
    expect(again.result.usage.cachedResults).toBe(again.result.totalAnalyzed);
  });

  it("asks the analyzer again when the model changes", async () => {
    await search();
    const otherModel = await search({
      deps: harness.deps({
        analyzer: createLlmAnalyzer({
          baseURL: harness.openai.url,
          apiKey: OPENAI_KEY,
          model: "gpt-4.1-mini",
          maxRetries: 0,
        }),
      }),
    });

    expect(otherModel.llmRequests).toBeGreaterThan(0);
    expect(otherModel.result.usage.cachedResults).toBe(0);
  });

  it("still serves a week-old analysis (a weekly watch's next run), and asks again once it is 9 days old", async () => {
    await search();
    const weekLater = await search({ deps: harness.deps({ clock: () => addDays(HARNESS_NOW, 7) }) });
    expect(weekLater.llmRequests).toBe(0);

    await forgetCachedWork(harness.temp.db);
    await search();
    const nineDaysLater = await search({ deps: harness.deps({ clock: () => addDays(HARNESS_NOW, 9) }) });
    expect(nineDaysLater.llmRequests).toBeGreaterThan(0);
    expect(nineDaysLater.result.usage.cachedResults).toBe(0);
  });

  it("counts every result once, cached or not, and keeps the progress rising to the total", async () => {
    await search();
    const repeat = await search();
    const progress = repeat.events.flatMap((event) => (event.type === "progress" ? [event] : []));
    const counts = progress.map((event) => event.analyzed);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      analyzed: repeat.result.totalAnalyzed,
      total: repeat.result.totalAnalyzed,
    });
    const streamed = repeat.events.flatMap((event) => (event.type === "results" ? event.results : []));
    expect(new Set(streamed.map((result) => result.repo)).size).toBe(streamed.length);
    expect(
      repeat.events.filter((event) => ["complete", "error", "cancelled"].includes(event.type)),
    ).toHaveLength(1);
  });
});
