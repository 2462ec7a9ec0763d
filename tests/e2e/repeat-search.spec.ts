import { expect, seededSearch, test } from "./fixtures";

test("a repeat search shows its cards at once from the cache, and what it saved @live", async ({
  scoutPage,
  fakes,
  finishedRun: _finishedRun,
}) => {
  // The LLM stand-in now holds every call for 30 s: only cached analyses can show up before that.
  await fakes.injectOpenAI({ kind: "delay", ms: 30_000 }, { times: Infinity });
  const llmCallsBefore = (await fakes.openaiRequests()).count;
  await scoutPage.open();
  await scoutPage.searchAndOpenRun(seededSearch);

  await expect(scoutPage.cards.first()).toBeVisible({ timeout: 5_000 });
  await scoutPage.waitUntilDone();
  const cards = await scoutPage.cards.count();
  expect(cards).toBeGreaterThan(0);
  await expect(scoutPage.cost.getByTestId("cost-cached")).toContainText(/\d+ results from the cache/);
  await expect(scoutPage.cost.getByTestId("cost-llm")).toHaveText("LLM tokens: 0 in, 0 out");
  await expect(scoutPage.cost.getByTestId("cost-github")).toContainText(/\d+ GitHub requests?/);
  await expect(scoutPage.cost.getByTestId("cost-first-result")).toContainText(/First result after \d/);
  // The first search's calls are all there were: the repeat asked the LLM nothing.
  expect((await fakes.openaiRequests()).count).toBe(llmCallsBefore);
});

test("a first search shows what it cost @live", async ({ scoutPage, savedProfile: _savedProfile }) => {
  await scoutPage.open();
  await scoutPage.searchAndOpenRun(seededSearch);
  await scoutPage.waitUntilDone();

  await expect(scoutPage.cost.getByTestId("cost-cached")).toHaveText("0 results from the cache");
  await expect(scoutPage.cost.getByTestId("cost-github")).toBeVisible();
  await expect(scoutPage.cost.getByTestId("cost-first-result")).toBeVisible();
});
