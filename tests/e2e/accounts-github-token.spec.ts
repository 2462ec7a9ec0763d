import { expect, test } from "@playwright/test";
import { ProfilePage } from "./pages/profile-page";
import { ScoutPage } from "./pages/scout-page";
import { createFakesControl } from "./support/fakes-control";
import { signedInAs } from "./support/sign-in";

/**
 * The accounts mode's searches call GitHub with the searching person's own token. When GitHub stops accepting
 * it (the person revoked the app there), the run says so and offers the way back: signing in again, which
 * returns the person to their run, and their next search works.
 */

const fakes = createFakesControl(`http://127.0.0.1:${process.env.SCOUT_E2E_ACCOUNTS_CONTROL_PORT ?? ""}`);

test("a person whose GitHub access was revoked is asked to sign in again, and searches once they have", async ({
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("the accounts project sets baseURL");
  const page = await signedInAs(browser, baseURL, "nameless42");
  const profile = new ProfilePage(page);
  await profile.fill({ languages: ["Python"], topics: [], skillLevel: "beginner", goals: "Small fixes" });
  await profile.save();
  await expect(profile.status).toHaveText("Profile saved");
  await fakes.revokeGitHubUser("nameless42");

  const scout = new ScoutPage(page);
  const runId = await scout.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  const failed = page.getByTestId("failed-state");
  await expect(failed).toContainText("GitHub no longer accepts your sign-in");
  // Trying the same search again could not help: the way out offered is signing in.
  await expect(page.getByTestId("retry-search")).toHaveCount(0);
  await failed.getByRole("button", { name: "Sign in with GitHub again" }).click();
  await page.getByRole("button", { name: "Authorize as nameless42" }).click();
  await expect(page).toHaveURL(`${baseURL}/runs/${runId}`);

  await page.goto("/");
  await scout.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  await scout.waitUntilDone();
  await expect(scout.cards.first()).toBeVisible();
});
