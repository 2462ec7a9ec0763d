import { developer, expect, seededSearch, test } from "./fixtures";
import { runIdFromUrl } from "./pages/scout-page";
import { toE2EProject } from "./support/e2e-databases";
import { digestOfEveryKind, recordWatchFailures, writeWatchDigest } from "./support/watch-state";

// Watched searches on their page: made, run, edited, given a new feed address and deleted through the UI;
// their health and digests as their owner reads them. The scheduler's timing has its integration tests.

// The form's time zone starts as the browser's own.
test.use({ timezoneId: "Europe/Berlin" });

const BERLIN = "Europe/Berlin";

/** An hour twelve hours from now there, so no scheduled run of the watch falls within the test. */
function hourAwayFromNow(timeZone: string): number {
  const hourNow = Number(
    new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone }).format(new Date()),
  );
  return (hourNow + 12) % 24;
}

const twoDigits = (hour: number) => String(hour).padStart(2, "0");

/** The hour as the page's dates show it ("9:00 PM" for 21): the minutes after the hour are always 00. */
const clockHour = (hour: number) => `${hour % 12 || 12}:00`;

/** In the given zone, the hour of the day and the minute of a moment. */
function hourAndMinuteIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}

test("a daily watch made through the form is listed with its schedule in words, its next run and its feed", async ({
  api,
  baseURL,
  watchesPage,
  savedProfile: _savedProfile,
  withoutWatches: _withoutWatches,
}) => {
  const hour = hourAwayFromNow(BERLIN);
  await watchesPage.open();
  await expect(watchesPage.empty).toBeVisible();
  await watchesPage.newWatch.click();
  await expect(watchesPage.name).toBeFocused();
  await expect(watchesPage.form).toContainText(
    "your saved profile as it is now (Python, TypeScript · intermediate)",
  );
  await watchesPage.name.fill("Python and TypeScript, daily");
  // The search starts from the saved profile's languages, as the search form's does.
  await expect(watchesPage.languages.tags).toHaveText(developer.languages);
  await watchesPage.minStars.fill("0");
  await expect(watchesPage.kind("daily")).toBeChecked();
  await watchesPage.hour.selectOption({ label: `${twoDigits(hour)}:00` });
  await expect(watchesPage.timeZone).toHaveValue(BERLIN);
  await watchesPage.create.click();

  const card = watchesPage.watch("Python and TypeScript, daily");
  await expect(card.getByRole("heading")).toBeFocused();
  await expect(watchesPage.status).toHaveText("Created “Python and TypeScript, daily”.");
  await expect(watchesPage.form).toHaveCount(0);
  await expect(card.getByTestId("watch-schedule")).toHaveText(`Daily at ${twoDigits(hour)}:00 (${BERLIN})`);

  const [stored] = (await api.watches.list.query()).items;
  expect(stored).toMatchObject({
    name: "Python and TypeScript, daily",
    filters: { languages: developer.languages, minStars: 0 },
    schedule: { kind: "daily", hour, timeZone: BERLIN },
    emailTo: null,
  });
  const nextRunAt = stored?.nextRunAt;
  if (!nextRunAt) throw new Error("the new watch has no next run");
  expect(hourAndMinuteIn(nextRunAt, BERLIN)).toBe(`${twoDigits(hour)}:00`);
  expect(new Date(nextRunAt).getTime() - Date.now()).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
  const nextRun = card.getByTestId("watch-next-run").locator("time");
  await expect(nextRun).toHaveAttribute("datetime", nextRunAt);
  await expect(nextRun).toContainText(clockHour(hour));
  await expect(card.getByTestId("watch-last-run")).toHaveText("Not run yet");
  await expect(card.getByLabel("Feed address")).toHaveValue(`${baseURL ?? ""}${stored.feedPath}`);
});

test("a cron expression running more than hourly, or an unknown time zone, is refused under its field and nothing is stored", async ({
  api,
  watchesPage,
  savedProfile: _savedProfile,
  withoutWatches: _withoutWatches,
}) => {
  await watchesPage.open();
  await watchesPage.newWatch.click();
  await watchesPage.name.fill("Every five minutes");
  await watchesPage.kind("cron").check();
  await watchesPage.cron.fill("*/5 * * * *");
  await watchesPage.create.click();
  await expect(watchesPage.cronError).toHaveText(
    "A watch runs at most once an hour: this cron expression runs more often",
  );
  await expect(watchesPage.cron).toBeFocused();
  await expect(watchesPage.cron).toHaveAttribute("aria-invalid", "true");

  await watchesPage.cron.fill("0 9 * * 1-5");
  await watchesPage.timeZone.fill("Mars/Olympus_Mons");
  await watchesPage.create.click();
  await expect(watchesPage.cronError).toHaveCount(0);
  await expect(watchesPage.timeZoneError).toHaveText(
    "Unknown time zone: use an IANA name such as Europe/Berlin or America/New_York",
  );
  await expect(watchesPage.timeZone).toBeFocused();

  expect((await api.watches.list.query()).items).toEqual([]);
  await expect(watchesPage.watches).toHaveCount(0);
});

test("Run now opens the watch's run, which completes, and the watch then links to it as its last run", async ({
  api,
  scoutPage,
  watchesPage,
  savedProfile: _savedProfile,
  withoutWatches: _withoutWatches,
}) => {
  await api.watches.create.mutate({
    name: "Run me",
    filters: seededSearch,
    schedule: { kind: "daily", hour: hourAwayFromNow("UTC"), timeZone: "UTC" },
  });
  await watchesPage.open();
  await watchesPage.watch("Run me").getByRole("button", { name: "Run now Run me" }).click();
  await watchesPage.page.waitForURL(/\/runs\/[\w-]+$/);
  const runId = runIdFromUrl(watchesPage.page.url());
  await scoutPage.waitUntilDone();
  await expect(scoutPage.cards.first()).toBeVisible();

  await watchesPage.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Watches" })
    .click();
  const card = watchesPage.watch("Run me");
  await expect(card.getByTestId("watch-last-run-link")).toHaveAttribute("href", `/runs/${runId}`);
  const status = (await api.scout.runs.query({})).items.find((run) => run.runId === runId)?.status;
  await expect(card.getByTestId("watch-last-run-status")).toHaveText(status ?? "no such run");
});

test("a watch edited to weekly keeps the rest, gets a new feed address after asking, and is deleted after asking", async ({
  api,
  baseURL,
  watchesPage,
  savedProfile: _savedProfile,
  withoutWatches: _withoutWatches,
}) => {
  const created = await api.watches.create.mutate({
    name: "Rust digest",
    filters: { languages: ["Rust"] },
    schedule: { kind: "daily", hour: 9, timeZone: BERLIN },
    emailTo: "me@example.com",
  });
  await watchesPage.open();
  const card = watchesPage.watch("Rust digest");

  // Edited in place: the form starts from the watch, and focus comes back to Edit.
  const edit = card.getByRole("button", { name: "Edit Rust digest" });
  await edit.click();
  await expect(watchesPage.name).toBeFocused();
  await expect(watchesPage.languages.tags).toHaveText(["Rust"]);
  await expect(watchesPage.email).toHaveValue("me@example.com");
  await watchesPage.kind("weekly").check();
  await watchesPage.weekday.selectOption({ label: "Monday" });
  await watchesPage.hour.selectOption({ label: "07:00" });
  await watchesPage.timeZone.fill("UTC");
  await watchesPage.saveChanges.click();
  await expect(card.getByTestId("watch-schedule")).toHaveText("Mondays at 07:00 (UTC)");
  await expect(edit).toBeFocused();
  await expect(watchesPage.status).toHaveText("Saved “Rust digest”.");
  const [edited] = (await api.watches.list.query()).items;
  expect(edited).toMatchObject({
    schedule: { kind: "weekly", weekday: "monday", hour: 7, timeZone: "UTC" },
    filters: { languages: ["Rust"] },
    emailTo: "me@example.com",
    feedPath: created.feedPath,
  });
  expect(hourAndMinuteIn(edited?.nextRunAt ?? "", "UTC")).toBe("07:00");

  // A new feed address: the old one, shown in full, is replaced once the person confirms.
  const feed = card.getByLabel("Feed address");
  const oldAddress = `${baseURL ?? ""}${created.feedPath}`;
  await expect(feed).toHaveValue(oldAddress);
  const rotate = card.getByRole("button", { name: "New feed address for Rust digest" });
  await rotate.click();
  const rotateQuestion = card.getByRole("group", { name: "New feed address for Rust digest?" });
  await expect(rotateQuestion).toContainText("The current address stops working at once");
  await expect(rotateQuestion.getByRole("button", { name: "Keep this one" })).toBeFocused();
  await rotateQuestion.getByRole("button", { name: "Make a new address" }).click();
  await expect(card.getByTestId("watch-feed-status")).toHaveText(
    "A new feed address is ready; the old one no longer works.",
  );
  await expect(feed).not.toHaveValue(oldAddress);
  await expect(rotate).toBeFocused();
  const [rotated] = (await api.watches.list.query()).items;
  expect(rotated?.feedPath).not.toBe(created.feedPath);
  await expect(feed).toHaveValue(`${baseURL ?? ""}${rotated?.feedPath ?? ""}`);

  // Deleted after asking: kept the first time, gone the second.
  const remove = card.getByRole("button", { name: "Delete Rust digest" });
  await remove.click();
  const deleteQuestion = card.getByRole("group", { name: "Delete Rust digest?" });
  await expect(deleteQuestion.getByRole("button", { name: "Keep it" })).toBeFocused();
  await deleteQuestion.getByRole("button", { name: "Keep it" }).click();
  await expect(remove).toBeFocused();
  expect((await api.watches.list.query()).items).toHaveLength(1);
  await remove.click();
  await deleteQuestion.getByRole("button", { name: "Delete watch" }).click();
  await expect(watchesPage.watches).toHaveCount(0);
  await expect(watchesPage.status).toHaveText("Deleted “Rust digest”.");
  await expect(watchesPage.heading).toBeFocused();
  await expect(watchesPage.empty).toBeVisible();
  expect((await api.watches.list.query()).items).toEqual([]);
});

test("a watch's health and recent digests show what its scheduled runs left: paused or failing, and what each found new", async ({
  api,
  watchesPage,
  savedProfile: _savedProfile,
  withoutWatches: _withoutWatches,
}, testInfo) => {
  const project = toE2EProject(testInfo.project.name);
  const schedule = { kind: "daily", hour: hourAwayFromNow("UTC"), timeZone: "UTC" } as const;
  const paused = await api.watches.create.mutate({ name: "Paused", filters: seededSearch, schedule });
  const failing = await api.watches.create.mutate({ name: "Failing", filters: seededSearch, schedule });
  const backoffUntil = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
  recordWatchFailures(project, paused.id, {
    failures: 3,
    lastError: "GitHub refused the search: sign in again.",
    backoffUntil,
  });
  recordWatchFailures(project, failing.id, {
    failures: 1,
    lastError: "The scheduled search could not be started.",
    backoffUntil: null,
  });
  writeWatchDigest(project, {
    id: `digest-${failing.id}`,
    watchId: failing.id,
    runId: "a-run-of-failing",
    createdAt: new Date(),
    content: digestOfEveryKind,
  });
  await watchesPage.open();

  const pausedStatus = watchesPage.watch("Paused").getByRole("status").filter({ hasText: "Paused" });
  await expect(pausedStatus).toHaveText(
    /^Paused after 3 failed runs in a row until .+: GitHub refused the search: sign in again\.$/,
  );
  await expect(pausedStatus.locator("time")).toHaveAttribute("datetime", backoffUntil.toISOString());
  await expect(watchesPage.watch("Failing").getByRole("status").filter({ hasText: "Warning" })).toContainText(
    "Warning: the last run failed: The scheduled search could not be started.",
  );
  await expect(watchesPage.watch("Failing").getByTestId("watch-backoff")).toHaveCount(0);

  await watchesPage.watch("Paused").getByRole("button", { name: "Recent digests" }).click();
  await expect(watchesPage.watch("Paused").getByTestId("watch-digests-empty")).toBeVisible();

  const toggle = watchesPage.watch("Failing").getByRole("button", { name: "Recent digests" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const digest = watchesPage.watch("Failing").getByTestId("digest");
  await expect(digest).toHaveCount(1);
  await expect(digest.getByTestId("digest-counts")).toContainText(
    "2 new repositories · 1 new starter issue · 2 taken issues",
  );
  await expect(digest.getByRole("link", { name: "open the search it came from" })).toHaveAttribute(
    "href",
    "/runs/a-run-of-failing",
  );
  await expect(digest.getByTestId("digest-repository")).toHaveText([
    /acme\/widget.*8\/10.*Small TypeScript codebase with friendly maintainers\./,
    /acme\/gadget.*4\/10.*Mostly Go, some Python tooling\./,
  ]);
  await expect(digest.getByRole("link", { name: /^acme\/widget/ })).toHaveAttribute(
    "href",
    "https://github.com/acme/widget",
  );
  await expect(digest.getByTestId("digest-new-issue")).toHaveText([
    "acme/sprocket#12 Document the CLI flags (opens in a new tab)",
  ]);
  await expect(digest.getByTestId("digest-gone-issue")).toHaveText([
    /acme\/sprocket#7 Fix the typo in the README.* claimed by someone$/,
    /acme\/sprocket#9 Add a --quiet flag.* closed$/,
  ]);
  await expect(digest.getByTestId("digest-cost")).toHaveText(
    "3 GitHub requests · 0 LLM tokens · 8 cached analyses · 8 READMEs reused",
  );
});
