import { expect, type Locator, type Page } from "@playwright/test";
import { TagInputControl } from "./tag-input";

export type SearchValues = {
  languages: string[];
  minStars?: number;
  maxStars?: number;
  query?: string;
  topics?: string[];
  requireStarterIssues?: boolean;
};

type Step = "discovering" | "filtering" | "fetching" | "analyzing" | "done";

/** The search form and the run page, driven the way a person uses them. */
export class ScoutPage {
  readonly searchForm: Locator;
  readonly languages: TagInputControl;
  readonly topics: TagInputControl;
  readonly minStars: Locator;
  readonly maxStars: Locator;
  readonly starsError: Locator;
  readonly query: Locator;
  readonly requireStarterIssues: Locator;
  readonly submit: Locator;
  readonly searchError: Locator;
  readonly needsProfile: Locator;
  readonly progressMessage: Locator;
  readonly cards: Locator;
  readonly sort: Locator;
  readonly rejectedToggle: Locator;
  readonly rejectedCards: Locator;
  readonly cancelButton: Locator;
  readonly emptyState: Locator;
  readonly failedState: Locator;
  readonly retryButton: Locator;
  readonly skippedNote: Locator;
  readonly warnings: Locator;
  readonly historyItems: Locator;
  readonly filteredOutToggle: Locator;
  readonly filteredOutItems: Locator;
  readonly newOnlyToggle: Locator;
  readonly resultCount: Locator;
  readonly exportLinks: Locator;
  /** What the run cost: GitHub requests, LLM tokens, cached results, time to the first result. */
  readonly cost: Locator;

  constructor(readonly page: Page) {
    this.searchForm = page.getByTestId("search-form");
    this.languages = new TagInputControl(page, "search-languages");
    this.topics = new TagInputControl(page, "search-topics");
    this.minStars = page.getByTestId("search-min-stars");
    this.maxStars = page.getByTestId("search-max-stars");
    this.starsError = page.getByTestId("search-stars-error");
    this.query = page.getByTestId("search-query");
    this.requireStarterIssues = page.getByTestId("search-require-starter-issues");
    this.submit = page.getByTestId("search-submit");
    this.searchError = page.getByTestId("search-error");
    this.needsProfile = page.getByTestId("search-needs-profile");
    this.progressMessage = page.getByTestId("progress-message");
    this.cards = page.getByTestId("result-list").getByTestId("repo-card");
    this.sort = page.getByTestId("sort-results");
    this.rejectedToggle = page.getByTestId("toggle-rejected");
    this.rejectedCards = page.getByTestId("rejected-list").getByTestId("repo-card");
    this.cancelButton = page.getByTestId("cancel-run");
    this.emptyState = page.getByTestId("empty-state");
    this.failedState = page.getByTestId("failed-state");
    this.retryButton = page.getByTestId("retry-search");
    this.skippedNote = page.getByTestId("skipped-note");
    this.warnings = page.getByTestId("run-warnings");
    this.historyItems = page.getByTestId("history-item");
    this.filteredOutToggle = page.getByTestId("toggle-filtered-out");
    this.filteredOutItems = page.getByTestId("filtered-out-list").getByTestId("filtered-out-item");
    this.newOnlyToggle = page.getByTestId("toggle-new-only");
    this.resultCount = page.getByTestId("result-count");
    this.exportLinks = page.getByTestId("export-links");
    this.cost = page.getByTestId("run-cost");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.searchForm).toBeVisible();
  }

  async openRun(runId: string) {
    await this.page.goto(`/runs/${runId}`);
    await expect(this.page.getByTestId("run-progress")).toBeVisible();
  }

  historyItem(runId: string): Locator {
    return this.page.locator(`[data-testid="history-item"][data-run-id="${runId}"]`);
  }

  card(repo: string): Locator {
    return this.page.locator(`[data-testid="repo-card"][data-repo="${repo}"]`);
  }

  async search(filters: SearchValues) {
    await this.languages.set(filters.languages);
    await this.minStars.fill(String(filters.minStars ?? 0));
    if (filters.maxStars !== undefined) await this.maxStars.fill(String(filters.maxStars));
    await this.query.fill(filters.query ?? "");
    await this.topics.set(filters.topics ?? []);
    await this.requireStarterIssues.setChecked(filters.requireStarterIssues ?? false);
    await this.submit.click();
  }

  async searchAndOpenRun(filters: SearchValues): Promise<string> {
    await this.search(filters);
    await this.page.waitForURL(/\/runs\/[\w-]+$/);
    return runIdFromUrl(this.page.url());
  }

  phase(step: Step): Locator {
    return this.page.getByTestId(`phase-${step}`);
  }

  async waitUntilDone() {
    await expect(this.phase("done")).toHaveAttribute("aria-current", "step", { timeout: 45_000 });
  }

  /** The ranked cards that carry the "new since your last search" badge. */
  newCards(): Locator {
    return this.cards.filter({ has: this.page.getByTestId("new-badge") });
  }

  exportLink(format: "md" | "csv" | "json"): Locator {
    return this.page.getByTestId(`export-${format}`);
  }

  /** Clicks a download link and returns what the browser saved, by name and content. */
  async download(link: Locator): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), link.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return { fileName: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }

  async cardRepos(): Promise<string[]> {
    return this.cards.evaluateAll((cards) => cards.map((card) => card.getAttribute("data-repo") ?? ""));
  }

  async cardScores(): Promise<number[]> {
    return this.cards.evaluateAll((cards) => cards.map((card) => Number(card.getAttribute("data-score"))));
  }

  async cardStars(): Promise<number[]> {
    return this.cards.evaluateAll((cards) => cards.map((card) => Number(card.getAttribute("data-stars"))));
  }

  /** The issue numbers a card lists as picked, in order. */
  async pickedIssueNumbers(card: Locator): Promise<number[]> {
    return card
      .getByTestId("picked-issue")
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-number"))));
  }

  async screenshot(name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
  }
}

export function runIdFromUrl(url: string): string {
  const runId = /\/runs\/([\w-]+)$/.exec(url)?.[1];
  if (!runId) throw new Error(`Not a run page: ${url}`);
  return runId;
}
