import { expect, test } from "@playwright/test";
import { ProfilePage } from "./pages/profile-page";
import { ScoutPage } from "./pages/scout-page";
import { signedInAs } from "./support/sign-in";

/**
 * The accounts mode in a browser: a server with sign-in on, the test GitHub server's authorize page, and two
 * people in two browser contexts (two sets of cookies), each seeing only their own profile and runs.
 */

test("two people signed in side by side each see only their own profile and searches", async ({
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("the accounts project sets baseURL");
  const mona = await signedInAs(browser, baseURL, "MonaLisa-Dev");
  const monaProfile = new ProfilePage(mona);
  await monaProfile.fill({
    languages: ["Python"],
    topics: [],
    skillLevel: "beginner",
    goals: "Mona's own goals",
  });
  await monaProfile.save();
  await expect(monaProfile.status).toHaveText("Profile saved");
  const monaScout = new ScoutPage(mona);
  const runId = await monaScout.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await monaScout.waitUntilDone();

  const hubot = await signedInAs(browser, baseURL, "hubot-private");
  const hubotScout = new ScoutPage(hubot);
  await expect(hubotScout.needsProfile).toBeVisible();
  await expect(new ProfilePage(hubot).goals).toHaveValue("");
  await expect(hubotScout.historyItems).toHaveCount(0);
  // Mona's run, by its address: as unknown to Hubot as a run nobody has.
  await hubot.goto(`/runs/${runId}`);
  await expect(hubot.getByTestId("run-not-found")).toBeVisible();
  const exported = await hubot.request.get(`/api/runs/${runId}/export?format=json`);
  expect(exported.status()).toBe(404);

  // Mona still has hers; signing out ends her session only.
  await mona.goto("/");
  await expect(monaScout.historyItem(runId)).toBeVisible();
  await mona.getByTestId("sign-out").click();
  await expect(mona).toHaveURL(/\/sign-in$/);
  await mona.goto("/");
  await expect(mona).toHaveURL(/\/sign-in$/);
  await hubot.reload();
  await expect(hubotScout.needsProfile).toBeVisible();
});

test("a cancelled GitHub sign-in says so and signs nobody in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in").click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=access_denied/);
  await expect(page.getByTestId("sign-in-error")).toHaveText(
    "GitHub sign-in was cancelled. Sign in to continue.",
  );
  const session = await page.request.get("/api/auth/get-session");
  expect(await session.json()).toBeNull();
});
