import { describeDiscoveredBy } from "@/lib/lane-words";
import { developer, expect, test } from "./fixtures";
import { e2eSecrets } from "./support/e2e-secrets";
import { openRunHeldMidAnalysis } from "./support/held-run";

// Untagged tests run on the offline defaults, @live ones against the test servers (most need fault
// injection), and @both ones on both, where what the source and the analyzer give is what is tested.

test("a search without a saved profile asks for one first", async ({
  scoutPage,
  withoutProfile: _withoutProfile,
}) => {
  await scoutPage.open();
  await expect(scoutPage.needsProfile).toContainText("Save your developer profile first");
  await expect(scoutPage.submit).toBeDisabled();
});

test("the whole journey: profile, filters, live progress, growing results, final ranking, open a repo @both", async ({
  page,
  api,
  fakes,
  profilePage,
  scoutPage,
}, testInfo) => {
  const live = testInfo.project.name === "live";
  // Later batches answer slowly, so the first cards are on screen while the run is still going.
  if (live) await fakes.injectOpenAI({ kind: "delay", ms: 3000 }, { afterRequests: 1, times: Infinity });

  await profilePage.open();
  await profilePage.fill(developer);
  await profilePage.save();
  await expect(profilePage.status).toHaveText("Profile saved");
  // The search form starts from the languages just saved.
  await expect(scoutPage.languages.tags).toHaveText(developer.languages);
  await scoutPage.screenshot(`${testInfo.project.name}-profile`);

  const runId = await scoutPage.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await expect(scoutPage.phase("discovering")).toBeVisible();
  if (live) {
    // Asked while the slow batches are still out: on a loaded machine the run may end soon after its
    // first cards show.
    await expect(scoutPage.phase("done")).not.toHaveAttribute("aria-current", "step");
    await expect(scoutPage.cancelButton).toBeVisible();
    await expect(scoutPage.submit).toBeDisabled();
  }
  await expect(page.getByTestId("count-discovered")).not.toHaveText("–");
  await expect(scoutPage.cards.first()).toBeVisible();
  if (live) await scoutPage.screenshot("live-progress");
  await scoutPage.waitUntilDone();
  await expect(page.getByTestId("count-passed")).not.toHaveText("–");
  await expect(page.getByTestId("count-analyzed")).toHaveText(/^(\d+)\/\1$/);
  await expect(scoutPage.cancelButton).toBeHidden();
  await expect(scoutPage.submit).toBeEnabled();
  await scoutPage.screenshot(`${testInfo.project.name}-results`);

  const scores = await scoutPage.cardScores();
  expect(scores.length).toBeGreaterThan(0);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  const repos = await scoutPage.cardRepos();
  expect(new Set(repos).size).toBe(repos.length);

  const firstCard = scoutPage.cards.first();
  const topScore = scores[0] ?? 0;
  await expect(firstCard.getByTestId("score-badge")).toHaveAttribute(
    "data-tone",
    topScore >= 8 ? "high" : topScore >= 5 ? "medium" : "low",
  );
  await expect(firstCard.getByTestId("repo-reason")).not.toBeEmpty();
  // The link goes to the repository's page on the GitHub this server searches (the stand-in's, live).
  const { githubWebOrigin } = await api.scout.config.query();
  const [popup] = await Promise.all([page.waitForEvent("popup"), firstCard.getByTestId("repo-link").click()]);
  expect(popup.url()).toBe(`${githubWebOrigin ?? ""}/${repos[0] ?? ""}`);
  await popup.close();

  // What the page shows is what the API says.
  const result = await api.scout.results.query({ runId });
  expect(result.results.map((entry) => entry.repo).sort()).toEqual([...repos].sort());
  // More matches than the best match's pages reach: the work lanes searched too, and a card says which
  // of them found its repository.
  const foundByWork = result.repos.filter(
    (repo) => repos.includes(repo.fullName) && repo.discoveredBy?.some((lane) => lane !== "best-match"),
  );
  expect(foundByWork.length).toBeGreaterThan(0);
  for (const repo of foundByWork.slice(0, 3)) {
    await expect(
      page.locator(`[data-testid="repo-card"][data-repo="${repo.fullName}"]`).getByTestId("repo-found-by"),
    ).toHaveText(describeDiscoveredBy(repo.discoveredBy) ?? "");
  }
  // The catalog makes no requests; against the test GitHub server, the searches are counted apart.
  const searching = result.usage.searchRequests ?? 0;
  if (searching > 0)
    await expect(scoutPage.cost.getByTestId("cost-github")).toContainText(
      `, ${searching.toLocaleString("en-US")} of them searching`,
    );
  else await expect(scoutPage.cost.getByTestId("cost-github")).not.toContainText("searching");
  const html = await page.content();
  expect(html).not.toContain(e2eSecrets.githubToken);
  expect(html).not.toContain(e2eSecrets.openaiKey);
});

test("invalid filters show their errors in the form", async ({
  page,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await scoutPage.open();
  await scoutPage.languages.clear();
  await scoutPage.submit.click();
  await expect(scoutPage.languages.error).toHaveText("Select at least one language");
  await expect(scoutPage.languages.field).toHaveAttribute("aria-invalid", "true");
  await scoutPage.languages.add(["Go"]);
  await expect(scoutPage.languages.error).toBeHidden();
  await scoutPage.minStars.fill("500");
  await scoutPage.maxStars.fill("10");
  await scoutPage.submit.click();
  await expect(scoutPage.starsError).toHaveText("Maximum stars must be at least the minimum");
  // Fixing the minimum clears the message that sits on the maximum.
  await scoutPage.minStars.fill("5");
  await expect(scoutPage.starsError).toBeHidden();
  await expect(page).toHaveURL(/\/$/);
});

test("an empty search suggests broadening the filters", async ({
  scoutPage,
  savedProfile: _savedProfile,
}, testInfo) => {
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python"], query: "zzqqxxnothing" });
  await expect(scoutPage.emptyState).toContainText("No repositories found");
  await expect(scoutPage.emptyState).toContainText("widen the star range");
  await expect(scoutPage.failedState).toBeHidden();
  await scoutPage.screenshot(`${testInfo.project.name}-empty`);
});

test("untrusted descriptions render as text, never as HTML @both", async ({
  page,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["JavaScript"], topics: ["xss"], minStars: 0 });
  await scoutPage.waitUntilDone();
  const card = scoutPage.card("safe-markup/html-sanitizer-lite");
  await expect(card.getByTestId("repo-description")).toContainText("<img src=x onerror=alert(1)>");
  await expect(card.locator("img")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("the history list reopens an earlier run", async ({ page, scoutPage, finishedRun }) => {
  await scoutPage.open();
  await scoutPage.historyItem(finishedRun.runId).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${finishedRun.runId}$`));
  await expect(scoutPage.phase("done")).toHaveAttribute("aria-current", "step");
  await expect(scoutPage.cards.first()).toBeVisible();
});

test("a finished run is usable at a phone's width and by keyboard, and sorts its cards by stars", async ({
  page,
  scoutPage,
  finishedRun,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await scoutPage.open();
  await scoutPage.historyItem(finishedRun.runId).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/runs/${finishedRun.runId}$`));
  await expect(scoutPage.phase("done")).toHaveAttribute("aria-current", "step");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  await expect(scoutPage.cards.nth(2)).toBeVisible();
  const byFit = await scoutPage.cardRepos();
  const fitStars = await scoutPage.cardStars();
  // The seeded run's best fits are not its most starred repositories, so sorting must move cards.
  expect(fitStars).not.toEqual([...fitStars].sort((a, b) => b - a));

  await scoutPage.sort.focus();
  await scoutPage.sort.selectOption("stars");
  await expect.poll(() => scoutPage.cardRepos()).not.toEqual(byFit);
  const stars = await scoutPage.cardStars();
  expect(stars).toEqual([...stars].sort((a, b) => b - a));
  expect((await scoutPage.cardRepos()).sort()).toEqual([...byFit].sort());
});

test("cards count their issues with the right plural", async ({
  api,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await scoutPage.open();
  const runId = await scoutPage.searchAndOpenRun({ languages: ["Rust"], minStars: 0 });
  await scoutPage.waitUntilDone();
  const result = await api.scout.results.query({ runId });
  const goodFirst = new Map(result.repos.map((repo) => [repo.fullName, repo.goodFirstIssues]));
  const repos = await scoutPage.cardRepos();
  const expected = repos.map((repo) => {
    const count = goodFirst.get(repo) ?? -1;
    return `${count} good first ${count === 1 ? "issue" : "issues"}`;
  });
  await expect(scoutPage.cards.getByTestId("repo-good-first")).toHaveText(expected);
  // The search includes repositories with exactly one, the case that used to read "1 good first issues".
  expect(expected).toContain("1 good first issue");
});

test("a search GitHub refuses ends on the failure screen, with a way to try again @live", async ({
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.injectGitHub({ kind: "bad-credentials", times: Infinity });
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await expect(scoutPage.failedState).toContainText("The search did not finish");
  await expect(scoutPage.retryButton).toBeVisible();
  await expect(scoutPage.emptyState).toBeHidden();
  await expect(scoutPage.cancelButton).toBeHidden();
});

test("cancelling mid-analysis keeps the cards analyzed so far @live", async ({
  page,
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await openRunHeldMidAnalysis({ fakes, scoutPage });
  await scoutPage.cancelButton.click();
  await expect(scoutPage.progressMessage).toHaveText("Search cancelled.");
  await expect(scoutPage.cancelButton).toBeHidden();
  // Read once the run has ended: the first batch's cards may still have been arriving at the click.
  const before = await scoutPage.cardRepos();
  expect(before.length).toBeGreaterThan(0);
  await page.reload();
  await expect(scoutPage.progressMessage).toHaveText("Search cancelled.");
  expect(await scoutPage.cardRepos()).toEqual(before);
});

test("a reload mid-run resumes the stream without duplicate cards @live", async ({
  page,
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.injectOpenAI({ kind: "delay", ms: 2_500 }, { afterRequests: 1, times: Infinity });
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await expect(scoutPage.cards.first()).toBeVisible();
  await page.reload();
  await expect(scoutPage.cards.first()).toBeVisible();
  await scoutPage.waitUntilDone();
  const repos = await scoutPage.cardRepos();
  expect(repos.length).toBeGreaterThan(8);
  expect(new Set(repos).size).toBe(repos.length);
});

test("a partial run lists the repositories it could not analyze @live", async ({
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.injectOpenAI({ kind: "invalid-json" }, { times: 1 });
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await scoutPage.waitUntilDone();
  await expect(scoutPage.skippedNote).toContainText("8 repositories could not be analyzed");
  await scoutPage.screenshot("live-partial");
});

test("a second search while one runs is refused with a clear message @live", async ({
  page,
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.injectOpenAI({ kind: "delay", ms: 30_000 }, { times: Infinity });
  await scoutPage.open();
  const runId = await scoutPage.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await expect(scoutPage.cancelButton).toBeVisible();
  await scoutPage.open();
  await scoutPage.search({ languages: ["Go"], minStars: 0 });
  await expect(scoutPage.searchError).toContainText("A search is already running");
  await expect(page).toHaveURL(/\/$/);
  await scoutPage.openRun(runId);
  await scoutPage.cancelButton.click();
  await expect(scoutPage.progressMessage).toHaveText("Search cancelled.");
});

test("GitHub's 1,000-result cap shows a warning banner @live", async ({
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.setRepositoryCount(5000);
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await expect(scoutPage.warnings).toContainText("Results may be incomplete (GitHub caps at 1,000)");
  await scoutPage.waitUntilDone();
});
