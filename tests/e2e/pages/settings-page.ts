import type { Locator, Page } from "@playwright/test";

/** The settings page's personal API tokens, found as a person finds them: by their labels and roles. */
export class SettingsPage {
  readonly name: Locator;
  readonly nameError: Locator;
  readonly create: Locator;
  readonly newToken: Locator;
  readonly newTokenValue: Locator;
  readonly copiedIt: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.nameError = page.getByTestId("api-token-name-error");
    this.create = page.getByRole("button", { name: "Create token" });
    this.newToken = page.getByRole("region", { name: /^Your new token/ });
    this.newTokenValue = this.newToken.getByLabel("Token", { exact: true });
    this.copiedIt = this.newToken.getByRole("button", { name: "I have copied it" });
    this.rows = page.getByTestId("api-token-row");
    this.empty = page.getByTestId("api-tokens-empty");
    this.status = page.getByTestId("api-tokens-status");
  }

  /** The list's row of the token called `name`. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  async revoke(name: string) {
    const row = this.row(name);
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await row
      .getByRole("group", { name: `Revoke ${name}?` })
      .getByRole("button", { name: "Revoke token" })
      .click();
  }
}
