import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { AppDependencies } from "@/server/app-dependencies";
import { findViewerByApiToken } from "@/server/auth/api-tokens";
import type { Viewer } from "@/server/auth/viewer";
import { handleExportRequest } from "@/server/export/handle-export-request";
import { noProfileMessage } from "@/server/pipeline/start-search";
import type { SearchFiltersInput } from "@/shared/filters";
import { forgetCachedWork } from "../support/forget-cached-work";
import {
  callerFor,
  collectRunEvents,
  holdAnalyses,
  startHarness,
  typicalProfile,
  waitForRunEvent,
  type Harness,
} from "../support/scout-harness";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

/**
 * Two users on one server, on each storage engine. Every procedure of the API is tried by one user on the
 * other's profile, runs, marks and API tokens: another user's run or token answers NOT_FOUND (never
 * FORBIDDEN, so an id leaks nothing), their profile, history, marks and tokens are never seen, and nothing one
 * does changes what the other has. The table below has one entry per procedure of the router, so a procedure added later fails this test
 * until its isolation is written down here.
 */

let harness: Harness;
let store: TempStore;
/** One server's dependencies for the test: its runs announce their events on its bus. */
let serverDeps: AppDependencies;

// Signed in with a browser session, as the accounts mode has them: API tokens are for such users.
const alice: Viewer = { userId: "alice", via: "session" };
/** A new Bob for each case, with nothing of his own yet. */
let bob: Viewer;
let bobs = 0;
const search: SearchFiltersInput = { languages: ["Python"], minStars: 0 };

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

function deps() {
  return serverDeps;
}

/** The API as this user, each from an address of their own. */
function as(viewer: Viewer) {
  return callerFor(deps(), viewer === alice ? "10.0.0.1" : "10.0.0.2", viewer);
}

async function createUser({ userId }: Viewer): Promise<void> {
  await store.db.user.create({
    data: { id: userId, name: userId, email: `${userId}@example.test` },
    select: { id: true },
  });
}

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error("the call was not refused");
  return { code: error.code, message: error.message };
}

/** What Alice has before Bob tries anything: a profile, a finished search, two marks, an API token, a watch. */
type AliceData = {
  runId: string;
  saved: string;
  dismissed: string;
  tokenId: string;
  token: string;
  watchId: string;
};

const alicesWatch = {
  name: "Alice's Python watch",
  filters: search,
  schedule: { kind: "daily" as const, hour: 9, timeZone: "Europe/Paris" },
};

/** Whose token this is, as the server reads a bearer header; null for nobody's. */
async function ownerOf(token: string): Promise<string | null> {
  return (await findViewerByApiToken({ db: store.db, secret: token, now: new Date() }))?.userId ?? null;
}

async function seedAlice(): Promise<AliceData> {
  await as(alice).profile.save(typicalProfile);
  const { runId } = await as(alice).scout.search(search);
  await collectRunEvents(deps(), runId);
  const { results } = await as(alice).scout.results({ runId });
  const [saved, dismissed] = results.map((result) => result.repo);
  if (!saved || !dismissed) throw new Error("Alice's search ranked fewer than two repositories");
  await as(alice).repos.mark({ repo: saved, mark: "saved" });
  await as(alice).repos.mark({ repo: dismissed, mark: "dismissed", note: "not for me" });
  const { token, summary } = await as(alice).apiTokens.create({ name: "Alice's laptop" });
  const watch = await as(alice).watches.create(alicesWatch);
  return { runId, saved, dismissed, tokenId: summary.id, token, watchId: watch.id };
}

async function aliceHasEverything(data: AliceData): Promise<void> {
  expect(await as(alice).profile.get()).toMatchObject({ goals: typicalProfile.goals });
  expect((await as(alice).scout.runs({})).items.map((item) => item.runId)).toContain(data.runId);
  expect((await as(alice).repos.marked({})).items.map((item) => [item.repo, item.mark, item.note])).toEqual(
    expect.arrayContaining([
      [data.saved, "saved", null],
      [data.dismissed, "dismissed", "not for me"],
    ]),
  );
  expect((await as(alice).apiTokens.list()).items.map((item) => item.id)).toEqual([data.tokenId]);
  expect(await ownerOf(data.token)).toBe(alice.userId);
  expect((await as(alice).watches.list()).items).toEqual([
    expect.objectContaining({ id: data.watchId, name: alicesWatch.name, schedule: alicesWatch.schedule }),
  ]);
}

type Case = (data: AliceData) => Promise<void>;

/** One entry per procedure: how Bob tries it on what is Alice's, and what he must get. */
const cases: Record<string, Case> = {
  "profile.get": async () => {
    expect(await as(bob).profile.get()).toBeNull();
  },

  "profile.save": async () => {
    await as(bob).profile.save({ ...typicalProfile, goals: "Bob's own goals" });
    expect(await as(bob).profile.get()).toMatchObject({ goals: "Bob's own goals" });
    expect(await as(alice).profile.get()).toMatchObject({ goals: typicalProfile.goals });
  },

  "scout.config": async () => {
    // Holds nothing of anyone's: both read the same configuration.
    expect(await as(bob).scout.config()).toEqual(await as(alice).scout.config());
  },

  "scout.search": async ({ dismissed }) => {
    // Alice's profile is not Bob's.
    expect(await refusal(as(bob).scout.search(search))).toEqual({
      code: "BAD_REQUEST",
      message: noProfileMessage,
    });
    // With the very profile Alice has, Bob's first search is his first: every result is new to him, and what
    // Alice marked not interested is not left out of his.
    await as(bob).profile.save(typicalProfile);
    const { runId } = await as(bob).scout.search(search);
    await collectRunEvents(deps(), runId);
    const result = await as(bob).scout.results({ runId });
    const analyzed = [...result.results, ...(result.rejected ?? [])];
    expect(analyzed.length).toBeGreaterThan(0);
    expect(analyzed.every((entry) => entry.newSinceLastRun === true)).toBe(true);
    expect(analyzed.every((entry) => entry.mark === null)).toBe(true);
    expect(analyzed.map((entry) => entry.repo)).toContain(dismissed);
    expect(result.filteredOut?.map((entry) => entry.repo) ?? []).not.toContain(dismissed);
  },

  "scout.stream": async ({ runId }) => {
    const events: unknown[] = [];
    const subscription = await as(bob).scout.stream({ runId });
    const error = await (async () => {
      for await (const event of subscription) events.push(event);
    })().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect(events).toEqual([]);
  },

  "scout.results": async ({ runId }) => {
    expect(await refusal(as(bob).scout.results({ runId }))).toEqual({
      code: "NOT_FOUND",
      message: `No search run with id ${JSON.stringify(runId)}`,
    });
  },

  "scout.cancel": async () => {
    // A search of Alice's that is still running: Bob's cancel must not reach it.
    const { release } = holdAnalyses(harness.openai);
    const { runId } = await as(alice).scout.search(search);
    try {
      await waitForRunEvent(deps(), runId, (event) => event.type === "status" && event.phase === "analyzing");
      expect(await refusal(as(bob).scout.cancel({ runId }))).toEqual({
        code: "NOT_FOUND",
        message: `No search run with id ${JSON.stringify(runId)}`,
      });
    } finally {
      release();
    }
    const events = await collectRunEvents(deps(), runId);
    expect(events.at(-1)?.type).toBe("complete");
  },

  "scout.runs": async ({ runId }) => {
    expect((await as(bob).scout.runs({})).items).toEqual([]);
    // Alice's run id is no cursor of Bob's history: refused exactly as an id nobody has.
    const asCursor = await refusal(as(bob).scout.runs({ cursor: runId }));
    const unknown = await refusal(as(bob).scout.runs({ cursor: "no-such-run" }));
    expect(asCursor).toEqual(unknown);
    expect(asCursor.code).toBe("BAD_REQUEST");
  },

  "scout.usage": async () => {
    // Alice's search asked the LLM; none of what it spent is Bob's.
    expect((await as(alice).scout.usage()).llmTokens).toBeGreaterThan(0);
    expect(await as(bob).scout.usage()).toMatchObject({ llmTokens: 0 });
  },

  "repos.mark": async ({ saved, dismissed }) => {
    await as(bob).repos.mark({ repo: saved, mark: "dismissed", note: "Bob's note" });
    await as(bob).repos.mark({ repo: dismissed, mark: null });
    const aliceMarks = (await as(alice).repos.marked({})).items;
    expect(aliceMarks.find((item) => item.repo === saved)).toMatchObject({ mark: "saved", note: null });
    expect(aliceMarks.find((item) => item.repo === dismissed)).toMatchObject({ mark: "dismissed" });
  },

  "apiTokens.list": async () => {
    expect((await as(bob).apiTokens.list()).items).toEqual([]);
  },

  "apiTokens.create": async () => {
    const { token } = await as(bob).apiTokens.create({ name: "Bob's script" });
    expect(await ownerOf(token)).toBe(bob.userId);
    expect((await as(bob).apiTokens.list()).items.map((item) => item.name)).toEqual(["Bob's script"]);
  },

  "apiTokens.revoke": async ({ tokenId }) => {
    // Alice's token id is refused exactly as an id nobody has.
    const hers = await refusal(as(bob).apiTokens.revoke({ tokenId }));
    const unknown = await refusal(as(bob).apiTokens.revoke({ tokenId: "no-such-token" }));
    expect(hers).toEqual({ code: "NOT_FOUND", message: `No API token with id ${JSON.stringify(tokenId)}` });
    expect(unknown.code).toBe("NOT_FOUND");
  },

  "watches.list": async () => {
    expect((await as(bob).watches.list()).items).toEqual([]);
  },

  "watches.create": async () => {
    // Bob's watch ranks for his own profile, which he has not saved: Alice's is not his.
    expect((await refusal(as(bob).watches.create(alicesWatch))).code).toBe("BAD_REQUEST");
    await as(bob).profile.save({ ...typicalProfile, goals: "Bob's own goals" });
    const his = await as(bob).watches.create({ ...alicesWatch, name: "Bob's watch" });
    expect(his.profile.goals).toBe("Bob's own goals");
    expect((await as(bob).watches.list()).items.map((item) => item.name)).toEqual(["Bob's watch"]);
  },

  "watches.update": async ({ watchId }) => {
    const hers = await refusal(
      as(bob).watches.update({ watchId, name: "Bob was here", rotateFeedSecret: true }),
    );
    expect(hers).toEqual({ code: "NOT_FOUND", message: `No watch with id ${JSON.stringify(watchId)}` });
  },

  "watches.delete": async ({ watchId }) => {
    expect((await refusal(as(bob).watches.delete({ watchId }))).code).toBe("NOT_FOUND");
  },

  "watches.digests": async ({ watchId }) => {
    expect((await refusal(as(bob).watches.digests({ watchId }))).code).toBe("NOT_FOUND");
  },

  "watches.runNow": async ({ watchId }) => {
    expect((await refusal(as(bob).watches.runNow({ watchId }))).code).toBe("NOT_FOUND");
    expect((await as(bob).scout.runs({})).items).toEqual([]);
  },

  "repos.marked": async ({ saved }) => {
    expect((await as(bob).repos.marked({})).items).toEqual([]);
    // Alice's analyses were written for her profile: a mark of Bob's on the same repository shows none.
    await as(bob).repos.mark({ repo: saved, mark: "saved" });
    expect((await as(bob).repos.marked({})).items).toEqual([
      expect.objectContaining({ repo: saved, mark: "saved", latest: null }),
    ]);
  },
};

it("has an isolation case for every procedure of the API", () => {
  expect(Object.keys(cases).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
});

/** A procedure of the caller by its path ("scout.results"), to be called with any input. */
function procedureAt(caller: object, path: string): (input: unknown) => Promise<unknown> {
  const found = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return found as (input: unknown) => Promise<unknown>;
}

describe.each(storeKinds)("two users (%s)", (kind) => {
  let aliceData: AliceData;

  beforeAll(async () => {
    store = await createTempStore(kind);
    // A held analysis (the scout.cancel case) must outlive Bob's attempts on a loaded machine, not time out.
    serverDeps = harness.deps({ db: store.db, env: { SCOUT_ANALYSIS_TIMEOUT_MS: "60000" } });
    await createUser(alice);
    aliceData = await seedAlice();
  });
  afterAll(() => store.cleanup());
  beforeEach(async () => {
    await harness.reset();
    await forgetCachedWork(store.db);
    bobs += 1;
    bob = { userId: `bob-${bobs}`, via: "session" };
    await createUser(bob);
  });

  it.each(Object.keys(cases))("%s shows Bob nothing of Alice's and changes nothing of hers", async (path) => {
    const tryAsBob = cases[path];
    if (!tryAsBob) throw new Error(`no case for ${path}`);
    await tryAsBob(aliceData);
    await aliceHasEverything(aliceData);
  });

  it.each(Object.keys(appRouter._def.procedures))(
    "%s answers UNAUTHORIZED to a caller nobody signed in as, before reading its input",
    async (path) => {
      const nobody = callerFor(deps(), "10.0.0.3", null);
      const call = procedureAt(nobody, path)({ runId: aliceData.runId });
      expect(await refusal(Promise.resolve(call))).toMatchObject({ code: "UNAUTHORIZED" });
    },
  );

  it("the export of Alice's run is a 404 for Bob, as for a run nobody has", async () => {
    const exportAs = (viewer: Viewer | null, runId: string) =>
      handleExportRequest({
        req: new Request(`http://127.0.0.1/api/runs/${runId}/export?format=json`),
        runId,
        viewer,
        deps: deps(),
      });
    const forBob = await exportAs(bob, aliceData.runId);
    const unknown = await exportAs(bob, "00000000-0000-4000-8000-000000000000");
    expect(forBob.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await forBob.text()).not.toContain(aliceData.saved);
    expect((await exportAs(alice, aliceData.runId)).status).toBe(200);
    expect((await exportAs(null, aliceData.runId)).status).toBe(401);
  });

  it("deleting a user deletes their profile, runs, marks and API tokens, and nobody else's", async () => {
    await as(bob).profile.save(typicalProfile);
    await as(bob).repos.mark({ repo: aliceData.saved, mark: "saved" });
    const { token } = await as(bob).apiTokens.create({ name: "Bob's laptop" });
    await store.db.user.delete({ where: { id: bob.userId }, select: { id: true } });
    await aliceHasEverything(aliceData);
    expect(await store.db.developerProfile.count({ where: { userId: bob.userId } })).toBe(0);
    expect(await store.db.repoMark.count({ where: { userId: bob.userId } })).toBe(0);
    expect(await store.db.apiToken.count({ where: { userId: bob.userId } })).toBe(0);
    expect(await ownerOf(token)).toBeNull();
  });
});
