import { expect, type Locator, type Page } from "@playwright/test";
import type { WatchSchedule } from "@/shared/watches";
import { TagInputControl } from "./tag-input";

/** The watches page, found as a person finds it: by headings, labels and the names of buttons. */
export class WatchesPage {
  readonly heading: Locator;
  readonly newWatch: Locator;
  readonly status: Locator;
  readonly watches: Locator;
  readonly empty: Locator;
  /** The open form, new or edit. */
  readonly form: Locator;
  readonly name: Locator;
  readonly languages: TagInputControl;
  readonly minStars: Locator;
  readonly hour: Locator;
  readonly weekday: Locator;
  readonly cron: Locator;
  readonly cronError: Locator;
  readonly timeZone: Locator;
  readonly timeZoneError: Locator;
  readonly email: Locator;
  readonly create: Locator;
  readonly saveChanges: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Your watches" });
    this.newWatch = page.getByRole("button", { name: "New watch" });
    this.status = page.getByTestId("watches-status");
    this.watches = page.getByTestId("watch");
    this.empty = page.getByTestId("watches-empty");
    this.form = page.getByTestId("watch-form");
    this.name = this.form.getByLabel("Name", { exact: true });
    this.languages = new TagInputControl(page, "watch-languages");
    this.minStars = this.form.getByTestId("watch-min-stars");
    this.hour = this.form.getByLabel("Hour", { exact: true });
    this.weekday = this.form.getByLabel("Day", { exact: true });
    this.cron = this.form.getByLabel("Cron expression", { exact: true });
    this.cronError = this.form.getByTestId("watch-cron-error");
    this.timeZone = this.form.getByLabel("Time zone", { exact: true });
    this.timeZoneError = this.form.getByTestId("watch-time-zone-error");
    this.email = this.form.getByLabel("Email digests to");
    this.create = this.form.getByRole("button", { name: "Create watch" });
    this.saveChanges = this.form.getByRole("button", { name: "Save changes" });
  }

  async open() {
    await this.page.goto("/watches");
    await expect(this.heading).toBeVisible();
  }

  /** The form's schedule kind: daily, weekly or cron. */
  kind(kind: WatchSchedule["kind"]): Locator {
    return this.form.getByTestId(`watch-schedule-${kind}`);
  }

  /** The card of the watch called `name`. */
  watch(name: string): Locator {
    return this.watches.filter({ has: this.page.getByRole("heading", { name, exact: true }) });
  }
}
