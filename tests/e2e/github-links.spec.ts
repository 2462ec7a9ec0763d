import { expect, test } from "./fixtures";

// Repository URLs come from GitHub's answers, so they are data: only those on the GitHub this server
// searches become links (issue 10, item 10).

test("only repository URLs on the configured GitHub become links @both", async ({
  page,
  api,
  finishedRun,
}) => {
  const { githubWebOrigin } = await api.scout.config.query();
  const { results, repos } = await api.scout.results.query({ runId: finishedRun.runId });
  const [offSite, scripted, ...onSite] = results.map((result) => result.repo);
  const urlOf = (fullName: string | undefined) => repos.find((repo) => repo.fullName === fullName)?.url ?? "";
  if (offSite === undefined || scripted === undefined || onSite[0] === undefined) {
    throw new Error("The seeded run should rank at least three repositories");
  }
  // Answers as a GitHub with other ideas would give them: one page elsewhere, one script URL.
  const swaps: [string, string][] = [
    [JSON.stringify(urlOf(offSite)), JSON.stringify(`https://elsewhere.example/${offSite}`)],
    [JSON.stringify(urlOf(scripted)), JSON.stringify("javascript:alert(document.domain)")],
  ];
  await page.route("**/api/trpc/**", async (route) => {
    const response = await route.fetch();
    let body = await response.text();
    for (const [from, to] of swaps) body = body.split(from).join(to);
    await route.fulfill({ response, body });
  });

  await page.goto(`/runs/${finishedRun.runId}`);
  const card = (repo: string) => page.locator(`[data-testid="repo-card"][data-repo="${repo}"]`);
  await expect(card(onSite[0]).getByTestId("repo-link")).toHaveAttribute(
    "href",
    `${githubWebOrigin ?? ""}/${onSite[0]}`,
  );
  for (const repo of [offSite, scripted]) {
    await expect(card(repo).getByTestId("repo-link-text")).toHaveText(repo);
    await expect(card(repo).locator("a")).toHaveCount(0);
  }
  // A request still being rewritten when the page closes (its run stream) must not fail the test.
  await page.unrouteAll({ behavior: "ignoreErrors" });
});
