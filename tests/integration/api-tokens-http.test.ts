import { spawn } from "node:child_process";
import path from "node:path";
import { TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScoutClient, type ScoutClient } from "@/client";
import { crossSiteWriteMessage } from "@/server/api/http-handler";
import { apiTokenCreationNeedsSessionMessage, apiTokensNeedAccountsMessage } from "@/server/auth/api-tokens";
import { resolveViewer, signInRequiredMessage } from "@/server/auth/resolve-viewer";
import { localViewer } from "@/server/auth/viewer";
import { createdApiTokenSchema, type CreatedApiToken } from "@/shared/api-tokens";
import { scoutSearchResultSchema } from "@/shared/runs";
import { followRunToEnd } from "../support/follow-run";
import { callAsBrowser, signInAs, startAccountsApp, type AccountsApp } from "../support/accounts-app";
import type { CookieJar } from "../support/github-sign-in";
import { callerFor, startHarness, typicalProfile, type Harness } from "../support/scout-harness";

/**
 * Personal API tokens over HTTP, in the accounts mode: a person signs in with GitHub, creates a token with
 * that browser session, and the token then lets createScoutClient and the `scout` CLI act as them, event
 * streams included, until it is revoked. A token cannot mint tokens, cannot reach another person's, and is
 * never echoed.
 */

const root = path.resolve(import.meta.dirname, "../..");
const scoutBin = path.join(root, "bin/scout.mjs");
const pythonSearch = { languages: ["Python"], minStars: 0 };

let app: AccountsApp;

beforeAll(async () => {
  app = await startAccountsApp();
});
afterAll(() => app.close());
beforeEach(() => {
  const temp = app.reset();
  return () => temp.cleanup();
});

async function createTokenAs(jar: CookieJar, name: string): Promise<CreatedApiToken> {
  const created = await callAsBrowser(app, jar, "apiTokens.create", { name });
  expect(created.status).toBe(200);
  return createdApiTokenSchema.parse(created.body.result?.data);
}

function clientWith(token: string): ScoutClient {
  return createScoutClient(app.url, { token, EventSource });
}

/** The client's refusal: its tRPC code and message. */
async function refusalOf(call: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCClientError)) throw new Error("the call was not refused by the server");
  const code: unknown = (error.data as { code?: unknown } | undefined)?.code;
  return { code: typeof code === "string" ? code : undefined, message: error.message };
}

type Finished = { code: number | null; stdout: string; stderr: string };

/** bin/scout.mjs in its own process, with SCOUT_API_TOKEN as given ("" for none). */
function runScout(args: string[], apiToken: string): Promise<Finished> {
  const child = spawn(process.execPath, [scoutBin, ...args, "--url", app.url], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SCOUT_API_TOKEN: apiToken },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe("personal API tokens in the accounts mode", () => {
  it("let createScoutClient act as the token's owner: profile, searches, results and a run's event stream", async () => {
    const jar = await signInAs(app, "MonaLisa-Dev");
    const { token, summary } = await createTokenAs(jar, "laptop");
    const client = clientWith(token);

    await client.profile.save.mutate(typicalProfile);
    const { runId } = await client.scout.search.mutate(pythonSearch);
    const events = await followRunToEnd(client, runId);

    expect(events.at(-1)?.type).toBe("complete");
    expect((await client.scout.results.query({ runId })).status).toBe("completed");
    expect((await client.scout.runs.query({})).items.map((item) => item.runId)).toEqual([runId]);
    // The session's person and the token's are one: the browser sees what the client did.
    const profile = await callAsBrowser(app, jar, "profile.get");
    expect(profile.body.result?.data).toMatchObject({ goals: typicalProfile.goals });
    const listed = await client.apiTokens.list.query();
    expect(listed.items).toEqual([{ ...summary, lastUsedAt: expect.any(String) as string }]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(app.logs.join("\n")).not.toContain(token);
  });

  it("refuses a revoked or mistyped token as it refuses no sign-in at all", async () => {
    const jar = await signInAs(app, "MonaLisa-Dev");
    const { token, summary } = await createTokenAs(jar, "old laptop");
    const client = clientWith(token);
    expect(await client.profile.get.query()).toBeNull();

    const revoked = await callAsBrowser(app, jar, "apiTokens.revoke", { tokenId: summary.id });
    expect(revoked.status).toBe(200);

    const unauthorized = { code: "UNAUTHORIZED", message: signInRequiredMessage };
    expect(await refusalOf(client.profile.get.query())).toEqual(unauthorized);
    expect(await refusalOf(followRunToEnd(client, "00000000-0000-4000-8000-000000000000"))).toMatchObject({
      code: "UNAUTHORIZED",
    });
    const mistyped = `${token.slice(0, -2)}xx`;
    for (const authorization of [`Bearer ${mistyped}`, "Bearer scout_pat_", "Bearer", `Basic ${token}`]) {
      const answer = await fetch(`${app.url}/api/trpc/profile.get`, { headers: { authorization } });
      expect(answer.status).toBe(401);
      const text = await answer.text();
      expect(text).toContain(signInRequiredMessage);
      expect(text).not.toContain(token.slice("scout_pat_".length, -2));
    }
    // A request that offers a token is judged on it alone, even beside a live session cookie.
    const both = await fetch(`${app.url}/api/trpc/profile.get`, {
      headers: { cookie: jar.header(), authorization: `Bearer ${mistyped}` },
    });
    expect(both.status).toBe(401);
    const exported = await fetch(
      `${app.url}/api/runs/00000000-0000-4000-8000-000000000000/export?format=json`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(exported.status).toBe(401);
  });

  it("does not let a token create tokens; it lists and revokes its owner's own", async () => {
    const jar = await signInAs(app, "MonaLisa-Dev");
    const { token } = await createTokenAs(jar, "ci");
    const other = await createTokenAs(jar, "spare");
    const client = clientWith(token);

    expect(await refusalOf(client.apiTokens.create.mutate({ name: "minted by a token" }))).toEqual({
      code: "FORBIDDEN",
      message: apiTokenCreationNeedsSessionMessage,
    });
    expect((await client.apiTokens.list.query()).items.map((item) => item.name)).toEqual(["spare", "ci"]);
    await client.apiTokens.revoke.mutate({ tokenId: other.summary.id });
    expect(await refusalOf(clientWith(other.token).profile.get.query())).toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("cannot revoke or see another person's token, which keeps working", async () => {
    const mona = await signInAs(app, "MonaLisa-Dev");
    const monas = await createTokenAs(mona, "Mona's laptop");
    const hubot = await signInAs(app, "hubot-private");
    const hubots = await createTokenAs(hubot, "Hubot's script");

    const bySession = await callAsBrowser(app, hubot, "apiTokens.revoke", { tokenId: monas.summary.id });
    expect(bySession.status).toBe(404);
    expect(
      await refusalOf(clientWith(hubots.token).apiTokens.revoke.mutate({ tokenId: monas.summary.id })),
    ).toEqual({
      code: "NOT_FOUND",
      message: `No API token with id ${JSON.stringify(monas.summary.id)}`,
    });
    expect((await clientWith(hubots.token).apiTokens.list.query()).items.map((item) => item.id)).toEqual([
      hubots.summary.id,
    ]);
    await clientWith(monas.token).profile.save.mutate(typicalProfile);
    expect(await clientWith(hubots.token).profile.get.query()).toBeNull();
  });

  it("refuses a change another site's page asks for with a token, and lets clients without an Origin through", async () => {
    const jar = await signInAs(app, "MonaLisa-Dev");
    const { token } = await createTokenAs(jar, "laptop");
    const save = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/trpc/profile.save`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify(typicalProfile),
      });

    const forged = await save({ origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain(crossSiteWriteMessage);
    expect(await app.deps().db.developerProfile.count()).toBe(0);
    expect((await save({})).status).toBe(200);
  });

  it("let the scout CLI search and export as the token's owner, from SCOUT_API_TOKEN", async () => {
    const jar = await signInAs(app, "MonaLisa-Dev");
    const { token } = await createTokenAs(jar, "terminal");
    await clientWith(token).profile.save.mutate(typicalProfile);

    const searched = await runScout(["search", "--lang", "Python", "--stars", "0..", "--json"], token);
    expect(searched.stderr).not.toContain(token);
    expect(searched.code).toBe(0);
    const result = scoutSearchResultSchema.parse(JSON.parse(searched.stdout));
    expect(result.status).toBe("completed");
    const exported = await runScout(["export", result.runId, "--format", "json"], token);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ runId: result.runId });
  });

  it("has the scout CLI say where to create a token when the server wants one", async () => {
    const [profile, exported] = await Promise.all([
      runScout(["profile", "show"], ""),
      runScout(["export", "00000000-0000-4000-8000-000000000000"], ""),
    ]);
    expect(profile.code).toBe(1);
    expect(profile.stderr).toBe(
      `error: The Scout server at ${app.url} needs a personal API token: create one on ${app.url}/settings and set SCOUT_API_TOKEN to it. If it is set, the token was revoked or is not this server's.\n`,
    );
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`${app.url}/settings`);
  });

  it("has the scout CLI refuse a SCOUT_API_TOKEN of the wrong shape without repeating it", async () => {
    const mangled = "scout_pat_copied-only-in-part";
    const malformed = await runScout(["profile", "show"], mangled);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^error: SCOUT_API_TOKEN is not a personal API token/);
    expect(malformed.stderr).not.toContain(mangled);
  });
});

describe("personal API tokens in the local mode", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it("are not offered: every request is the local user's already", async () => {
    const local = callerFor(harness.deps());
    const precondition = { code: "PRECONDITION_FAILED", message: apiTokensNeedAccountsMessage };
    await expect(local.apiTokens.list()).rejects.toMatchObject(precondition);
    await expect(local.apiTokens.create({ name: "laptop" })).rejects.toMatchObject(precondition);
    await expect(local.apiTokens.revoke({ tokenId: "any" })).rejects.toMatchObject(precondition);
  });

  it("ignore a bearer header, as they ignore everything else about who asks", async () => {
    const headers = new Headers({ authorization: "Bearer scout_pat_not-a-real-token" });
    const deps = harness.deps();
    expect(await resolveViewer({ auth: null, db: deps.db, headers, now: new Date() })).toEqual(localViewer);
  });
});
