import { expect, type Locator, type Page } from "@playwright/test";

type ProfileValues = {
  languages: string[];
  topics: string[];
  skillLevel: "beginner" | "intermediate" | "advanced";
  goals: string;
};

/** The developer-profile form on the home page, driven the way a person uses it. */
export class ProfilePage {
  readonly form: Locator;
  readonly languageField: Locator;
  readonly languageTags: Locator;
  readonly topicField: Locator;
  readonly topicTags: Locator;
  readonly languageRemoveButtons: Locator;
  readonly topicRemoveButtons: Locator;
  readonly goals: Locator;
  readonly goalsCounter: Locator;
  readonly saveButton: Locator;
  readonly status: Locator;
  readonly languagesError: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId("profile-form");
    this.languageField = page.getByTestId("profile-languages-field");
    this.languageTags = page.getByTestId("profile-languages-tag");
    this.topicField = page.getByTestId("profile-topics-field");
    this.topicTags = page.getByTestId("profile-topics-tag");
    this.languageRemoveButtons = page.getByTestId("profile-languages-remove");
    this.topicRemoveButtons = page.getByTestId("profile-topics-remove");
    this.goals = page.getByTestId("profile-goals");
    this.goalsCounter = page.getByTestId("profile-goals-counter");
    this.saveButton = page.getByTestId("profile-save");
    this.status = page.getByTestId("profile-status");
    this.languagesError = page.getByTestId("profile-languages-error");
    this.banner = page.getByTestId("config-banner");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.form).toBeVisible();
  }

  async clearTags(removeButtons: Locator) {
    while ((await removeButtons.count()) > 0) {
      await removeButtons.first().click();
    }
  }

  async addTags(field: Locator, values: string[]) {
    for (const value of values) {
      await field.fill(value);
      await field.press("Enter");
    }
  }

  async fill(values: ProfileValues) {
    await this.clearTags(this.languageRemoveButtons);
    await this.addTags(this.languageField, values.languages);
    await this.clearTags(this.topicRemoveButtons);
    await this.addTags(this.topicField, values.topics);
    await this.page.getByTestId(`profile-skill-${values.skillLevel}`).check();
    await this.goals.fill(values.goals);
  }

  async save() {
    await this.saveButton.click();
  }

  async expectShows(values: ProfileValues) {
    await expect(this.languageTags).toHaveText(values.languages);
    await expect(this.topicTags).toHaveText(values.topics);
    await expect(this.page.getByTestId(`profile-skill-${values.skillLevel}`)).toBeChecked();
    await expect(this.goals).toHaveValue(values.goals);
  }
}
