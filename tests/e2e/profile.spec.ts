import { expect, test } from "@playwright/test";
import { createScoutClient } from "@/client";
import { ProfilePage } from "./pages/profile-page";

test.describe("developer profile", () => {
  test("a saved profile survives a reload", async ({ page, baseURL }) => {
    const profile = new ProfilePage(page);
    await profile.open();
    const values = {
      languages: ["TypeScript", "Rust"],
      topics: ["developer-tools", "cli"],
      skillLevel: "intermediate" as const,
      goals: "Help maintain a fast command-line tool and learn Rust along the way.",
    };
    await profile.fill(values);
    await profile.save();
    await expect(profile.status).toHaveText("Profile saved");

    await page.reload();
    await profile.expectShows(values);

    // The server holds exactly what the page showed.
    const stored = await createScoutClient(baseURL!).profile.get.query();
    expect(stored).toMatchObject(values);
  });

  test("a profile without languages shows the field error and saves nothing", async ({ page, baseURL }) => {
    const client = createScoutClient(baseURL!);
    const before = await client.profile.save.mutate({
      languages: ["Go"],
      topics: ["cloud"],
      skillLevel: "advanced",
      goals: "Kubernetes operators",
    });

    const profile = new ProfilePage(page);
    await profile.open();
    await profile.expectShows({
      languages: ["Go"],
      topics: ["cloud"],
      skillLevel: "advanced",
      goals: "Kubernetes operators",
    });
    await profile.clearTags(profile.languageRemoveButtons);
    await profile.goals.fill("Something else entirely");
    await profile.save();

    await expect(profile.languagesError).toHaveText("Add at least one language");
    await expect(profile.languageField).toHaveAttribute("aria-invalid", "true");
    await expect(profile.status).toHaveText("");
    expect(await client.profile.get.query()).toEqual(before);

    await page.reload();
    await profile.expectShows({
      languages: ["Go"],
      topics: ["cloud"],
      skillLevel: "advanced",
      goals: "Kubernetes operators",
    });
  });

  test("the goals counter follows typing and stops at 500 characters", async ({ page }) => {
    const profile = new ProfilePage(page);
    await profile.open();
    await profile.goals.fill("");
    await expect(profile.goalsCounter).toHaveText("0/500");
    await profile.goals.pressSequentially("Learn");
    await expect(profile.goalsCounter).toHaveText("5/500");
    await profile.goals.fill("x".repeat(600));
    await expect(profile.goals).toHaveValue("x".repeat(500));
    await expect(profile.goalsCounter).toHaveText("500/500");
  });

  test("tags are added with Enter or comma and removed with their button or Backspace", async ({ page }) => {
    const profile = new ProfilePage(page);
    await profile.open();
    await profile.clearTags(profile.languageRemoveButtons);
    await profile.languageField.fill("Python, Go");
    await profile.languageField.press(",");
    await profile.addTags(profile.languageField, ["python"]);
    await expect(profile.languageTags).toHaveText(["Python", "Go"]);
    await profile.languageField.press("Backspace");
    await expect(profile.languageTags).toHaveText(["Python"]);
    await page.getByRole("button", { name: "Remove Python" }).click();
    await expect(profile.languageTags).toHaveCount(0);
  });

  test("the banner says the app runs on the offline demo catalog and the built-in analyzer", async ({
    page,
  }) => {
    const profile = new ProfilePage(page);
    await profile.open();
    await expect(profile.banner).toContainText("Offline demo catalog");
    await expect(profile.banner).toContainText("Built-in analyzer");
  });

  test("the profile form works at a phone's width", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const profile = new ProfilePage(page);
    await profile.open();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(profile.saveButton).toBeVisible();
  });
});
