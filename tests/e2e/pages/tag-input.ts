import { expect, type Locator, type Page } from "@playwright/test";

/** One tag input (languages, topics), driven the way a person types into it. */
export class TagInputControl {
  readonly box: Locator;
  readonly field: Locator;
  readonly tags: Locator;
  readonly removeButtons: Locator;
  readonly error: Locator;

  constructor(
    readonly page: Page,
    testId: string,
  ) {
    this.box = page.getByTestId(testId);
    this.field = page.getByTestId(`${testId}-field`);
    this.tags = page.getByTestId(`${testId}-tag`);
    this.removeButtons = page.getByTestId(`${testId}-remove`);
    this.error = page.getByTestId(`${testId}-error`);
  }

  /**
   * Waits for the form's script to run: before that, Enter would submit the form natively (the typing lost)
   * and the × buttons would do nothing.
   */
  private async whenInteractive() {
    await expect(this.page.locator("form", { has: this.field })).toHaveAttribute("data-hydrated", "true");
  }

  /** Types each value and presses Enter after it. */
  async add(values: string[]) {
    await this.whenInteractive();
    for (const value of values) {
      await this.field.fill(value);
      await this.field.press("Enter");
    }
  }

  /** Removes every tag with its × button, as a person would one by one. */
  async clear() {
    await this.whenInteractive();
    while ((await this.removeButtons.count()) > 0) {
      const before = await this.removeButtons.count();
      await this.removeButtons.first().click();
      await expect(this.removeButtons).toHaveCount(before - 1);
    }
  }

  async set(values: string[]) {
    await this.clear();
    await this.add(values);
    await expect(this.tags).toHaveText(values);
  }
}
