import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { CODE_LIFETIME_MS, DEFAULT_OAUTH_APP, type GitHubOAuthApp } from "../fakes/github-oauth";
import {
  DEFAULT_TEST_TOKEN,
  startGitHubServer,
  type GitHubServer,
  type GitHubServerData,
  type StartGitHubServerOptions,
} from "../fakes/github-server";
import { stringMatching } from "../support/matchers";

/**
 * "Sign in with GitHub" against the test GitHub server, the way a sign-in library drives it: a browser visit
 * to the authorize page, the redirect back with a code, the code-for-token exchange, then API calls with
 * the user's own token.
 */

const noRepositories: GitHubServerData = {
  search: () => ({ matches: [], totalCount: 0 }),
  findRepository: () => undefined,
};

const app: GitHubOAuthApp = {
  clientId: "Ov23liTestClient0000001",
  clientSecret: "test_secret_for_the_oauth_tests_0000000000",
  callbackUrl: "http://app.example.test:3000/api/auth/callback/github",
};

const running: GitHubServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Every test starts its own server, with a clock it can move. */
async function startServer(options: Partial<StartGitHubServerOptions> = {}) {
  const clock = { now: new Date("2026-01-15T09:00:00Z") };
  const server = await startGitHubServer({
    data: noRepositories,
    now: () => clock.now,
    oauth: { app },
    ...options,
  });
  running.push(server);
  return { server, clock };
}

function pkcePair() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

type AuthorizeParams = Record<string, string>;

function authorizeUrl(server: GitHubServer, params: AuthorizeParams) {
  const url = new URL("/login/oauth/authorize", server.url);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

const baseParams = (extra: AuthorizeParams = {}): AuthorizeParams => ({
  client_id: app.clientId,
  redirect_uri: app.callbackUrl,
  scope: "read:user user:email",
  state: "state-123",
  ...extra,
});

/** Where the server sends the browser: the Location of a 302, which must be the only way it answers. */
function locationOf(response: Response): URL {
  expect(response.status).toBe(302);
  const location = response.headers.get("location");
  if (location === null) throw new Error("302 without a Location");
  return new URL(location);
}

async function openAuthorizePage(server: GitHubServer, params: AuthorizeParams) {
  const response = await fetch(authorizeUrl(server, params), { redirect: "manual" });
  return { response, html: await response.text() };
}

/** Submits the page's form the way a browser would after a click on the named button. */
async function clickButton(server: GitHubServer, html: string, buttonText: string): Promise<Response> {
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  if (!form?.[1] || form[2] === undefined) throw new Error(`no form in:\n${html}`);
  const fields = new URLSearchParams();
  for (const [, name, value] of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(decodeEntities(name ?? ""), decodeEntities(value ?? ""));
  }
  const button = [
    ...form[2].matchAll(/<button type="submit" name="([^"]*)" value="([^"]*)">([^<]*)<\/button>/g),
  ].find((match) => decodeEntities(match[3] ?? "") === buttonText);
  if (!button) throw new Error(`no button "${buttonText}" in:\n${html}`);
  fields.append(decodeEntities(button[1] ?? ""), decodeEntities(button[2] ?? ""));
  return fetch(new URL(form[1], server.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields.toString(),
    redirect: "manual",
  });
}

const decodeEntities = (text: string) =>
  text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));

/** Visits the authorize page and clicks "Authorize as <login>"; returns the callback URL it lands on. */
async function authorizeAs(server: GitHubServer, login: string, params: AuthorizeParams) {
  const { response, html } = await openAuthorizePage(server, params);
  expect(response.status).toBe(200);
  return locationOf(await clickButton(server, html, `Authorize as ${login}`));
}

async function exchange(
  server: GitHubServer,
  fields: Record<string, string>,
  { accept = "application/json", json = false }: { accept?: string; json?: boolean } = {},
) {
  const response = await fetch(new URL("/login/oauth/access_token", server.url), {
    method: "POST",
    headers: {
      accept,
      "content-type": json ? "application/json" : "application/x-www-form-urlencoded",
    },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  return response;
}

const tokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  scope: z.string(),
});
const errorSchema = z.object({ error: z.string(), error_description: z.string(), error_uri: z.string() });

/** The whole flow for one user, with PKCE; returns the token. */
async function signIn(server: GitHubServer, login: string, scope = "read:user user:email") {
  const { verifier, challenge } = pkcePair();
  const callback = await authorizeAs(
    server,
    login,
    baseParams({ scope, code_challenge: challenge, code_challenge_method: "S256" }),
  );
  const response = await exchange(server, {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    code: callback.searchParams.get("code") ?? "",
    redirect_uri: app.callbackUrl,
    code_verifier: verifier,
  });
  return tokenSchema.parse(await response.json()).access_token;
}

function getApi(server: GitHubServer, path: string, token: string, scheme = "Bearer") {
  return fetch(new URL(path, server.url), { headers: { authorization: `${scheme} ${token}` } });
}

function graphql(server: GitHubServer, token: string, query = "{ rateLimit { remaining cost limit } }") {
  return fetch(new URL("/graphql", server.url), {
    method: "POST",
    headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
}

const remainingSchema = z.object({ data: z.object({ rateLimit: z.object({ remaining: z.number() }) }) });
async function remainingFor(server: GitHubServer, token: string) {
  const response = await graphql(server, token);
  return {
    body: remainingSchema.parse(await response.json()).data.rateLimit.remaining,
    header: Number(response.headers.get("x-ratelimit-remaining")),
  };
}

const userSchema = z.object({
  login: z.string(),
  id: z.number(),
  node_id: z.string(),
  avatar_url: z.string(),
  html_url: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  type: z.literal("User"),
});
const emailsSchema = z.array(
  z.object({
    email: z.string(),
    primary: z.boolean(),
    verified: z.boolean(),
    visibility: z.enum(["public", "private"]).nullable(),
  }),
);

describe("signing in with GitHub on the test GitHub server", () => {
  it("lets a user authorize the app with PKCE and then read their own profile and emails", async () => {
    const { server } = await startServer();
    const { verifier, challenge } = pkcePair();

    const { response, html } = await openAuthorizePage(
      server,
      baseParams({ code_challenge: challenge, code_challenge_method: "S256" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    for (const user of server.oauth.users()) expect(html).toContain(`Authorize as ${user.login}`);
    expect(html).toContain("Cancel");

    const callback = locationOf(await clickButton(server, html, "Authorize as MonaLisa-Dev"));
    expect(callback.origin + callback.pathname).toBe(app.callbackUrl);
    const code = callback.searchParams.get("code");
    expect(code).toMatch(/^[0-9a-f]{20}$/);
    expect(callback.searchParams.get("state")).toBe("state-123");

    const answer = await exchange(server, {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: code ?? "",
      redirect_uri: app.callbackUrl,
      code_verifier: verifier,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("application/json");
    const token = tokenSchema.parse(await answer.json());
    expect(token).toEqual({
      access_token: stringMatching(/^gho_[A-Za-z0-9]{36}$/),
      token_type: "bearer",
      scope: "read:user,user:email",
    });

    const user = await getApi(server, "/user", token.access_token);
    expect(user.status).toBe(200);
    expect(user.headers.get("x-oauth-scopes")).toBe("read:user, user:email");
    expect(userSchema.parse(await user.json())).toMatchObject({
      login: "MonaLisa-Dev",
      name: "Mona Lisa",
      email: "mona@example.com",
      type: "User",
      html_url: "https://github.com/MonaLisa-Dev",
    });
    const emails = await getApi(server, "/user/emails", token.access_token, "token");
    expect(emailsSchema.parse(await emails.json())).toEqual([
      { email: "mona@example.com", primary: true, verified: true, visibility: "public" },
    ]);
    expect(
      server.oauth.tokens().map(({ token: issued, login, revoked }) => ({ issued, login, revoked })),
    ).toEqual([{ issued: token.access_token, login: "MonaLisa-Dev", revoked: false }]);
  });

  it("hands the state back exactly as the app sent it, on success and on cancel", async () => {
    const { server } = await startServer();
    const state = "a b+c/d=e&f?g~h%20ü";

    const approved = await authorizeAs(server, "nameless42", baseParams({ state }));
    expect(approved.searchParams.get("state")).toBe(state);

    const { html } = await openAuthorizePage(server, baseParams({ state }));
    const denied = locationOf(await clickButton(server, html, "Cancel"));
    expect(denied.searchParams.get("state")).toBe(state);
  });

  it("sends a user who cancels back to the app with access_denied and no code", async () => {
    const { server } = await startServer();
    const { html } = await openAuthorizePage(server, baseParams());

    const denied = locationOf(await clickButton(server, html, "Cancel"));

    expect(denied.origin + denied.pathname).toBe(app.callbackUrl);
    expect(Object.fromEntries(denied.searchParams)).toEqual({
      error: "access_denied",
      error_description: "The user has denied your application access.",
      error_uri: stringMatching(/troubleshooting-authorization-request-errors\/#access-denied$/),
      state: "state-123",
    });
    expect(denied.toString()).toContain("error_description=The+user+has+denied+your+application+access.");
    expect(server.oauth.tokens()).toEqual([]);
  });

  it("refuses a redirect_uri outside the registered callback by redirecting to the registered one", async () => {
    const { server } = await startServer();

    for (const elsewhere of [
      "http://evil.example.test:3000/api/auth/callback/github",
      "http://app.example.test:3001/api/auth/callback/github",
      "http://app.example.test:3000/api/auth/callback/githubx",
      "http://app.example.test:3000/",
    ]) {
      const { response } = await openAuthorizePage(server, baseParams({ redirect_uri: elsewhere }));
      const back = locationOf(response);
      expect(back.origin + back.pathname, elsewhere).toBe(app.callbackUrl);
      expect(back.searchParams.get("error"), elsewhere).toBe("redirect_uri_mismatch");
      expect(back.searchParams.get("error_description")).toBe(
        "The redirect_uri MUST match the registered callback URL for this application.",
      );
      expect(back.searchParams.get("state")).toBe("state-123");
    }

    // GitHub's rule lets the path go deeper and the host gain a sub-domain.
    const deeper = `${app.callbackUrl}/more`;
    const accepted = await authorizeAs(server, "nameless42", baseParams({ redirect_uri: deeper }));
    expect(accepted.toString()).toMatch(new RegExp(`^${deeper}\\?code=`));
    const subdomain = "http://oauth.app.example.test:3000/api/auth/callback/github";
    const viaSubdomain = await authorizeAs(server, "nameless42", baseParams({ redirect_uri: subdomain }));
    expect(viaSubdomain.origin).toBe("http://oauth.app.example.test:3000");
  });

  it("lets a loopback callback come back on another port, as GitHub allows for native apps", async () => {
    const loopback = { ...app, callbackUrl: "http://127.0.0.1/callback" };
    const { server } = await startServer({ oauth: { app: loopback } });

    const back = await authorizeAs(
      server,
      "nameless42",
      baseParams({ redirect_uri: "http://127.0.0.1:49152/callback" }),
    );

    expect(back.port).toBe("49152");
    expect(back.searchParams.get("code")).not.toBeNull();
  });

  it("shows a not-found page, and redirects nowhere, for an app it does not know", async () => {
    const { server } = await startServer();

    const { response, html } = await openAuthorizePage(
      server,
      baseParams({ client_id: "Ov23liSomeoneElse" }),
    );

    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect(html).toContain("404");
  });

  it("refuses a wrong client secret with incorrect_client_credentials, in an HTTP 200", async () => {
    const { server } = await startServer();
    const callback = await authorizeAs(server, "nameless42", baseParams());

    const answer = await exchange(server, {
      client_id: app.clientId,
      client_secret: "not-the-secret",
      code: callback.searchParams.get("code") ?? "",
    });

    expect(answer.status).toBe(200);
    expect(errorSchema.parse(await answer.json())).toEqual({
      error: "incorrect_client_credentials",
      error_description: "The client_id and/or client_secret passed are incorrect.",
      error_uri: stringMatching(/#incorrect-client-credentials$/),
    });
  });

  it("refuses a code it never issued with bad_verification_code", async () => {
    const { server } = await startServer();

    const answer = await exchange(server, {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: "0123456789abcdef0123",
    });

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: stringMatching(/#bad-verification-code$/),
    });
  });

  it("accepts a code only once", async () => {
    const { server } = await startServer();
    const callback = await authorizeAs(server, "MonaLisa-Dev", baseParams());
    const fields = {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: callback.searchParams.get("code") ?? "",
    };

    const first = await exchange(server, fields);
    const second = await exchange(server, fields);

    expect(tokenSchema.safeParse(await first.json()).success).toBe(true);
    expect(errorSchema.parse(await second.json()).error).toBe("bad_verification_code");
    expect(server.oauth.tokens()).toHaveLength(1);
  });

  it("lets a code expire 10 minutes after it was issued", async () => {
    const { server, clock } = await startServer();
    const fresh = await authorizeAs(server, "MonaLisa-Dev", baseParams());
    const stale = await authorizeAs(server, "MonaLisa-Dev", baseParams());
    const fields = (callback: URL) => ({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: callback.searchParams.get("code") ?? "",
    });

    clock.now = new Date(clock.now.getTime() + CODE_LIFETIME_MS - 1000);
    expect(tokenSchema.safeParse(await (await exchange(server, fields(fresh))).json()).success).toBe(true);
    clock.now = new Date(clock.now.getTime() + 1000);
    expect(errorSchema.parse(await (await exchange(server, fields(stale))).json()).error).toBe(
      "bad_verification_code",
    );
  });

  it("refuses a PKCE verifier that does not match the challenge, and a missing one", async () => {
    const { server } = await startServer();
    const { challenge } = pkcePair();
    const callback = await authorizeAs(
      server,
      "MonaLisa-Dev",
      baseParams({ code_challenge: challenge, code_challenge_method: "S256" }),
    );
    const fields = {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: callback.searchParams.get("code") ?? "",
    };

    const wrong = await exchange(server, { ...fields, code_verifier: pkcePair().verifier });
    const missing = await exchange(server, fields);

    expect(errorSchema.parse(await wrong.json()).error).toBe("bad_verification_code");
    expect(errorSchema.parse(await missing.json()).error).toBe("bad_verification_code");
    expect(server.oauth.tokens()).toEqual([]);
  });

  it("refuses a challenge method other than S256 before showing the page", async () => {
    const { server } = await startServer();

    const { response } = await openAuthorizePage(
      server,
      baseParams({ code_challenge: "plain-challenge", code_challenge_method: "plain" }),
    );

    const back = locationOf(response);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("state")).toBe("state-123");
  });

  it("refuses a token request whose redirect_uri differs from the authorize request's", async () => {
    const { server } = await startServer();
    const callback = await authorizeAs(server, "MonaLisa-Dev", baseParams());

    const answer = await exchange(server, {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: "http://evil.example.test/callback",
    });

    expect(errorSchema.parse(await answer.json())).toMatchObject({
      error: "redirect_uri_mismatch",
      error_description: "The redirect_uri MUST match the registered callback URL for this application.",
    });
  });

  it("answers the token endpoint form-encoded unless JSON is asked for, and reads JSON bodies", async () => {
    const { server } = await startServer();
    const first = await authorizeAs(server, "MonaLisa-Dev", baseParams({ scope: "repo gist" }));
    const second = await authorizeAs(server, "MonaLisa-Dev", baseParams());

    const form = await exchange(
      server,
      {
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code: first.searchParams.get("code") ?? "",
      },
      { accept: "*/*" },
    );
    expect(form.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    const fields = new URLSearchParams(await form.text());
    expect(fields.get("access_token")).toMatch(/^gho_/);
    expect(fields.get("scope")).toBe("repo,gist");
    expect(fields.get("token_type")).toBe("bearer");

    const viaJson = await exchange(
      server,
      {
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code: second.searchParams.get("code") ?? "",
      },
      { json: true },
    );
    expect(tokenSchema.safeParse(await viaJson.json()).success).toBe(true);

    // Client credentials may also come as HTTP Basic, as some sign-in libraries send them.
    const third = await authorizeAs(server, "MonaLisa-Dev", baseParams());
    const basic = await fetch(new URL("/login/oauth/access_token", server.url), {
      method: "POST",
      headers: {
        accept: "application/json",
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ code: third.searchParams.get("code") ?? "" }).toString(),
    });
    expect(tokenSchema.safeParse(await basic.json()).success).toBe(true);

    const error = await exchange(
      server,
      { client_id: app.clientId, client_secret: "x", code: "y" },
      { accept: "" },
    );
    expect(new URLSearchParams(await error.text()).get("error")).toBe("incorrect_client_credentials");
  });

  it("hides a private email on /user but lists it on /user/emails", async () => {
    const { server } = await startServer();
    const token = await signIn(server, "hubot-private");

    const user = userSchema.parse(await (await getApi(server, "/user", token)).json());
    const emails = emailsSchema.parse(await (await getApi(server, "/user/emails", token)).json());

    expect(user.email).toBeNull();
    expect(emails.find((email) => email.primary)).toEqual({
      email: "hubot@example.org",
      primary: true,
      verified: true,
      visibility: "private",
    });
  });

  it("reports a user without a display name as name: null", async () => {
    const { server } = await startServer();
    const token = await signIn(server, "nameless42");

    const user = userSchema.parse(await (await getApi(server, "/user", token)).json());

    expect(user).toMatchObject({ login: "nameless42", name: null, email: null });
  });

  it("matches a login typed in another case, but reports it as GitHub spells it", async () => {
    const { server } = await startServer();
    server.oauth.approveAs("monalisa-dev");

    const { response } = await openAuthorizePage(server, baseParams({ login: "MONALISA-DEV" }));
    const callback = locationOf(response);
    const answer = await exchange(server, {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: callback.searchParams.get("code") ?? "",
    });
    const token = tokenSchema.parse(await answer.json()).access_token;

    expect(userSchema.parse(await (await getApi(server, "/user", token)).json()).login).toBe("MonaLisa-Dev");
    expect(server.oauth.revokeUser("MONALISA-dev")).toBe(1);
  });

  it("skips the screen for a user who already authorized the app, unless prompt=select_account", async () => {
    const { server } = await startServer();
    server.oauth.approveAs("nameless42");

    const skipped = locationOf((await openAuthorizePage(server, baseParams())).response);
    expect(skipped.searchParams.get("code")).not.toBeNull();

    const picker = await openAuthorizePage(server, baseParams({ prompt: "select_account" }));
    expect(picker.response.status).toBe(200);
    expect(picker.html).toContain("Authorize as nameless42");

    server.oauth.approveAs(null);
    expect((await openAuthorizePage(server, baseParams())).response.status).toBe(200);
    expect(() => {
      server.oauth.approveAs("nobody-here");
    }).toThrow(/nobody-here/);
  });

  it("needs the user:email scope for /user/emails", async () => {
    const { server } = await startServer();
    const token = await signIn(server, "MonaLisa-Dev", "read:user");

    expect((await fetch(new URL("/user", server.url))).status).toBe(401);
    expect((await getApi(server, "/user", token)).status).toBe(200);
    expect((await getApi(server, "/user/emails", token)).status).toBe(404);
  });

  it("gives each user's token its own rate limit, apart from the server's own token", async () => {
    const { server } = await startServer();
    const mona = await signIn(server, "MonaLisa-Dev");
    const hubot = await signIn(server, "hubot-private");

    // A rateLimit query costs 1 point; it reports what is left after it.
    expect(await remainingFor(server, mona)).toEqual({ body: 4999, header: 4999 });
    expect(await remainingFor(server, mona)).toEqual({ body: 4998, header: 4998 });
    expect(await remainingFor(server, hubot)).toEqual({ body: 4999, header: 4999 });
    expect(await remainingFor(server, DEFAULT_TEST_TOKEN)).toEqual({ body: 4999, header: 4999 });

    server.setRateLimit({ token: mona, remaining: 0, resetInSeconds: 60 });
    const limited = (await (await graphql(server, mona)).json()) as { errors?: { type: string }[] };
    expect(limited.errors?.[0]?.type).toBe("RATE_LIMITED");
    expect(await remainingFor(server, hubot)).toEqual({ body: 4998, header: 4998 });

    const rest = await getApi(server, "/rate_limit", hubot);
    expect(rest.headers.get("x-ratelimit-remaining")).toBe("4998");
  });

  it("answers 401 Bad credentials everywhere once a user's token is revoked", async () => {
    const { server } = await startServer();
    const mona = await signIn(server, "MonaLisa-Dev");
    const hubot = await signIn(server, "hubot-private");
    expect((await graphql(server, mona)).status).toBe(200);

    expect(server.oauth.revokeUser("MonaLisa-Dev")).toBe(1);

    const user = await getApi(server, "/user", mona);
    expect(user.status).toBe(401);
    expect(await user.json()).toEqual({
      message: "Bad credentials",
      documentation_url: "https://docs.github.com/rest",
      status: "401",
    });
    const emails = await getApi(server, "/user/emails", mona);
    expect(emails.status).toBe(401);
    const query = await graphql(server, mona);
    expect(query.status).toBe(401);
    expect(await query.json()).toMatchObject({ message: "Bad credentials", status: "401" });

    expect((await getApi(server, "/user", hubot)).status).toBe(200);
    expect(server.oauth.tokens().map(({ login, revoked }) => ({ login, revoked }))).toEqual([
      { login: "MonaLisa-Dev", revoked: true },
      { login: "hubot-private", revoked: false },
    ]);
  });

  it("keeps the server's own token working, and forgets OAuth tokens on reset", async () => {
    const { server } = await startServer({ token: "fake_gh_oauth_tests_own_token_000000000000" });
    const mona = await signIn(server, "MonaLisa-Dev");

    expect((await graphql(server, "fake_gh_oauth_tests_own_token_000000000000")).status).toBe(200);
    expect((await graphql(server, DEFAULT_TEST_TOKEN)).status).toBe(401);

    server.reset();
    expect((await graphql(server, mona)).status).toBe(401);
    expect(server.oauth.tokens()).toEqual([]);
    expect((await graphql(server, "fake_gh_oauth_tests_own_token_000000000000")).status).toBe(200);
  });

  it("uses a default app registration and at least three users when none are configured", async () => {
    const { server } = await startServer({ oauth: undefined });

    expect(server.oauth.users().length).toBeGreaterThanOrEqual(3);
    const { response } = await openAuthorizePage(server, {
      client_id: DEFAULT_OAUTH_APP.clientId,
      redirect_uri: DEFAULT_OAUTH_APP.callbackUrl,
      state: "s",
    });
    expect(response.status).toBe(200);
  });
});
