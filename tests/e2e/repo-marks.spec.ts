import { expect, runSearchToEnd, seededSearch, test } from "./fixtures";
import { MarkControls } from "./pages/saved-page";
import { expectNoAxeViolationsInEitherScheme } from "./support/axe";

// Marks from the cards, the Saved view, and a dismissed repository left out of the next search.

test("saves, dismisses with a note, and marks contributed from the cards, by mouse and keyboard", async ({
  api,
  scoutPage,
  finishedRun,
  withoutMarks: _withoutMarks,
}) => {
  await scoutPage.openRun(finishedRun.runId);
  await scoutPage.waitUntilDone();
  const [saved, dismissed, contributed] = await scoutPage.cardRepos();
  if (!saved || !dismissed || !contributed)
    throw new Error("the seeded run ranked fewer than 3 repositories");
  const savedCard = new MarkControls(scoutPage.card(saved));
  const dismissedCard = new MarkControls(scoutPage.card(dismissed));
  const contributedCard = new MarkControls(scoutPage.card(contributed));
  await savedCard.expectPressed(null);

  await savedCard.save.click();
  await savedCard.expectPressed("saved");

  await dismissedCard.dismiss.click();
  await dismissedCard.expectPressed("dismissed");
  await expect(dismissedCard.dismissedNotice).toContainText("Later searches leave it out.");
  await dismissedCard.noteInput.fill("too big");
  await dismissedCard.saveNote.click();
  await expect(dismissedCard.dismissedNotice).toContainText("Not interested: “too big”");
  // The card shows the note at once; the list below is ordered by when the server stored each change, so
  // the next mark waits until this one is stored.
  await expect
    .poll(async () => (await api.repos.marked.query({})).items.find(({ repo }) => repo === dismissed)?.note)
    .toBe("too big");

  // From the keyboard: Tab reaches the buttons, Space presses one.
  await contributedCard.dismiss.focus();
  await scoutPage.page.keyboard.press("Tab");
  await expect(contributedCard.contributed).toBeFocused();
  await scoutPage.page.keyboard.press("Space");
  await contributedCard.expectPressed("contributed");

  await expect
    .poll(async () =>
      (await api.repos.marked.query({})).items.map(({ repo, mark, note }) => ({ repo, mark, note })),
    )
    .toEqual([
      { repo: contributed, mark: "contributed", note: null },
      { repo: dismissed, mark: "dismissed", note: "too big" },
      { repo: saved, mark: "saved", note: null },
    ]);
});

test("marks outlive a reload; pressing a pressed mark, or Undo, clears it", async ({
  api,
  scoutPage,
  finishedRun,
  withoutMarks: _withoutMarks,
}) => {
  const { results } = await api.scout.results.query({ runId: finishedRun.runId });
  const [saved, dismissed, contributed] = results.map((result) => result.repo);
  if (!saved || !dismissed || !contributed)
    throw new Error("the seeded run ranked fewer than 3 repositories");
  await api.repos.mark.mutate({ repo: saved, mark: "saved" });
  await api.repos.mark.mutate({ repo: dismissed, mark: "dismissed" });
  await api.repos.mark.mutate({ repo: contributed, mark: "contributed" });
  await scoutPage.openRun(finishedRun.runId);
  await scoutPage.waitUntilDone();
  const savedCard = new MarkControls(scoutPage.card(saved));
  const dismissedCard = new MarkControls(scoutPage.card(dismissed));
  const contributedCard = new MarkControls(scoutPage.card(contributed));
  await savedCard.expectPressed("saved");
  await dismissedCard.expectPressed("dismissed");
  await contributedCard.expectPressed("contributed");

  await contributedCard.contributed.click();
  await contributedCard.expectPressed(null);
  await dismissedCard.undo.click();
  await dismissedCard.expectPressed(null);
  await expect(dismissedCard.dismissedNotice).toHaveCount(0);
  await expect
    .poll(async () => (await api.repos.marked.query({})).items.map(({ repo }) => repo))
    .toEqual([saved]);

  await scoutPage.page.reload();
  await scoutPage.waitUntilDone();
  await savedCard.expectPressed("saved");
  await dismissedCard.expectPressed(null);
  await contributedCard.expectPressed(null);
});

test("the Saved view lists bookmarks with their latest score, picked issues and date, and pages on", async ({
  api,
  scoutPage,
  savedPage,
  finishedRun,
  withoutMarks: _withoutMarks,
}) => {
  const result = await api.scout.results.query({ runId: finishedRun.runId });
  const withPicks = result.results.find((entry) => (entry.pickedIssues ?? []).length > 0);
  if (!withPicks) throw new Error("no result of the seeded run picked an issue");
  await scoutPage.openRun(finishedRun.runId);
  await scoutPage.waitUntilDone();
  await new MarkControls(scoutPage.card(withPicks.repo)).save.click();
  await new MarkControls(scoutPage.card(withPicks.repo)).expectPressed("saved");

  await scoutPage.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Saved" }).click();
  await expect(savedPage.heading).toBeVisible();
  await expect(scoutPage.page.getByRole("link", { name: "Saved" })).toHaveAttribute("aria-current", "page");
  const item = savedPage.item(withPicks.repo);
  await expect(item.getByTestId("score-badge")).toHaveText(`${withPicks.fitScore}/10`);
  await expect(item.getByTestId("saved-analyzed")).toContainText("Last analyzed");
  await expect(item.getByTestId("picked-issue")).toHaveCount(
    (withPicks.pickedIssues ?? []).filter((pick) =>
      result.repos
        .find((repo) => repo.fullName === withPicks.repo)
        ?.starterIssues?.some((issue) => issue.number === pick.number && !issue.claimed),
    ).length,
  );
  await expect(item.getByRole("link", { name: "open that search" })).toHaveAttribute(
    "href",
    `/runs/${finishedRun.runId}`,
  );
  await expectNoAxeViolationsInEitherScheme(savedPage.page, "saved view");

  // Marked through the API, for repositories never analyzed here: the list pages by 20.
  for (let index = 1; index <= 21; index += 1)
    await api.repos.mark.mutate({ repo: `elsewhere/project-${index}`, mark: "saved" });
  await savedPage.open();
  await expect(savedPage.items).toHaveCount(20);
  await savedPage.loadMore.click();
  await expect(savedPage.items).toHaveCount(22);
  await expect(savedPage.loadMore).toHaveCount(0);
  expect((await savedPage.itemRepos()).at(-1)).toBe(withPicks.repo);
  await expect(savedPage.item("elsewhere/project-1").getByTestId("saved-never-analyzed")).toBeVisible();

  await savedPage.show("Not interested");
  await expect(savedPage.empty).toBeVisible();
});

test("a later search leaves a dismissed repository out and lists it as filtered out, with the reason", async ({
  api,
  scoutPage,
  savedPage,
  finishedRun,
  withoutMarks: _withoutMarks,
}) => {
  await scoutPage.openRun(finishedRun.runId);
  await scoutPage.waitUntilDone();
  const [dismissed] = await scoutPage.cardRepos();
  if (!dismissed) throw new Error("the seeded run ranked no repository");
  const card = new MarkControls(scoutPage.card(dismissed));
  await card.dismiss.click();
  await card.noteInput.fill("too big");
  await card.saveNote.click();
  await expect(card.dismissedNotice).toContainText("“too big”");
  await expect
    .poll(async () => (await api.repos.marked.query({ mark: "dismissed" })).items[0]?.note)
    .toBe("too big");

  const { runId } = await runSearchToEnd(api, seededSearch);
  await scoutPage.openRun(runId);
  await scoutPage.waitUntilDone();
  expect(await scoutPage.cardRepos()).not.toContain(dismissed);
  await scoutPage.filteredOutToggle.check();
  await expect(scoutPage.filteredOutItems.filter({ hasText: dismissed })).toHaveText(
    `${dismissed}: you marked it not interested: "too big"`,
  );

  // The Saved view's "Not interested" list is where a dismissal is undone.
  await savedPage.open();
  await savedPage.show("Not interested");
  await expect(savedPage.item(dismissed).getByTestId("saved-note")).toContainText("too big");
  // A small page with a card's marks pressed and its "not interested" notice: the run page's scan in
  // accessibility.spec.ts covers the cards with their marks unpressed.
  await expectNoAxeViolationsInEitherScheme(savedPage.page, "saved view, not interested");
  await new MarkControls(savedPage.item(dismissed)).undo.click();
  await expect.poll(async () => (await api.repos.marked.query({})).items).toEqual([]);
});
