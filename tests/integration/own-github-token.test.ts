import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { tokenPurpose, type Auth } from "@/server/auth/create-auth";
import { createTokenCipher } from "@/server/auth/token-cipher";
import type { Logger } from "@/server/logger";
import { signInAgainMessage } from "@/server/sources/github/errors";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { DEFAULT_OAUTH_APP } from "../fakes/github-oauth";
import { startGitHubServer, type GitHubServer, type RecordedRequest } from "../fakes/github-server";
import { accountsModeEnv, serveAuthAndApi, sessionOf, signInWithGitHub } from "../support/github-sign-in";
import { callerFor, collectRunEvents, HARNESS_NOW, typicalProfile } from "../support/scout-harness";
import { createTempDb, type TempDb } from "../support/temp-db";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";

/**
 * In the accounts mode each person's searches call GitHub with their own OAuth token: their quota, never the
 * operator's GITHUB_TOKEN. A token GitHub no longer accepts ends the search with a "sign in again" outcome,
 * and the next search is refused before it costs anything, until the person signs in again.
 */

const OPERATOR_TOKEN = "fake_gh_operatorToken_0000000000000000000";
const firstKey = { id: "k1", key: Buffer.alloc(32, 3) };
const tokenKeys = (keys: { id: string; key: Buffer }[]) =>
  keys.map(({ id, key }) => `${id}:${key.toString("base64")}`).join(",");
const search = { languages: ["TypeScript"], minStars: 0, maxStars: 1_000_000 };

let github: GitHubServer;
let served: { url: string; close: () => Promise<void> };
let temp: TempDb;
let deps: AppDependencies;
let logs: string[];

function appDependencies(keys = [firstKey]): AppDependencies {
  const record = (message: string, details?: unknown) => {
    logs.push(
      `${message} ${details instanceof Error ? `${details.message} ${String(details.cause)}` : String(details)}`,
    );
  };
  const logger: Logger = { error: record, warn: record };
  return createAppDependencies({
    env: parseEnv({
      ...accountsModeEnv({ githubUrl: github.url, publicUrl: served.url, tokenKeys: tokenKeys(keys) }),
      GITHUB_TOKEN: OPERATOR_TOKEN,
      SCOUT_GITHUB_QUERY_INTERVAL_MS: "0",
      SCOUT_MAX_REPOS: "10",
      SCOUT_SEARCH_RATE_LIMIT: "3",
    }),
    db: temp.db,
    clock: () => HARNESS_NOW,
    logger,
  });
}

beforeAll(async () => {
  github = await startGitHubServer({
    data: createCatalogGitHubData(generateDemoCatalog({ now: HARNESS_NOW })),
    token: OPERATOR_TOKEN,
    oauth: { app: DEFAULT_OAUTH_APP },
  });
  served = await serveAuthAndApi({ auth: () => deps.auth as Auth, deps: () => deps });
});
afterAll(async () => {
  await served.close();
  await github.close();
});
beforeEach(() => {
  logs = [];
  temp = createTempDb();
  github.reset();
  github.oauth.approveAs(null);
  deps = appDependencies();
  return () => temp.cleanup();
});

/** Signs the person in through GitHub and gives them a profile; their API caller and GitHub token. */
async function signedIn(login: string) {
  const { jar } = await signInWithGitHub({
    appUrl: served.url,
    githubUrl: github.url,
    choice: { authorizeAs: login },
  });
  const session = await sessionOf(served.url, jar);
  const userId = session?.user.id ?? "";
  const api = () => callerFor(deps, "10.0.0.9", { userId, via: "session" });
  await api().profile.save(typicalProfile);
  const issued = github.oauth
    .tokens()
    .filter((entry) => entry.login === login && !entry.revoked)
    .at(-1);
  return { jar, userId, api, token: issued?.token ?? "" };
}

/** The GitHub API requests (not the sign-in's) sent with this token. */
const apiCallsWith = (token: string) =>
  github.requests.filter(
    (request: RecordedRequest) =>
      request.path === "/graphql" &&
      request.headers.authorization?.toLowerCase() === `token ${token}`.toLowerCase(),
  );

async function runToEnd(person: { api: () => ReturnType<typeof callerFor> }) {
  const { runId } = await person.api().scout.search(search);
  const events = await collectRunEvents(deps, runId);
  return { runId, events, last: events.at(-1) };
}

describe("searches with each person's own GitHub token", () => {
  it("calls GitHub with the searching person's token, never the operator's or another person's", async () => {
    const mona = await signedIn("MonaLisa-Dev");
    const hubot = await signedIn("hubot-private");

    const monaRun = await runToEnd(mona);
    expect(monaRun.last?.type).toBe("complete");
    const monaCalls = apiCallsWith(mona.token).length;
    expect(monaCalls).toBeGreaterThan(0);

    const hubotRun = await runToEnd(hubot);
    expect(hubotRun.last?.type).toBe("complete");
    expect(apiCallsWith(hubot.token).length).toBeGreaterThan(0);
    // Hubot's search spent nothing of Mona's, and no search spent the operator's quota.
    expect(apiCallsWith(mona.token)).toHaveLength(monaCalls);
    expect(apiCallsWith(OPERATOR_TOKEN)).toHaveLength(0);
  });

  it("ends a search with 'sign in again' when GitHub no longer accepts the token, then refuses the next at no cost", async () => {
    const mona = await signedIn("MonaLisa-Dev");
    github.oauth.revokeToken(mona.token);

    const { runId, last } = await runToEnd(mona);
    expect(last).toEqual({
      type: "error",
      reason: "failed",
      blockedBy: "github-sign-in",
      message: signInAgainMessage,
    });
    expect((await mona.api().scout.results({ runId })).status).toBe("failed");
    // The refused token is forgotten, so the next search stops before it is recorded or counted.
    const account = await temp.db.account.findFirstOrThrow({ where: { userId: mona.userId } });
    expect(account.accessToken).toBeNull();

    const before = await temp.db.searchRun.count();
    const calls = github.requests.length;
    const refused = await mona
      .api()
      .scout.search(search)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({ code: "PRECONDITION_FAILED", message: signInAgainMessage });
    expect(await temp.db.searchRun.count()).toBe(before);
    expect(github.requests.length).toBe(calls);
  });

  it("searches again once the person signs in again, on the new token", async () => {
    const mona = await signedIn("MonaLisa-Dev");
    github.oauth.revokeToken(mona.token);
    expect((await runToEnd(mona)).last).toMatchObject({ blockedBy: "github-sign-in" });

    const again = await signedIn("MonaLisa-Dev");
    expect(again.userId).toBe(mona.userId);
    expect(again.token).not.toBe(mona.token);
    const rerun = await runToEnd(again);
    expect(rerun.last?.type).toBe("complete");
    expect(apiCallsWith(again.token).length).toBeGreaterThan(0);
    // Three searches an hour: the refused one cost nothing, the failed one did.
    await again
      .api()
      .scout.search(search)
      .then(({ runId }) => collectRunEvents(deps, runId));
    await expect(again.api().scout.search(search)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("stops a search whose token is revoked while it runs", async () => {
    const mona = await signedIn("MonaLisa-Dev");
    // The search answers; the first details query is held while the person revokes the app on GitHub.
    github.inject({ kind: "latency", ms: 400, after: 1 });
    const { runId } = await mona.api().scout.search(search);
    await github.waitFor((requests) => requests.filter((request) => request.path === "/graphql").length >= 2);
    github.oauth.revokeToken(mona.token);

    const last = (await collectRunEvents(deps, runId)).at(-1);
    expect(last).toMatchObject({ type: "error", blockedBy: "github-sign-in", message: signInAgainMessage });
  });

  it("asks a person to sign in again when their stored token no longer opens, naming the account only in the log", async () => {
    const mona = await signedIn("MonaLisa-Dev");
    // The operator dropped the only key that sealed it (rotation done in the wrong order).
    deps = appDependencies([{ id: "k2", key: Buffer.alloc(32, 4) }]);

    await expect(mona.api().scout.search(search)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: signInAgainMessage,
    });
    const account = await temp.db.account.findFirstOrThrow({ where: { userId: mona.userId } });
    expect(logs.join("\n")).toContain(
      `Account ${account.id}: its stored GitHub token cannot be opened (unknown-key)`,
    );
    expect(logs.join("\n")).not.toContain(mona.token);
    // Still sealed under k1: the token comes back once the key does.
    expect(createTokenCipher([firstKey]).open(account.accessToken ?? "", tokenPurpose)).toBe(mona.token);
  });
});
