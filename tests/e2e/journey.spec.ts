import { expect, test } from "@playwright/test";
import { createScoutClient } from "@/client";
import { createFakesControl } from "./support/fakes-control";
import { e2eSecrets } from "./support/e2e-secrets";
import { ProfilePage } from "./pages/profile-page";
import { ScoutPage } from "./pages/scout-page";

// Tests tagged @both run against the live stand-ins and the offline defaults; @live ones need fault injection.
const control = createFakesControl(`http://127.0.0.1:${process.env.SCOUT_E2E_FAKES_CONTROL_PORT}`);
const developer = {
  languages: ["Python", "TypeScript"],
  topics: [],
  skillLevel: "intermediate" as const,
  goals: "Contribute to web frameworks and developer tools",
};

test.beforeEach(async ({ page }) => {
  await control.reset();
  // Result links point at github.com, which this machine cannot reach; answer them locally.
  await page
    .context()
    .route("https://github.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<title>GitHub stand-in</title>" }),
    );
});

test("a search without a saved profile asks for one first @both", async ({ page }) => {
  const scout = new ScoutPage(page);
  await scout.open();
  await expect(scout.needsProfile).toContainText("Save your developer profile first");
  await expect(scout.submit).toBeDisabled();
});

test("the whole journey: profile, filters, live progress, growing results, final ranking, open a repo @both", async ({
  page,
  baseURL,
}, testInfo) => {
  const live = testInfo.project.name === "live";
  // Later batches answer slowly, so the first cards are on screen while the run is still going.
  if (live) await control.injectOpenAI({ kind: "delay", ms: 1500 }, { afterRequests: 1, times: Infinity });

  const profile = new ProfilePage(page);
  await profile.open();
  await profile.fill(developer);
  await profile.save();
  await expect(profile.status).toHaveText("Profile saved");
  const scout = new ScoutPage(page);
  await scout.screenshot(`${testInfo.project.name}-profile`);

  await scout.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await expect(scout.phase("discovering")).toBeVisible();
  await expect(page.getByTestId("count-discovered")).not.toHaveText("–");
  await expect(scout.cards.first()).toBeVisible();
  if (live) {
    await expect(scout.phase("done")).not.toHaveAttribute("aria-current", "step");
    await expect(scout.cancelButton).toBeVisible();
    await expect(scout.submit).toBeDisabled();
    await scout.screenshot("live-progress");
  }
  await scout.waitUntilDone();
  await expect(page.getByTestId("count-passed")).not.toHaveText("–");
  await expect(page.getByTestId("count-analyzed")).toHaveText(/^(\d+)\/\1$/);
  await expect(scout.cancelButton).toBeHidden();
  await expect(scout.submit).toBeEnabled();
  await scout.screenshot(`${testInfo.project.name}-results`);

  const scores = await scout.cardScores();
  expect(scores.length).toBeGreaterThan(0);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  const repos = await scout.cardRepos();
  expect(new Set(repos).size).toBe(repos.length);

  const firstCard = scout.cards.first();
  const tone = await firstCard.getByTestId("score-badge").getAttribute("data-tone");
  expect(tone).toBe(scores[0]! >= 8 ? "high" : scores[0]! >= 5 ? "medium" : "low");
  await expect(firstCard.getByTestId("repo-reason")).not.toBeEmpty();
  const [popup] = await Promise.all([page.waitForEvent("popup"), firstCard.getByTestId("repo-link").click()]);
  expect(popup.url()).toBe(`https://github.com/${repos[0]}`);
  await popup.close();

  // What the page shows is what the API says.
  const runId = page.url().split("/runs/")[1]!;
  const result = await createScoutClient(baseURL!).scout.results.query({ runId });
  expect(result.results.map((entry) => entry.repo).sort()).toEqual([...repos].sort());
  const html = await page.content();
  expect(html).not.toContain(e2eSecrets.githubToken);
  expect(html).not.toContain(e2eSecrets.openaiKey);
});

test("invalid filters show their errors in the form @both", async ({ page }) => {
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.setLanguages([]);
  await scout.submit.click();
  await expect(page.getByTestId("search-languages-error")).toHaveText("Select at least one language");
  await scout.setLanguages(["Go"]);
  await scout.minStars.fill("500");
  await scout.maxStars.fill("10");
  await scout.submit.click();
  await expect(page.getByTestId("search-stars-error")).toHaveText(
    "Maximum stars must be at least the minimum",
  );
  await expect(page).toHaveURL(/\/$/);
});

test("an empty search suggests broadening the filters @both", async ({ page }, testInfo) => {
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.searchAndOpenRun({ languages: ["Python"], query: "zzqqxxnothing" });
  await expect(scout.emptyState).toContainText("No repositories found");
  await expect(scout.emptyState).toContainText("widen the star range");
  await scout.screenshot(`${testInfo.project.name}-empty`);
});

test("untrusted descriptions render as text, never as HTML @both", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.searchAndOpenRun({ languages: ["JavaScript"], topics: ["xss"], minStars: 0 });
  await scout.waitUntilDone();
  const card = page.locator('[data-testid="repo-card"][data-repo="safe-markup/html-sanitizer-lite"]');
  await expect(card.getByTestId("repo-description")).toContainText("<img src=x onerror=alert(1)>");
  await expect(card.locator("img")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("the history list reopens an earlier run @both", async ({ page }) => {
  const scout = new ScoutPage(page);
  await scout.open();
  const first = scout.historyItems.last();
  const runId = await first.getAttribute("data-run-id");
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(scout.phase("done")).toHaveAttribute("aria-current", "step");
});

test("cancelling mid-analysis keeps the cards analyzed so far @live", async ({ page }) => {
  await control.injectOpenAI({ kind: "delay", ms: 30_000 }, { afterRequests: 1, times: Infinity });
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await expect(scout.cards.first()).toBeVisible();
  const before = await scout.cardRepos();
  await scout.cancelButton.click();
  await expect(scout.progressMessage).toHaveText("Search cancelled.");
  await expect(scout.cancelButton).toBeHidden();
  await page.reload();
  await expect(scout.progressMessage).toHaveText("Search cancelled.");
  expect(await scout.cardRepos()).toEqual(before);
});

test("a reload mid-run resumes the stream without duplicate cards @live", async ({ page }) => {
  await control.injectOpenAI({ kind: "delay", ms: 2_500 }, { afterRequests: 1, times: Infinity });
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await expect(scout.cards.first()).toBeVisible();
  await page.reload();
  await expect(scout.cards.first()).toBeVisible();
  await scout.waitUntilDone();
  const repos = await scout.cardRepos();
  expect(repos.length).toBeGreaterThan(8);
  expect(new Set(repos).size).toBe(repos.length);
});

test("a partial run lists the repositories it could not analyze @live", async ({ page }) => {
  await control.injectOpenAI({ kind: "invalid-json" }, { times: 1 });
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await scout.waitUntilDone();
  await expect(scout.skippedNote).toContainText("8 repositories could not be analyzed");
  await scout.screenshot("live-partial");
});

test("a second search while one runs is refused with a clear message @live", async ({ page }) => {
  await control.injectOpenAI({ kind: "delay", ms: 30_000 }, { times: Infinity });
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await expect(scout.cancelButton).toBeVisible();
  const runUrl = page.url();
  await scout.open();
  await scout.search({ languages: ["Go"], minStars: 0 });
  await expect(scout.searchError).toContainText("A search is already running");
  await page.goto(runUrl);
  await scout.cancelButton.click();
  await expect(scout.progressMessage).toHaveText("Search cancelled.");
});

test("GitHub's 1,000-result cap shows a warning banner @live", async ({ page }) => {
  await control.setRepositoryCount(5000);
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await expect(scout.warnings).toContainText("Results may be incomplete (GitHub caps at 1,000)");
  await scout.waitUntilDone();
});

test("a finished run is usable at a phone's width and by keyboard @both", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const scout = new ScoutPage(page);
  await scout.open();
  await scout.historyItems.first().focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/runs\//);
  await expect(scout.phase("done")).toHaveAttribute("aria-current", "step");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const sort = page.getByTestId("sort-results");
  if (await sort.isVisible()) {
    await sort.focus();
    await sort.selectOption("stars");
    await expect(sort).toHaveValue("stars");
  }
});
