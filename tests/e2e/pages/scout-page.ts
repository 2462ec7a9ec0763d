import { expect, type Locator, type Page } from "@playwright/test";

/** The search form and the run page, driven the way a person uses them. */
export class ScoutPage {
  readonly searchForm: Locator;
  readonly languageField: Locator;
  readonly languageRemoveButtons: Locator;
  readonly minStars: Locator;
  readonly maxStars: Locator;
  readonly query: Locator;
  readonly topicField: Locator;
  readonly submit: Locator;
  readonly searchError: Locator;
  readonly needsProfile: Locator;
  readonly progressMessage: Locator;
  readonly cards: Locator;
  readonly cancelButton: Locator;
  readonly emptyState: Locator;
  readonly skippedNote: Locator;
  readonly warnings: Locator;
  readonly historyItems: Locator;

  constructor(readonly page: Page) {
    this.searchForm = page.getByTestId("search-form");
    this.languageField = page.getByTestId("search-languages-field");
    this.languageRemoveButtons = page.getByTestId("search-languages-remove");
    this.minStars = page.getByTestId("search-min-stars");
    this.maxStars = page.getByTestId("search-max-stars");
    this.query = page.getByTestId("search-query");
    this.topicField = page.getByTestId("search-topics-field");
    this.submit = page.getByTestId("search-submit");
    this.searchError = page.getByTestId("search-error");
    this.needsProfile = page.getByTestId("search-needs-profile");
    this.progressMessage = page.getByTestId("progress-message");
    this.cards = page.getByTestId("result-list").getByTestId("repo-card");
    this.cancelButton = page.getByTestId("cancel-run");
    this.emptyState = page.getByTestId("empty-state");
    this.skippedNote = page.getByTestId("skipped-note");
    this.warnings = page.getByTestId("run-warnings");
    this.historyItems = page.getByTestId("history-item");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.searchForm).toBeVisible();
  }

  async setLanguages(languages: string[]) {
    while ((await this.languageRemoveButtons.count()) > 0) await this.languageRemoveButtons.first().click();
    for (const language of languages) {
      await this.languageField.fill(language);
      await this.languageField.press("Enter");
    }
  }

  async search(filters: {
    languages: string[];
    minStars?: number;
    maxStars?: number;
    query?: string;
    topics?: string[];
  }) {
    await this.setLanguages(filters.languages);
    await this.minStars.fill(String(filters.minStars ?? 0));
    if (filters.maxStars !== undefined) await this.maxStars.fill(String(filters.maxStars));
    await this.query.fill(filters.query ?? "");
    for (const topic of filters.topics ?? []) {
      await this.topicField.fill(topic);
      await this.topicField.press("Enter");
    }
    await this.submit.click();
  }

  async searchAndOpenRun(filters: Parameters<ScoutPage["search"]>[0]): Promise<string> {
    await this.search(filters);
    await this.page.waitForURL(/\/runs\/[\w-]+$/);
    return this.page.url().split("/runs/")[1]!;
  }

  phase(step: "discovering" | "filtering" | "fetching" | "analyzing" | "done"): Locator {
    return this.page.getByTestId(`phase-${step}`);
  }

  async waitUntilDone() {
    await expect(this.phase("done")).toHaveAttribute("aria-current", "step", { timeout: 45_000 });
  }

  async cardRepos(): Promise<string[]> {
    return this.cards.evaluateAll((cards) => cards.map((card) => card.getAttribute("data-repo") ?? ""));
  }

  async cardScores(): Promise<number[]> {
    return this.cards.evaluateAll((cards) => cards.map((card) => Number(card.getAttribute("data-score"))));
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
