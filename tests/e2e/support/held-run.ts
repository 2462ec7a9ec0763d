import { expect } from "@playwright/test";
import type { ScoutPage } from "../pages/scout-page";
import type { FakesControl } from "./fakes-control";

/**
 * Starts a search from the page and holds it mid-analysis: the test LLM answers the first batch and then
 * waits, so the run shows its first cards and stays running while the test looks at it or cancels it.
 */
export async function openRunHeldMidAnalysis({
  fakes,
  scoutPage,
}: {
  fakes: FakesControl;
  scoutPage: ScoutPage;
}): Promise<string> {
  await fakes.injectOpenAI({ kind: "delay", ms: 30_000 }, { afterRequests: 1, times: Infinity });
  await scoutPage.open();
  const runId = await scoutPage.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await expect(scoutPage.cards.first()).toBeVisible();
  return runId;
}
