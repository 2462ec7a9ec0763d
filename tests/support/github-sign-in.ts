import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { expect } from "vitest";
import { handleTrpcRequest } from "@/server/api/http-handler";
import type { AppDependencies } from "@/server/app-dependencies";
import { githubCallbackPath, type Auth } from "@/server/auth/create-auth";

/**
 * Sign-in with GitHub as a browser goes through it, for tests: the app's auth routes and API on one port, and
 * the test GitHub server's OAuth pages, reached by URL only.
 */

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
