import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { expect } from "vitest";
import { handleTrpcRequest } from "@/server/api/http-handler";
import type { AppDependencies } from "@/server/app-dependencies";
import { createAuth, githubCallbackPath, type Auth } from "@/server/auth/create-auth";
import type { TokenCipher } from "@/server/auth/token-cipher";
import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { DEFAULT_OAUTH_APP } from "../fakes/github-oauth";

/**
 * Sign-in with GitHub as a browser goes through it, for tests: the app's auth routes and API on one port, and
 * the test GitHub server's OAuth pages, reached by URL only.
 */

/**
 * The accounts mode's settings for an app whose people sign in through the test GitHub server (its registered
 * OAuth app), at `publicUrl`; `sessionSecret` and `tokenKeys` ("id:base64key,…") as the test needs.
 */
export function accountsModeEnv({
  githubUrl,
  publicUrl,
  sessionSecret = "a-session-secret-of-at-least-32-characters",
  tokenKeys = `k1:${Buffer.alloc(32, 3).toString("base64")}`,
}: {
  githubUrl: string;
  publicUrl: string;
  sessionSecret?: string;
  tokenKeys?: string;
}): Record<string, string> {
  return {
    AUTH_GITHUB_ID: DEFAULT_OAUTH_APP.clientId,
    AUTH_GITHUB_SECRET: DEFAULT_OAUTH_APP.clientSecret,
    AUTH_SECRET: sessionSecret,
    SCOUT_TOKEN_KEYS: tokenKeys,
    GITHUB_API_URL: githubUrl,
    GITHUB_WEB_URL: githubUrl,
    SCOUT_PUBLIC_URL: publicUrl,
  };
}

/** Sign-in on a SQLite test database, against the test GitHub server's registered OAuth app. */
export function createTestAuth({
  db,
  cipher,
  appUrl,
  githubUrl,
  logger,
}: {
  db: Db;
  cipher: TokenCipher;
  appUrl: string;
  githubUrl: string;
  logger: Logger;
}): Auth {
  return createAuth({
    db,
    storeKind: "sqlite",
    settings: {
      githubClientId: DEFAULT_OAUTH_APP.clientId,
      githubClientSecret: DEFAULT_OAUTH_APP.clientSecret,
      sessionSecret: "a-session-secret-of-at-least-32-characters",
    },
    cipher,
    publicUrl: appUrl,
    githubWebUrl: githubUrl,
    githubApiUrl: githubUrl,
    trustProxy: false,
    logger,
  });
}

/** A browser's cookies for the app, from its Set-Cookie headers. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair = ""] = line.split(";");
      const [name = "", ...value] = pair.split("=");
      this.cookies.set(name.trim(), value.join("="));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/**
 * The auth library's routes and the tRPC API on a real port, as the app serves them. Both are asked for on
 * each request, so a test may build them afresh (per test database) while the port stays.
 */
export async function serveAuthAndApi(current: {
  auth: () => Auth;
  deps: () => AppDependencies;
}): Promise<{ url: string; close: () => Promise<void> }> {
  let url = "";
  const server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`${url}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    });
    const answer = request.url.startsWith(`${url}/api/trpc`)
      ? handleTrpcRequest({ req: request, deps: current.deps() })
      : current.auth().handler(request);
    void answer.then(async (response) => {
      res.writeHead(response.status, [...response.headers.entries()].flat());
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  // Idle connections outlive the client's own keep-alive: a test's request must never be sent down a socket
  // the server is closing that instant (an ECONNRESET on a loaded machine).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Presses "Sign in with GitHub", then on GitHub's page one of the buttons; returns the browser's jar and where
 * it ended.
 */
export async function signInWithGitHub({
  appUrl,
  githubUrl,
  choice,
}: {
  appUrl: string;
  githubUrl: string;
  choice: { authorizeAs: string } | "cancel";
}): Promise<{ jar: CookieJar; landedOn: string }> {
  const jar = new CookieJar();
  const started = await fetch(`${appUrl}/api/auth/sign-in/social`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify({ provider: "github", callbackURL: "/", errorCallbackURL: "/sign-in" }),
  });
  expect(started.status).toBe(200);
  jar.take(started);
  const { url } = (await started.json()) as { url: string };
  const authorize = new URL(url);
  expect(authorize.origin).toBe(githubUrl);
  // GitHub's page, then its form: the query's parameters travel with the pressed button.
  expect((await fetch(authorize)).status).toBe(200);
  const form = new URLSearchParams(authorize.searchParams);
  if (choice === "cancel") form.set("cancel", "1");
  else form.set("authorize_as", choice.authorizeAs);
  const decided = await fetch(`${githubUrl}/login/oauth/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  const callback = decided.headers.get("location") ?? "";
  expect(callback).toContain(githubCallbackPath);
  const back = await fetch(callback.replace("http://127.0.0.1:3000", appUrl), {
    headers: { cookie: jar.header() },
    redirect: "manual",
  });
  jar.take(back);
  return { jar, landedOn: back.headers.get("location") ?? "" };
}

/** The signed-in person, as the auth library answers for the jar's session; null without one. */
export async function sessionOf(appUrl: string, jar: CookieJar) {
  const response = await fetch(`${appUrl}/api/auth/get-session`, { headers: { cookie: jar.header() } });
  return (await response.json()) as { user: { id: string; name: string; email: string } } | null;
}
