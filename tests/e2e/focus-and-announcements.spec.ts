import type { Page } from "@playwright/test";
import { CALM_ANNOUNCEMENT_INTERVAL_MS } from "@/lib/announcement-throttle";
import type { ScoutClient } from "@/client";
import type { ScoutEvent } from "@/shared/events";
import { expect, test } from "./fixtures";
import { openRunHeldMidAnalysis } from "./support/held-run";

// What a screen reader or keyboard user relies on: the run's live region, and focus that follows them.

type Announcement = { at: number; text: string };
type RecordingWindow = Window & { scoutAnnouncements?: Announcement[] };

/** Records every text the run's live region takes, with its time, from the page's first script on. */
async function recordAnnouncements(page: Page) {
  await page.addInitScript(() => {
    const log: { at: number; text: string }[] = [];
    (window as RecordingWindow).scoutAnnouncements = log;
    let last = "";
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="run-announcer"]')?.textContent ?? "";
      if (text === "" || text === last) return;
      last = text;
      log.push({ at: performance.now(), text });
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

async function announcementsOf(page: Page): Promise<Announcement[]> {
  return page.evaluate(() => (window as RecordingWindow).scoutAnnouncements ?? []);
}

test("the live region announces the phases at a calm pace and then the outcome, and arriving cards never take focus @live", async ({
  page,
  api,
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  // Spread the run over several seconds: discovery waits 1.5 s, and the three batches (24 candidates, 8 a
  // batch, all in flight together) answer after 1, 2.5 and 6 s, closer together than the interval and not.
  await fakes.injectGitHub({ kind: "latency", ms: 1_500 });
  for (const ms of [1_000, 2_500, 6_000]) await fakes.injectOpenAI({ kind: "delay", ms });
  await recordAnnouncements(page);
  await scoutPage.open();
  const runId = await scoutPage.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });

  // Focus went to the run's heading when the page changed, and cards arriving leave it where the user put it.
  await expect(page.getByTestId("run-heading")).toBeFocused();
  await expect(scoutPage.cards.first()).toBeVisible();
  await expect(page.getByTestId("run-heading")).toBeFocused();
  await scoutPage.sort.focus();
  const cardsWhenFocused = await scoutPage.cards.count();
  await scoutPage.waitUntilDone();
  expect(await scoutPage.cards.count()).toBeGreaterThan(cardsWhenFocused);
  await expect(scoutPage.sort).toBeFocused();

  const result = await api.scout.results.query({ runId });
  const ranked = result.results.length;
  const announced = await announcementsOf(page);
  const texts = announced.map((entry) => entry.text);
  expect(texts[0]).toBe("Searching GitHub...");
  expect(texts.some((text) => /^Analyzed \d+\/24 repos/.test(text))).toBe(true);
  expect(texts.at(-1)).toBe(`Search finished: ${ranked} repositories ranked.`);
  // Throttled: never two announcements within the interval, except the final outcome, which comes at once.
  // (Times are taken when the text lands in the page, after a React render: allow a little for that.)
  const paced = announced.slice(0, -1);
  for (let index = 1; index < paced.length; index += 1) {
    const gap = (paced[index]?.at ?? 0) - (paced[index - 1]?.at ?? 0);
    expect(gap, `gap before "${paced[index]?.text ?? ""}"`).toBeGreaterThanOrEqual(
      CALM_ANNOUNCEMENT_INTERVAL_MS - 200,
    );
  }

  // Not every event is read out: the run raised more phase and progress messages than were announced.
  const events = await collectEvents(api, runId);
  const messages = events.flatMap((event) =>
    event.type === "status" || event.type === "progress" ? [event.message] : [],
  );
  expect(messages).toContain("Searching GitHub...");
  // One progress message per analysis, far more than a calm live region reads out.
  expect(messages.filter((message) => message.startsWith("Analyzed"))).toHaveLength(24);
  expect(paced.length).toBeLessThan(messages.length);
  expect(messages.filter((message) => !texts.includes(message)).length).toBeGreaterThan(0);
});

test("after a cancel, focus lands on the outcome, which the live region announces @live", async ({
  page,
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await recordAnnouncements(page);
  await openRunHeldMidAnalysis({ fakes, scoutPage });

  await scoutPage.cancelButton.focus();
  await page.keyboard.press("Enter");
  const outcome = page.getByTestId("cancelled-state");
  await expect(outcome).toBeFocused();
  await expect(outcome).toContainText("Search cancelled");
  await expect(scoutPage.cancelButton).toBeHidden();
  // Counted once the run has ended: the first batch's cards may still have been arriving at the key press.
  const ranked = await scoutPage.cards.count();
  expect(ranked).toBeGreaterThan(0);
  await expect(page.getByTestId("run-announcer")).toHaveText(
    `Search cancelled. ${ranked} ranked ${ranked === 1 ? "repository" : "repositories"} kept.`,
  );
});

test("the progress animation stops for someone who prefers reduced motion @live", async ({
  page,
  fakes,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await fakes.injectOpenAI({ kind: "delay", ms: 30_000 }, { times: Infinity });
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Python"], minStars: 0 });
  const current = scoutPage.phase("analyzing");
  await expect(current).toHaveAttribute("aria-current", "step");
  const animation = () => current.evaluate((element) => getComputedStyle(element, "::before").animationName);

  await page.emulateMedia({ reducedMotion: "no-preference" });
  expect(await animation()).toBe("phase-sweep");
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await animation()).toBe("none");
});

test("starting a search moves focus to the run's heading", async ({
  page,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  await scoutPage.open();
  await scoutPage.searchAndOpenRun({ languages: ["Rust"], minStars: 0 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search results");
  await expect(page.getByTestId("run-heading")).toBeFocused();
});

test("validation errors move focus to the first invalid field, which names its message", async ({
  page,
  profilePage,
  scoutPage,
  savedProfile: _savedProfile,
}) => {
  const expectDescribedBy = async (field: ReturnType<Page["getByTestId"]>, message: string) => {
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
  };

  await profilePage.open();
  await profilePage.languages.clear();
  await profilePage.goals.focus();
  await profilePage.save();
  await expect(profilePage.languages.field).toBeFocused();
  await expectDescribedBy(profilePage.languages.field, "Add at least one language");

  // The search form: its first invalid field takes focus, whichever was edited last.
  await scoutPage.languages.clear();
  await scoutPage.minStars.fill("500");
  await scoutPage.maxStars.fill("10");
  await scoutPage.submit.click();
  await expect(scoutPage.languages.field).toBeFocused();
  await expectDescribedBy(scoutPage.languages.field, "Select at least one language");

  await scoutPage.languages.add(["Go"]);
  await scoutPage.submit.click();
  await expect(scoutPage.maxStars).toBeFocused();
  await expectDescribedBy(scoutPage.maxStars, "Maximum stars must be at least the minimum");
  await scoutPage.maxStars.fill("1000");

  // The query limit counts the filters too, and the form shows it as the user types.
  const counter = page.getByTestId("search-query-counter");
  const lengthNow = async () =>
    Number(/^(\d+)\/256 characters including filters$/.exec(await counter.innerText())?.[1]);
  const base = await lengthNow();
  await scoutPage.query.fill("abc");
  await expect.poll(lengthNow).toBe(base + " abc".length);
  await scoutPage.topics.add(["web"]);
  await expect.poll(lengthNow).toBe(base + " abc".length + " topic:web".length);
  await expect(scoutPage.query).toHaveAccessibleDescription(/characters including filters/);

  const long = "q".repeat(250);
  await scoutPage.query.fill(long);
  // Past the limit the search would go without "fork:false" (GitHub leaves forks out anyway), so that much
  // is not counted against it.
  const over = base - " fork:false".length + " topic:web".length + " ".length + long.length;
  await expect(counter).toHaveText(`${over}/256 characters including filters`);
  const tooLong = `The search is too long for GitHub: at most 256 characters including filters; this one would be ${over}.`;
  // Shown at once, before any submit, in the schema's words.
  await expect(page.getByTestId("search-query-error")).toHaveText(tooLong);
  await scoutPage.minStars.focus();
  await scoutPage.submit.click();
  await expect(scoutPage.query).toBeFocused();
  await expectDescribedBy(scoutPage.query, tooLong);
  await expect(page).toHaveURL(/\/$/);

  // Back within the limit, the message goes.
  await scoutPage.query.fill("parser");
  await expect(page.getByTestId("search-query-error")).toBeHidden();
  await expect(scoutPage.query).not.toHaveAttribute("aria-invalid", "true");
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const terminalTypes = new Set<ScoutEvent["type"]>(["complete", "error", "cancelled"]);

/** Every stored event of a finished run, replayed by its stream. */
async function collectEvents(api: ScoutClient, runId: string): Promise<ScoutEvent[]> {
  const events: ScoutEvent[] = [];
  await new Promise<void>((resolve, reject) => {
    const subscription = api.scout.stream.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          events.push(data);
          if (!terminalTypes.has(data.type)) return;
          subscription.unsubscribe();
          resolve();
        },
        onError: reject,
      },
    );
  });
  return events;
}
