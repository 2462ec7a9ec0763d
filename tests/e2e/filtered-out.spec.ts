import { expect, test } from "./fixtures";

test("the run page shows what the filter dropped, each with its reason, on request @live", async ({
  api,
  scoutPage,
  finishedRun,
}, testInfo) => {
  const { filteredOut = [] } = await api.scout.results.query({ runId: finishedRun.runId });
  // The seeded search finds learning material and link lists in both projects' data.
  expect(filteredOut.some((entry) => entry.reason.startsWith("Looks like"))).toBe(true);

  await scoutPage.openRun(finishedRun.runId);
  await scoutPage.waitUntilDone();
  await expect(scoutPage.filteredOutToggle).not.toBeChecked();
  await expect(scoutPage.filteredOutItems).toHaveCount(0);
  await expect(scoutPage.page.getByTestId("filtered-out")).toContainText(
    `Show filtered out (${filteredOut.length})`,
  );

  await scoutPage.filteredOutToggle.check();
  await expect(scoutPage.filteredOutItems).toHaveCount(filteredOut.length);
  expect(await scoutPage.filteredOutItems.allTextContents()).toEqual(
    filteredOut.map(({ repo, reason }) => `${repo}: ${reason}`),
  );
  // Dropped before analysis: none of them is among the ranked repositories.
  const ranked = await scoutPage.cardRepos();
  expect(ranked.length).toBeGreaterThan(0);
  for (const { repo } of filteredOut) expect(ranked).not.toContain(repo);
  await scoutPage.page
    .getByTestId("filtered-out")
    .screenshot({ path: `test-results/screenshots/${testInfo.project.name}-filtered-out.png` });

  await scoutPage.filteredOutToggle.uncheck();
  await expect(scoutPage.filteredOutItems).toHaveCount(0);
});
