import { expect, runSearchToEnd, test } from "./fixtures";

// Starter issues and health on the cards, against the offline defaults (demo catalog, built-in analyzer)
// and the live stand-ins (test GitHub server, test LLM server). Both serve the demo catalog's issues, whose
// URLs point at demo.invalid: they must be shown as text marked "demo", never as links.

test("cards list their picked starter issues and a health line @both", async ({
  api,
  page,
  scoutPage,
  finishedRun,
}, testInfo) => {
  await scoutPage.openRun(finishedRun.runId);
  await scoutPage.waitUntilDone();
  const result = await api.scout.results.query({ runId: finishedRun.runId });
  const reposByName = new Map(result.repos.map((repo) => [repo.fullName, repo]));
  const cardRepos = await scoutPage.cardRepos();
  expect(cardRepos.length).toBeGreaterThan(3);

  let cardsWithPicks = 0;
  for (const name of cardRepos) {
    const card = scoutPage.card(name);
    const repo = reposByName.get(name);
    const analysis = result.results.find((entry) => entry.repo === name);
    // What the card lists is the analysis's picks, in order, each an unclaimed starter issue of the run.
    const listed = await scoutPage.pickedIssueNumbers(card);
    const unclaimed = new Map(
      (repo?.starterIssues ?? []).filter((issue) => !issue.claimed).map((issue) => [issue.number, issue]),
    );
    expect(listed).toEqual((analysis?.pickedIssues ?? []).map((pick) => pick.number));
    for (const number of listed) expect(unclaimed.has(number)).toBe(true);
    if (listed.length > 0) cardsWithPicks += 1;
    if (repo?.health)
      await expect(card.getByTestId("repo-health")).toHaveText(
        /^(Maintainers usually reply within|No maintainer has replied)/,
      );
  }
  expect(cardsWithPicks).toBeGreaterThan(0);

  const card = scoutPage.cards.filter({ has: page.getByTestId("picked-issue") }).first();
  const name = (await card.getAttribute("data-repo")) ?? "";
  const [firstNumber] = await scoutPage.pickedIssueNumbers(card);
  const issue = reposByName.get(name)?.starterIssues?.find((candidate) => candidate.number === firstNumber);
  const first = card.getByTestId("picked-issue").first();
  await expect(first.getByTestId("picked-issue-text")).toContainText(
    `#${firstNumber ?? ""} ${issue?.title ?? ""}`,
  );
  await expect(first.getByTestId("picked-issue-text")).toContainText("demo");
  await expect(first.getByTestId("picked-issue-meta")).toHaveText(
    /^opened (.+ ago|last \w+|yesterday) · \d+ comments?$/,
  );
  await expect(first.getByTestId("picked-issue-why")).not.toBeEmpty();
  for (const label of issue?.labels.slice(0, 2) ?? [])
    await expect(first.getByText(label, { exact: true })).toBeVisible();
  // Demo issues do not exist on github.com: no link anywhere in the issue lists.
  await expect(scoutPage.cards.getByTestId("picked-issues").locator("a")).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-card-issues.png` });
});

test("the starter-issue checkbox leaves out repositories without an unclaimed starter issue @both", async ({
  api,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  const filters = { languages: ["Python"], minStars: 0 };
  const unrestricted = await runSearchToEnd(api, filters);
  const before = await api.scout.results.query({ runId: unrestricted.runId });
  const hasUnclaimed = (repo: (typeof before.repos)[number]) =>
    (repo.starterIssues ?? []).some((issue) => !issue.claimed);
  // Without the checkbox, some candidates have nothing a newcomer can take today.
  expect(before.repos.some((repo) => !hasUnclaimed(repo))).toBe(true);

  await scoutPage.open();
  // Off unless asked for.
  await expect(scoutPage.requireStarterIssues).not.toBeChecked();
  const runId = await scoutPage.searchAndOpenRun({ ...filters, requireStarterIssues: true });
  await scoutPage.waitUntilDone();
  const after = await api.scout.results.query({ runId });
  expect(after.filters?.requireStarterIssues).toBe(true);
  expect(after.repos.length).toBeGreaterThan(0);
  expect(after.repos.every(hasUnclaimed)).toBe(true);
  const shown = await scoutPage.cardRepos();
  expect(shown.length).toBeGreaterThan(0);
  for (const name of shown) expect(after.repos.map((repo) => repo.fullName)).toContain(name);
  for (const repo of before.repos.filter((candidate) => !hasUnclaimed(candidate)))
    expect(shown).not.toContain(repo.fullName);
  // The run's form remembers the choice.
  await expect(scoutPage.requireStarterIssues).toBeChecked();
});
