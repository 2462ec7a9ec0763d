import { expect, type Locator, type Page } from "@playwright/test";
import type { RepoMark } from "@/shared/marks";

/** A card's mark buttons, as a person finds them: by their names. */
export class MarkControls {
  readonly save: Locator;
  readonly dismiss: Locator;
  readonly contributed: Locator;
  readonly dismissedNotice: Locator;
  readonly noteInput: Locator;
  readonly saveNote: Locator;
  readonly undo: Locator;

  constructor(readonly card: Locator) {
    const group = card.getByRole("group", { name: /^Your marks for / });
    this.save = group.getByRole("button", { name: "Save", exact: true });
    this.dismiss = group.getByRole("button", { name: "Not interested", exact: true });
    this.contributed = group.getByRole("button", { name: "Contributed", exact: true });
    this.dismissedNotice = card.getByTestId("dismissed-notice");
    this.noteInput = card.getByLabel("Why? (optional)");
    this.saveNote = card.getByRole("button", { name: "Save note" });
    this.undo = card.getByRole("button", { name: /^Undo/ });
  }

  async expectPressed(mark: RepoMark | null) {
    await expect(this.save).toHaveAttribute("aria-pressed", String(mark === "saved"));
    await expect(this.dismiss).toHaveAttribute("aria-pressed", String(mark === "dismissed"));
    await expect(this.contributed).toHaveAttribute("aria-pressed", String(mark === "contributed"));
  }
}

/** The Saved view: the marked repositories, one mark at a time. */
export class SavedPage {
  readonly heading: Locator;
  readonly items: Locator;
  readonly loadMore: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Saved repositories" });
    this.items = page.getByTestId("saved-item");
    this.loadMore = page.getByRole("button", { name: "Load more" });
    this.empty = page.getByTestId("saved-empty");
  }

  async open() {
    await this.page.goto("/saved");
    await expect(this.heading).toBeVisible();
  }

  async show(label: "Saved" | "Contributed" | "Not interested") {
    const button = this.page
      .getByRole("group", { name: "Show repositories marked" })
      .getByRole("button", { name: label, exact: true });
    await button.click();
    await expect(button).toHaveAttribute("aria-pressed", "true");
  }

  item(repo: string): Locator {
    return this.page.locator(`[data-testid="saved-item"][data-repo="${repo}"]`);
  }

  async itemRepos(): Promise<string[]> {
    return this.items.evaluateAll((items) => items.map((item) => item.getAttribute("data-repo") ?? ""));
  }
}
