import { developer, expect, test } from "./fixtures";
import { ProfilePage } from "./pages/profile-page";
import { ScoutPage } from "./pages/scout-page";

// The home page's first HTML carries the data, so the first screen shows it before any script runs.

test("the first HTML shows the profile, the configuration and the history, not loading boxes", async ({
  browser,
  finishedRun,
}, testInfo) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto("/");
    const profile = new ProfilePage(page);
    const scout = new ScoutPage(page);

    await expect(profile.languages.tags).toHaveText(developer.languages);
    await expect(profile.skill(developer.skillLevel)).toBeChecked();
    await expect(profile.goals).toHaveValue(developer.goals);
    await expect(scout.languages.tags).toHaveText(developer.languages);
    await expect(profile.banner).toContainText(
      testInfo.project.name === "live" ? "Live GitHub" : "Offline demo catalog",
    );
    await expect(scout.historyItem(finishedRun.runId)).toBeVisible();
    await expect(page.getByText(/Loading/)).toHaveCount(0);
    await expect(scout.needsProfile).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a newcomer's first HTML asks for a profile and says there is no history yet", async ({
  request,
  withoutProfile: _withoutProfile,
}) => {
  const html = await (await request.get("/")).text();
  expect(html).toContain('data-testid="profile-form"');
  expect(html).toContain("Save your developer profile first");
  expect(html).toContain('data-testid="config-banner"');
  expect(html).not.toContain("Loading");
});

test.describe("in a time zone far from the server's", () => {
  // Dates in the history are shown in the reader's zone, which the server's HTML cannot know.
  test.use({ timezoneId: "Pacific/Kiritimati" });

  test("the server's HTML and the browser's first render agree, on the home page and a run page", async ({
    page,
    profilePage,
    scoutPage,
    finishedRun,
  }) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await profilePage.open();
    await expect(profilePage.languages.tags).toHaveText(developer.languages);
    await expect(scoutPage.historyItem(finishedRun.runId)).toBeVisible();
    await scoutPage.openRun(finishedRun.runId);
    await scoutPage.waitUntilDone();
    expect(problems).toEqual([]);
  });
});
