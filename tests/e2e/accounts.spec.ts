import { expect, test, type Page } from "@playwright/test";
import { apiTokenPattern } from "@/shared/api-tokens";
import { ProfilePage } from "./pages/profile-page";
import { ScoutPage } from "./pages/scout-page";
import { SettingsPage } from "./pages/settings-page";
import { expectNoAxeViolationsInEitherScheme } from "./support/axe";
import { signedInAs } from "./support/sign-in";

/**
 * The accounts mode in a browser: a server with sign-in on, the test GitHub server's authorize page, and two
 * people in two browser contexts (two sets of cookies), each seeing only their own profile and runs.
 */

/**
 * The settings page as `page`'s person uses it: a token created, its secret shown once and focused, the token
 * opening the API, then revoked and refused.
 */
async function createSeeOnceAndRevokeToken(page: Page, name: string) {
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const settings = new SettingsPage(page);
  await expect(settings.empty).toBeVisible();

  await settings.create.click();
  await expect(settings.nameError).toHaveText(
    "Give the token a name, such as the machine or script that will use it",
  );
  await settings.name.fill(name);
  await settings.create.click();
  await expect(settings.newToken).toContainText("you will not see it again");
  await expect(settings.newTokenValue).toBeFocused();
  const secret = await settings.newTokenValue.inputValue();
  expect(secret).toMatch(apiTokenPattern);
  await expect(settings.row(name)).toContainText(secret.slice(0, 18));
  await expectNoAxeViolationsInEitherScheme(page, "settings, a new token shown");

  // The token opens the API for its owner. The page's cookies go along, and change nothing: a request that
  // offers a token is judged on the token alone.
  const asToken = () =>
    page.request.get("/api/trpc/apiTokens.list", { headers: { authorization: `Bearer ${secret}` } });
  expect((await asToken()).status()).toBe(200);

  await settings.copiedIt.click();
  await expect(settings.newToken).toBeHidden();
  await page.reload();
  await expect(settings.row(name)).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await settings.revoke(name);
  await expect(settings.row(name)).toHaveCount(0);
  await expect(settings.status).toContainText(`Revoked “${name}”`);
  expect((await asToken()).status()).toBe(401);
}

// The settings page's tokens are tried within this test, on a person already signed in: the auth library
// lets one address start three sign-ins per ten seconds, and this project's tests already start three.
test("two people signed in side by side each see only their own profile, searches and API tokens", async ({
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

  await createSeeOnceAndRevokeToken(hubot, "Hubot's laptop");

  // Mona still has hers, and none of Hubot's tokens; signing out ends her session only.
  await mona.goto("/settings");
  await expect(new SettingsPage(mona).empty).toBeVisible();
  await mona.goto("/");
  await expect(monaScout.historyItem(runId)).toBeVisible();
  await mona.getByTestId("sign-out").click();
  await expect(mona).toHaveURL(/\/sign-in$/);
  await mona.goto("/");
  await expect(mona).toHaveURL(/\/sign-in$/);
  await hubot.goto("/");
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
