import { expect, type Browser, type Page } from "@playwright/test";

let contexts = 0;

/**
 * A new browser context that signs in through GitHub's authorize page as `login`, ending on the home page. Each
 * comes from an address of its own, as people do (the accounts server trusts x-forwarded-for, as behind a
 * proxy).
 */
export async function signedInAs(browser: Browser, baseURL: string, login: string): Promise<Page> {
  contexts += 1;
  const address = `10.77.${process.pid % 250}.${contexts % 250}`;
  const context = await browser.newContext({
    baseURL,
    reducedMotion: "reduce",
    extraHTTPHeaders: { "x-forwarded-for": address },
  });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByTestId("sign-in").click();
  // GitHub's page: one button per account that could authorize the app.
  await page.getByRole("button", { name: `Authorize as ${login}` }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByTestId("sign-out")).toBeVisible();
  return page;
}
