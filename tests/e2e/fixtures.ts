import { test as base, expect } from "@playwright/test";
import Database from "better-sqlite3";
import { EventSource } from "eventsource";
import { createScoutClient, type ScoutClient } from "@/client";
import type { ScoutEvent } from "@/shared/events";
import type { SearchFiltersInput } from "@/shared/filters";
import type { Profile } from "@/shared/profile";
import { ProfilePage, type ProfileValues } from "./pages/profile-page";
import { SavedPage } from "./pages/saved-page";
import { ScoutPage } from "./pages/scout-page";
import { WatchesPage } from "./pages/watches-page";
import { e2eDatabasePath, toE2EProject } from "./support/e2e-databases";
import { createFakesControl, type FakesControl } from "./support/fakes-control";

/**
 * The e2e tests' shared setup, as Playwright fixtures: page objects, an API client, and the state a test
 * asks for by name (a saved profile, no profile, a finished run). Each test seeds what it needs, so any test
 * runs alone or in any order.
 */

export const developer: ProfileValues = {
  languages: ["Python", "TypeScript"],
  topics: [],
  skillLevel: "intermediate",
  goals: "Contribute to web frameworks and developer tools",
};

/** The search the seeded run makes: it finds many repositories in both projects' data. */
export const seededSearch = { languages: ["Python", "TypeScript"], minStars: 0 } satisfies SearchFiltersInput;

export type FinishedRun = { runId: string; last: ScoutEvent };

type ScoutFixtures = {
  /**
   * The stand-in GitHub and OpenAI servers' control API, reset before each test; the app's stored analyses
   * and READMEs are forgotten too, so a search reaches the stand-ins rather than an earlier test's cache.
   */
  fakes: FakesControl;
  /** The app's API, as other TypeScript code uses it. */
  api: ScoutClient;
  profilePage: ProfilePage;
  scoutPage: ScoutPage;
  savedPage: SavedPage;
  watchesPage: WatchesPage;
  /**
   * No watch, before the test and again after it: a watch left behind would run on its schedule in the middle
   * of a later test.
   */
  withoutWatches: undefined;
  /** No repository marked, before the test and again after it (a dismissal would change later searches). */
  withoutMarks: undefined;
  /** `developer`, saved through the API before the test starts. */
  savedProfile: Profile;
  /** No saved profile, as for a newcomer. */
  withoutProfile: undefined;
  /** A search with `seededSearch`, run to its end through the API. */
  finishedRun: FinishedRun;
};

type AutoFixtures = {
  /**
   * Result links point at github.com (offline) or at the test GitHub server's own origin (live), whose web
   * pages do not exist; answer them locally.
   */
  githubStandIn: undefined;
  /** A run a failed test left going would refuse every later search; cancel it. */
  cancelLeftoverRuns: undefined;
};

const terminalTypes = new Set<ScoutEvent["type"]>(["complete", "error", "cancelled"]);

/** Starts a search through the API and follows its stream to the terminal event. */
export async function runSearchToEnd(api: ScoutClient, filters: SearchFiltersInput): Promise<FinishedRun> {
  const { runId } = await api.scout.search.mutate(filters);
  const last = await new Promise<ScoutEvent>((resolve, reject) => {
    const subscription = api.scout.stream.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          if (!terminalTypes.has(data.type)) return;
          subscription.unsubscribe();
          resolve(data);
        },
        onError: reject,
      },
    );
  });
  return { runId, last };
}

export const test = base.extend<ScoutFixtures & AutoFixtures>({
  // Every live test starts from healthy stand-ins, whichever test ran before it. Only the live project talks
  // to them, and the offline project runs at the same time, so its tests must not reset them under a live one.
  fakes: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
    async ({}, use, testInfo) => {
      const fakes = createFakesControl(`http://127.0.0.1:${process.env.SCOUT_E2E_FAKES_CONTROL_PORT ?? ""}`);
      if (toE2EProject(testInfo.project.name) === "live") await fakes.reset();
      const db = new Database(e2eDatabasePath(toE2EProject(testInfo.project.name)));
      try {
        db.exec('DELETE FROM "AnalysisCacheEntry"; DELETE FROM "ReadmeCacheEntry";');
      } finally {
        db.close();
      }
      await use(fakes);
    },
    { auto: true },
  ],

  api: async ({ baseURL }, use) => {
    if (!baseURL) throw new Error("The e2e projects set baseURL");
    await use(createScoutClient(baseURL, { EventSource }));
  },

  profilePage: async ({ page }, use) => {
    await use(new ProfilePage(page));
  },

  scoutPage: async ({ page }, use) => {
    await use(new ScoutPage(page));
  },

  savedPage: async ({ page }, use) => {
    await use(new SavedPage(page));
  },

  watchesPage: async ({ page }, use) => {
    await use(new WatchesPage(page));
  },

  withoutWatches: async ({ api }, use) => {
    const deleteWatches = async () => {
      const { items } = await api.watches.list.query();
      for (const watch of items) await api.watches.delete.mutate({ watchId: watch.id });
    };
    await deleteWatches();
    await use(undefined);
    await deleteWatches();
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  withoutMarks: async ({}, use, testInfo) => {
    const clearMarks = () => {
      const db = new Database(e2eDatabasePath(toE2EProject(testInfo.project.name)));
      try {
        db.prepare('DELETE FROM "RepoMark"').run();
      } finally {
        db.close();
      }
    };
    clearMarks();
    await use(undefined);
    clearMarks();
  },

  savedProfile: async ({ api }, use) => {
    await use(await api.profile.save.mutate(developer));
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  withoutProfile: async ({}, use, testInfo) => {
    // The API has no call that deletes the profile (single-profile mode replaces it); the database does.
    const db = new Database(e2eDatabasePath(toE2EProject(testInfo.project.name)));
    try {
      db.prepare('DELETE FROM "DeveloperProfile"').run();
    } finally {
      db.close();
    }
    await use(undefined);
  },

  finishedRun: async ({ api, savedProfile: _savedProfile }, use) => {
    await use(await runSearchToEnd(api, seededSearch));
  },

  githubStandIn: [
    async ({ context }, use) => {
      const standInPage = { status: 200, contentType: "text/html", body: "<title>GitHub stand-in</title>" };
      await context.route("https://github.com/**", (route) => route.fulfill(standInPage));
      await context.route(`http://127.0.0.1:${process.env.SCOUT_E2E_GITHUB_PORT ?? ""}/**`, (route) =>
        route.fulfill(standInPage),
      );
      await use(undefined);
    },
    { auto: true },
  ],

  cancelLeftoverRuns: [
    async ({ api }, use) => {
      await use(undefined);
      const { items } = await api.scout.runs.query({ limit: 10 });
      const leftovers = items.filter((item) => item.status === "running");
      for (const run of leftovers) await api.scout.cancel.mutate({ runId: run.runId });
      if (leftovers.length > 0) {
        await expect
          .poll(async () =>
            (await api.scout.runs.query({ limit: 10 })).items.some((item) => item.status === "running"),
          )
          .toBe(false);
      }
    },
    { auto: true },
  ],
});

export { expect };
