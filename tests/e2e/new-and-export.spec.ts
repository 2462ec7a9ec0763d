import { developer, expect, runSearchToEnd, test } from "./fixtures";
import { escapeMarkdownText } from "@/server/export/markdown-text";
import { scoutSearchResultSchema } from "@/shared/runs";

/** A profile no earlier test searched with, so this test's first search is the profile's first. */
function freshProfile(title: string) {
  return { ...developer, goals: `${developer.goals} (${title}, ${Date.now()})` };
}

test("cards are new on a profile's first search, not on a repeat, and can be narrowed to the new ones", async ({
  api,
  scoutPage,
}, testInfo) => {
  await api.profile.save.mutate(freshProfile(testInfo.title));
  const first = await runSearchToEnd(api, { languages: ["Python"], minStars: 0 });

  await scoutPage.openRun(first.runId);
  await scoutPage.waitUntilDone();
  const firstCount = await scoutPage.cards.count();
  expect(firstCount).toBeGreaterThan(0);
  await expect(scoutPage.newCards()).toHaveCount(firstCount);
  await expect(scoutPage.cards.first().getByTestId("new-badge")).toHaveText("New since your last search");
  await expect(scoutPage.historyItem(first.runId)).toContainText(`${firstCount} new`);
  // Every result is new, so there is nothing to narrow down.
  await expect(scoutPage.newOnlyToggle).toHaveCount(0);

  const repeat = await runSearchToEnd(api, { languages: ["Python"], minStars: 0 });
  await scoutPage.openRun(repeat.runId);
  await scoutPage.waitUntilDone();
  await expect(scoutPage.cards).toHaveCount(firstCount);
  await expect(scoutPage.newCards()).toHaveCount(0);
  await expect(scoutPage.historyItem(repeat.runId)).toContainText("0 new");

  // A wider search finds the Python repositories again and others for the first time.
  const wider = await runSearchToEnd(api, { languages: ["Python", "TypeScript"], minStars: 0 });
  const { results } = await api.scout.results.query({ runId: wider.runId });
  const newRepos = results.filter((result) => result.newSinceLastRun).map((result) => result.repo);
  expect(newRepos.length).toBeGreaterThan(0);
  expect(newRepos.length).toBeLessThan(results.length);

  await scoutPage.openRun(wider.runId);
  await scoutPage.waitUntilDone();
  await expect(scoutPage.cards).toHaveCount(results.length);
  await expect(scoutPage.newCards()).toHaveCount(newRepos.length);
  await scoutPage.newOnlyToggle.check();
  await expect(scoutPage.cards).toHaveCount(newRepos.length);
  expect((await scoutPage.cardRepos()).sort()).toEqual([...newRepos].sort());
  await expect(scoutPage.resultCount).toHaveText(`(${newRepos.length} of ${results.length})`);
  await scoutPage.newOnlyToggle.uncheck();
  await expect(scoutPage.cards).toHaveCount(results.length);
});

test("a finished run downloads as Markdown, CSV and JSON", async ({ api, scoutPage, finishedRun }) => {
  const run = await api.scout.results.query({ runId: finishedRun.runId });
  const [top] = run.results;
  if (!top) throw new Error("the seeded search ranks repositories");

  await scoutPage.openRun(finishedRun.runId);
  await scoutPage.waitUntilDone();
  await expect(scoutPage.exportLinks).toBeVisible();

  const markdown = await scoutPage.download(scoutPage.exportLink("md"));
  expect(markdown.fileName).toBe(`scout-run-${finishedRun.runId}.md`);
  expect(markdown.text.startsWith("# GitHub Scout report\n")).toBe(true);
  expect(markdown.text).toContain("- Languages: Python, TypeScript");
  expect(markdown.text).toContain(`### 1. [${escapeMarkdownText(top.repo)}](`);

  const csv = await scoutPage.download(scoutPage.exportLink("csv"));
  expect(csv.fileName).toBe(`scout-run-${finishedRun.runId}.csv`);
  const [header, firstRow] = csv.text.split("\r\n");
  expect(header).toBe(
    "rank,repo,url,fit_score,stars,language,license,new_since_last_run,reason,contributions,picked_issues,picked_issue_urls",
  );
  expect(firstRow?.startsWith(`1,${top.repo},`)).toBe(true);

  const json = await scoutPage.download(scoutPage.exportLink("json"));
  expect(json.fileName).toBe(`scout-run-${finishedRun.runId}.json`);
  expect(scoutSearchResultSchema.parse(JSON.parse(json.text))).toEqual(run);
});

test("the export route answers with the API's security headers, 400 for a bad format and 404 for an unknown run", async ({
  page,
  finishedRun,
}) => {
  const ok = await page.request.get(`/api/runs/${finishedRun.runId}/export?format=csv`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(ok.headers()["x-content-type-options"]).toBe("nosniff");
  expect(ok.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

  const bad = await page.request.get(`/api/runs/${finishedRun.runId}/export?format=pdf`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { field: "format" } });

  const missing = await page.request.get("/api/runs/no-such-run/export?format=md");
  expect(missing.status()).toBe(404);
});
