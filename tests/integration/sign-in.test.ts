import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { githubCallbackPath, tokenPurpose, type Auth } from "@/server/auth/create-auth";
import { createTokenCipher } from "@/server/auth/token-cipher";
import { LOCAL_USER_ID } from "@/server/auth/viewer";
import { getProfile } from "@/server/profile/profile-store";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { DEFAULT_OAUTH_APP } from "../fakes/github-oauth";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import {
  CookieJar,
  createTestAuth,
  serveAuthAndApi,
  sessionOf as sessionOfJar,
  signInWithGitHub,
} from "../support/github-sign-in";
import { collectRunEvents, typicalProfile } from "../support/scout-harness";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * Sign-in with GitHub as a browser goes through it: the auth library (better-auth) served over HTTP, and the
 * test GitHub server's OAuth web flow (its authorize page, the code exchange, GET /user), reached by URL
 * only. Tokens must be stored sealed, sessions must be cookies a script cannot read, and the first person to
 * sign in takes over what the local install had stored.
 */

const silent = { error: () => undefined, warn: () => undefined };
const cipher = createTokenCipher([{ id: "k1", key: Buffer.alloc(32, 9) }]);

let github: GitHubServer;
let temp: TempDb;
let auth: Auth;
let served: { url: string; close: () => Promise<void> };
let appUrl: string;
let logs: string[] = [];
let appDeps: AppDependencies | undefined;

/** The app's API beside sign-in, on the same database and sessions (built on first use). */
function appDependencies(): AppDependencies {
  // One search an hour: what one person spends is theirs alone.
  appDeps ??= createAppDependencies({
    env: parseEnv({ SCOUT_SEARCH_RATE_LIMIT: "1" }),
    db: temp.db,
    auth,
    logger: silent,
  });
  return appDeps;
}

beforeAll(async () => {
  github = await startGitHubServer({
    data: createCatalogGitHubData(generateDemoCatalog({ now: new Date("2025-06-01T12:00:00Z") })),
    // Its registered callback is on loopback, which matches on any port, as on GitHub.
    oauth: { app: DEFAULT_OAUTH_APP },
  });
  served = await serveAuthAndApi({ auth: () => auth, deps: appDependencies });
  appUrl = served.url;
});
afterAll(async () => {
  await served.close();
  await github.close();
});

beforeEach(() => {
  logs = [];
  appDeps = undefined;
  temp = createTempDb();
  auth = createTestAuth({
    db: temp.db,
    cipher,
    appUrl,
    githubUrl: github.url,
    logger: { error: (message) => logs.push(message), warn: (message) => logs.push(message) },
  });
  github.oauth.approveAs(null);
  return () => temp.cleanup();
});

/** Presses "Sign in with GitHub", then on GitHub's page one of the buttons. */
const signIn = (choice: { authorizeAs: string } | "cancel") =>
  signInWithGitHub({ appUrl, githubUrl: github.url, choice });
const sessionOf = (jar: CookieJar) => sessionOfJar(appUrl, jar);

describe("sign-in with GitHub", () => {
  it("signs a person in with a session cookie scripts cannot read, and stores their token sealed", async () => {
    const { jar, landedOn } = await signIn({ authorizeAs: "MonaLisa-Dev" });

    expect(landedOn).toBe("/");
    const session = await sessionOf(jar);
    expect(session?.user).toMatchObject({ name: "Mona Lisa", email: "mona@example.com" });
    const sessionCookie = jar.setCookies.find((line) => line.includes("session_token="));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).not.toMatch(/Secure/i);

    const issued = github.oauth.tokens().find((entry) => entry.login === "MonaLisa-Dev");
    const account = await temp.db.account.findFirstOrThrow({ where: { userId: session?.user.id } });
    expect(account).toMatchObject({ providerId: "github", accountId: "583231" });
    expect(issued?.token).toBeTruthy();
    expect(account.accessToken).not.toContain(issued?.token);
    expect(cipher.open(account.accessToken ?? "", tokenPurpose)).toBe(issued?.token);
  });

  it("gives a private email's owner GitHub's no-reply address, and a nameless one their login", async () => {
    const privateOne = await sessionOf((await signIn({ authorizeAs: "hubot-private" })).jar);
    expect(privateOne?.user.email).toBe("1024025+hubot-private@users.noreply.github.com");
    const nameless = await sessionOf((await signIn({ authorizeAs: "nameless42" })).jar);
    expect(nameless?.user.name).toBe("nameless42");
  });

  it("lets the first person to sign in take over the local install's data, and only the first", async () => {
    const { saveProfile } = await import("@/server/profile/profile-store");
    await saveProfile({ db: temp.db, userId: LOCAL_USER_ID, input: typicalProfile });

    const first = await sessionOf((await signIn({ authorizeAs: "MonaLisa-Dev" })).jar);
    const second = await sessionOf((await signIn({ authorizeAs: "hubot-private" })).jar);

    const read = (userId: string) => getProfile({ db: temp.db, logger: silent, userId });
    expect(await read(first?.user.id ?? "")).toMatchObject({ goals: typicalProfile.goals });
    expect(await read(second?.user.id ?? "")).toBeNull();
    expect(await read(LOCAL_USER_ID)).toBeNull();
  });

  it("signs nobody in when the person cancels on GitHub, and sends them to the error page", async () => {
    const { jar, landedOn } = await signIn("cancel");
    expect(landedOn).toMatch(/^\/sign-in\?error=access_denied/);
    expect(await sessionOf(jar)).toBeNull();
    expect(await temp.db.user.count({ where: { id: { not: LOCAL_USER_ID } } })).toBe(0);
  });

  it("refuses a callback whose state is not the one this browser started with", async () => {
    const mallory = await signIn({ authorizeAs: "MonaLisa-Dev" });
    const victim = new CookieJar();
    // A callback URL made for another browser's sign-in, replayed without its state cookie.
    const started = await fetch(`${appUrl}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: appUrl },
      body: JSON.stringify({ provider: "github", callbackURL: "/", errorCallbackURL: "/sign-in" }),
    });
    victim.take(started);
    const forged = await fetch(`${appUrl}${githubCallbackPath}?code=stolen-code&state=forged-state`, {
      headers: { cookie: victim.header() },
      redirect: "manual",
    });
    victim.take(forged);
    expect(forged.headers.get("location") ?? "").toMatch(/error=/);
    expect(logs.join("\n")).toMatch(/Failed to parse state/);
    expect(await sessionOf(victim)).toBeNull();
    expect(await sessionOf(mallory.jar)).not.toBeNull();
  });

  it("makes the API answer for the person signed in, refuse anyone else, and refuse other sites' pages", async () => {
    const { jar } = await signIn({ authorizeAs: "MonaLisa-Dev" });
    const mona = await sessionOf(jar);
    const save = (headers: Record<string, string>) =>
      fetch(`${appUrl}/api/trpc/profile.save`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(typicalProfile),
      });

    expect((await save({ cookie: jar.header(), origin: appUrl })).status).toBe(200);
    const stored = await temp.db.developerProfile.findMany({ select: { userId: true } });
    expect(stored).toEqual([{ userId: mona?.user.id }]);
    const read = await fetch(`${appUrl}/api/trpc/profile.get`, { headers: { cookie: jar.header() } });
    expect(((await read.json()) as { result: { data: { goals: string } } }).result.data.goals).toBe(
      typicalProfile.goals,
    );

    const anonymous = await fetch(`${appUrl}/api/trpc/profile.get`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toBe(
      "Sign in with GitHub to use GitHub Scout.",
    );
    const forged = await save({ cookie: jar.header(), origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(await temp.db.developerProfile.count()).toBe(1);
  });

  it("counts each person's searches against their own limit, though they search from one address", async () => {
    const call = (jar: CookieJar, path: string, input: unknown) =>
      fetch(`${appUrl}/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: jar.header(), origin: appUrl },
        body: JSON.stringify(input),
      });
    const mona = (await signIn({ authorizeAs: "MonaLisa-Dev" })).jar;
    const hubot = (await signIn({ authorizeAs: "hubot-private" })).jar;
    for (const jar of [mona, hubot])
      expect((await call(jar, "profile.save", typicalProfile)).status).toBe(200);
    const search = { languages: ["Go"], minStars: 0 };

    const started = [await call(mona, "scout.search", search), await call(hubot, "scout.search", search)];
    expect(started.map((response) => response.status)).toEqual([200, 200]);
    const again = await call(mona, "scout.search", search);
    expect(again.status).toBe(429);
    const runs = await temp.db.searchRun.findMany({ select: { id: true, userId: true } });
    expect(new Set(runs.map((run) => run.userId)).size).toBe(2);
    // The two searches end before the test's database goes.
    await Promise.all(runs.map((run) => collectRunEvents(appDependencies(), run.id)));
  });

  it("never sends a person on to another site after signing in", async () => {
    const response = await fetch(`${appUrl}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: appUrl },
      body: JSON.stringify({ provider: "github", callbackURL: "https://evil.example/after" }),
    });
    expect(response.status).toBe(403);
  });

  it("signs out: the session ends and its cookie no longer opens anything", async () => {
    const { jar } = await signIn({ authorizeAs: "MonaLisa-Dev" });
    const out = await fetch(`${appUrl}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie: jar.header(), origin: appUrl, "content-type": "application/json" },
      body: "{}",
    });
    expect(out.status).toBe(200);
    expect(await sessionOf(jar)).toBeNull();
    expect(await temp.db.session.count()).toBe(0);
  });

  it("refuses a sign-out another site's page asks for with the person's cookie", async () => {
    const { jar } = await signIn({ authorizeAs: "MonaLisa-Dev" });
    const forged = await fetch(`${appUrl}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie: jar.header(), origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(forged.status).toBe(403);
    expect(await sessionOf(jar)).not.toBeNull();
  });
});
