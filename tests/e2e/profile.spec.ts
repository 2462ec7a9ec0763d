import { expect, test } from "./fixtures";

test.describe("developer profile", () => {
  test("a saved profile survives a reload", async ({ page, api, profilePage }) => {
    await profilePage.open();
    const values = {
      languages: ["TypeScript", "Rust"],
      topics: ["developer-tools", "cli"],
      skillLevel: "intermediate" as const,
      goals: "Help maintain a fast command-line tool and learn Rust along the way.",
    };
    await profilePage.fill(values);
    await profilePage.save();
    await expect(profilePage.status).toHaveText("Profile saved");

    await page.reload();
    await profilePage.expectShows(values);

    // The server holds exactly what the page showed.
    expect(await api.profile.get.query()).toMatchObject(values);
  });

  test("an edit after saving clears the saved note until the next save", async ({
    profilePage,
    savedProfile: _savedProfile,
  }) => {
    await profilePage.open();
    await profilePage.goals.fill("A new goal");
    await profilePage.save();
    await expect(profilePage.status).toHaveText("Profile saved");
    await expect(profilePage.saveButton).toHaveText("Save changes");
    await profilePage.goals.fill("Another goal");
    await expect(profilePage.status).toHaveText("");
  });

  test("a profile without languages shows the field error and saves nothing", async ({
    page,
    api,
    profilePage,
  }) => {
    const before = await api.profile.save.mutate({
      languages: ["Go"],
      topics: ["cloud"],
      skillLevel: "advanced",
      goals: "Kubernetes operators",
    });

    await profilePage.open();
    await profilePage.expectShows({
      languages: ["Go"],
      topics: ["cloud"],
      skillLevel: "advanced",
      goals: "Kubernetes operators",
    });
    await profilePage.languages.clear();
    await profilePage.goals.fill("Something else entirely");
    await profilePage.save();

    await expect(profilePage.languages.error).toHaveText("Add at least one language");
    await expect(profilePage.languages.field).toHaveAttribute("aria-invalid", "true");
    await expect(profilePage.status).toHaveText("");
    expect(await api.profile.get.query()).toEqual(before);

    await page.reload();
    await profilePage.expectShows({
      languages: ["Go"],
      topics: ["cloud"],
      skillLevel: "advanced",
      goals: "Kubernetes operators",
    });
  });

  test("a problem the server finds shows beside its field", async ({ page, profilePage }) => {
    // The form checks the same schema first; a server that answers with field errors must still be heard.
    await page.route("**/api/trpc/profile.save**", (route) =>
      route.fulfill({
        status: 400,
        contentType: "application/json",
        body: JSON.stringify([
          {
            error: {
              message: "Goals must not mention secrets",
              code: -32600,
              data: {
                code: "BAD_REQUEST",
                httpStatus: 400,
                path: "profile.save",
                zodError: { formErrors: [], fieldErrors: { goals: ["Goals must not mention secrets"] } },
              },
            },
          },
        ]),
      }),
    );
    await profilePage.open();
    await profilePage.fill({ languages: ["Go"], topics: [], skillLevel: "beginner", goals: "My secrets" });
    await profilePage.save();
    await expect(page.getByTestId("profile-goals-error")).toHaveText("Goals must not mention secrets");
    await expect(profilePage.goals).toHaveAttribute("aria-invalid", "true");
    await expect(profilePage.status).toHaveText("");
  });

  test("the goals counter follows typing and stops at 500 characters", async ({ profilePage }) => {
    await profilePage.open();
    await profilePage.goals.fill("");
    await expect(profilePage.goalsCounter).toHaveText("0/500");
    await profilePage.goals.pressSequentially("Learn");
    await expect(profilePage.goalsCounter).toHaveText("5/500");
    await profilePage.goals.fill("x".repeat(600));
    await expect(profilePage.goals).toHaveValue("x".repeat(500));
    await expect(profilePage.goalsCounter).toHaveText("500/500");
  });

  test("tags are added with Enter or comma and removed with their button or Backspace", async ({
    page,
    profilePage,
  }) => {
    const { languages } = profilePage;
    await profilePage.open();
    await languages.clear();
    await languages.field.fill("Python, Go");
    await languages.field.press(",");
    await languages.add(["python"]);
    await expect(languages.tags).toHaveText(["Python", "Go"]);
    await languages.field.press("Backspace");
    await expect(languages.tags).toHaveText(["Python"]);
    await page.getByRole("button", { name: "Remove Python" }).click();
    await expect(languages.tags).toHaveCount(0);
  });

  test("the banner says the app runs on the offline demo catalog and the built-in analyzer", async ({
    profilePage,
  }) => {
    await profilePage.open();
    await expect(profilePage.banner).toContainText("Offline demo catalog");
    await expect(profilePage.banner).toContainText("Built-in analyzer");
  });

  test("the profile form works at a phone's width", async ({ page, profilePage }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await profilePage.open();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(profilePage.saveButton).toBeVisible();
  });
});
