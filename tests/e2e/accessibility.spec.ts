import { expect, runSearchToEnd, seededSearch, test } from "./fixtures";
import { colorSchemes, expectNoAxeViolationsInEitherScheme } from "./support/axe";
import { toE2EProject } from "./support/e2e-databases";
import { openRunHeldMidAnalysis } from "./support/held-run";
import { digestOfEveryKind, recordWatchFailures, writeWatchDigest } from "./support/watch-state";

// Every main state of the app, scanned with axe-core in the light and the dark colour scheme: each scan must
// find nothing. Each state is scanned once, in one project: @live where it needs the test servers or their data.

test("the home page of a newcomer, without a profile, has no accessibility violations", async ({
  scoutPage,
  withoutProfile: _withoutProfile,
}) => {
  await scoutPage.open();
  await expect(scoutPage.needsProfile).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "home, no profile");
});

test("the home page with a profile and past searches has no accessibility violations", async ({
  scoutPage,
  finishedRun,
}) => {
  await scoutPage.open();
  await expect(scoutPage.historyItem(finishedRun.runId)).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "home, profile and history");
});

test("both forms showing their field errors have no accessibility violations", async ({
  profilePage,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await profilePage.open();
  await profilePage.languages.clear();
  await profilePage.save();
  await expect(profilePage.languages.error).toHaveText("Add at least one language");

  await scoutPage.languages.clear();
  await scoutPage.minStars.fill("500");
  await scoutPage.maxStars.fill("10");
  await scoutPage.query.fill("q".repeat(300));
  await scoutPage.submit.click();
  await expect(scoutPage.languages.error).toHaveText("Select at least one language");
  await expect(scoutPage.starsError).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "home, both forms with errors");
});

test("a run mid-analysis has no accessibility violations @live", async ({
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  // The first batch answers; the rest wait, so the run holds still mid-analysis while it is scanned.
  await openRunHeldMidAnalysis({ fakes, scoutPage });
  await expect(scoutPage.cancelButton).toBeVisible();
  await expect(scoutPage.phase("analyzing")).toHaveAttribute("aria-current", "step");
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "run, mid-analysis");
});

test("a finished run, with every score colour and its rejected and filtered-out repositories shown, has no accessibility violations @live", async ({
  api,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  // Full scans of a page of some 40 cards, each with its mark buttons, are slow; a slow test, not a hung one.
  test.slow();
  // Go besides the profile's languages: some candidates fit well, some barely, and some not at all.
  const { runId } = await runSearchToEnd(api, { languages: ["Python", "TypeScript", "Go"], minStars: 0 });
  await scoutPage.openRun(runId);
  await scoutPage.waitUntilDone();
  const tones = scoutPage.cards.getByTestId("score-badge");
  for (const tone of ["high", "medium", "low"]) {
    await expect(tones.and(scoutPage.page.locator(`[data-tone="${tone}"]`)).first()).toBeVisible();
  }
  // Showing the rejected and the filtered-out lists only adds to the page, so one scan per colour scheme
  // of the fullest state covers the ranked cards, the rejected ones and the filter's list together.
  await scoutPage.rejectedToggle.check();
  await expect(scoutPage.rejectedCards.first()).toBeVisible();
  await scoutPage.page.getByTestId("toggle-filtered-out").check();
  await expect(scoutPage.page.getByTestId("filtered-out-item").first()).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "run, finished, rejected and filtered out shown");
});

test("the home page and a finished run, in light and dark, for the record", async ({
  scoutPage,
  finishedRun,
}, testInfo) => {
  // Screenshots a person looks at: contrast numbers say nothing of whether a palette reads well. The run
  // page is long; a tall window shows its head and enough cards to see each score colour.
  await scoutPage.page.setViewportSize({ width: 1280, height: 1600 });
  for (const scheme of colorSchemes) {
    await scoutPage.page.emulateMedia({ colorScheme: scheme });
    await scoutPage.open();
    await expect(scoutPage.historyItem(finishedRun.runId)).toBeVisible();
    await scoutPage.page.screenshot({
      path: `test-results/screenshots/${testInfo.project.name}-home-${scheme}.png`,
    });
    await scoutPage.openRun(finishedRun.runId);
    await scoutPage.waitUntilDone();
    await expect(scoutPage.cards.first()).toBeVisible();
    await scoutPage.page.screenshot({
      path: `test-results/screenshots/${testInfo.project.name}-run-${scheme}.png`,
    });
  }
});

test("an empty search has no accessibility violations", async ({
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python"], query: "zzqqxxnothing" });
  await expect(scoutPage.emptyState).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "run, empty");
});

test("a failed search has no accessibility violations @live", async ({
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.injectGitHub({ kind: "bad-credentials", times: Infinity });
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await expect(scoutPage.failedState).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "run, failed");
});

test("a partial run has no accessibility violations @live", async ({
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.injectOpenAI({ kind: "invalid-json" }, { times: 1 });
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
  await scoutPage.waitUntilDone();
  await expect(scoutPage.skippedNote).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "run, partial");
});

test("a cancelled run has no accessibility violations @live", async ({
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await openRunHeldMidAnalysis({ fakes, scoutPage });
  await scoutPage.cancelButton.click();
  await expect(scoutPage.progressMessage).toHaveText("Search cancelled.");
  await expectNoAxeViolationsInEitherScheme(scoutPage.page, "run, cancelled");
});

test("a run that does not exist has no accessibility violations", async ({ page }) => {
  await page.goto("/runs/no-such-run");
  await expect(page.getByTestId("run-not-found")).toBeVisible();
  await expectNoAxeViolationsInEitherScheme(page, "run, not found");
});

test("the watches page, with a paused watch, its digests open and the new-watch form showing an error, has no accessibility violations", async ({
  api,
  watchesPage,
  savedProfile: _savedProfile,
  withoutWatches: _withoutWatches,
}, testInfo) => {
  const project = toE2EProject(testInfo.project.name);
  const watch = await api.watches.create.mutate({
    name: "Python weekly",
    filters: seededSearch,
    schedule: { kind: "weekly", weekday: "monday", hour: 7, timeZone: "UTC" },
    emailTo: "me@example.com",
  });
  await api.watches.create.mutate({
    name: "Go on weekdays",
    filters: { languages: ["Go"] },
    schedule: { kind: "cron", expression: "0 9 * * 1-5", timeZone: "Europe/Berlin" },
  });
  recordWatchFailures(project, watch.id, {
    failures: 3,
    lastError: "GitHub refused the search: sign in again.",
    backoffUntil: new Date(Date.now() + 24 * 60 * 60 * 1000),
  });
  writeWatchDigest(project, {
    id: `digest-${watch.id}`,
    watchId: watch.id,
    runId: "a-run-of-python-weekly",
    createdAt: new Date(),
    content: digestOfEveryKind,
  });
  await watchesPage.open();
  await watchesPage.watch("Python weekly").getByRole("button", { name: "Recent digests" }).click();
  await expect(watchesPage.watch("Python weekly").getByTestId("digest")).toBeVisible();
  await expect(watchesPage.watch("Python weekly").getByTestId("watch-backoff")).toBeVisible();
  await watchesPage.newWatch.click();
  await watchesPage.kind("cron").check();
  await watchesPage.cron.fill("*/5 * * * *");
  await watchesPage.create.click();
  await expect(watchesPage.cronError).toBeVisible();
  await expect(watchesPage.form.getByTestId("watch-name-error")).toHaveText("Give the watch a name");
  await expectNoAxeViolationsInEitherScheme(watchesPage.page, "watches, paused, digests open, form errors");
});
