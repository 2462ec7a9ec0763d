import { expect, type Locator, type Page } from "@playwright/test";
import type { ProfileInput } from "@/shared/profile";
import { TagInputControl } from "./tag-input";

export type ProfileValues = ProfileInput;

/** The developer-profile form on the home page, driven the way a person uses it. */
export class ProfilePage {
  readonly form: Locator;
  readonly languages: TagInputControl;
  readonly topics: TagInputControl;
  readonly goals: Locator;
  readonly goalsCounter: Locator;
  readonly saveButton: Locator;
  readonly status: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId("profile-form");
    this.languages = new TagInputControl(page, "profile-languages");
    this.topics = new TagInputControl(page, "profile-topics");
    this.goals = page.getByTestId("profile-goals");
    this.goalsCounter = page.getByTestId("profile-goals-counter");
    this.saveButton = page.getByTestId("profile-save");
    this.status = page.getByTestId("profile-status");
    this.banner = page.getByTestId("config-banner");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.form).toBeVisible();
  }

  skill(level: ProfileValues["skillLevel"]): Locator {
    return this.page.getByTestId(`profile-skill-${level}`);
  }

  async fill(values: ProfileValues) {
    await this.languages.set(values.languages);
    await this.topics.set(values.topics);
    await this.skill(values.skillLevel).check();
    await this.goals.fill(values.goals);
  }

  async save() {
    await this.saveButton.click();
  }

  async expectShows(values: ProfileValues) {
    await expect(this.languages.tags).toHaveText(values.languages);
    await expect(this.topics.tags).toHaveText(values.topics);
    await expect(this.skill(values.skillLevel)).toBeChecked();
    await expect(this.goals).toHaveValue(values.goals);
  }
}
