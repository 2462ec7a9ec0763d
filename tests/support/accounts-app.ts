import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { expect } from "vitest";
import { parseEnv } from "@/env";
import { handleTrpcRequest } from "@/server/api/http-handler";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import type { Auth } from "@/server/auth/create-auth";
import { resolveViewer } from "@/server/auth/resolve-viewer";
import { createTokenCipher } from "@/server/auth/token-cipher";
import { handleExportRequest } from "@/server/export/handle-export-request";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { DEFAULT_OAUTH_APP } from "../fakes/github-oauth";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { createTestAuth, signInWithGitHub, type CookieJar } from "./github-sign-in";
import { createTempDb, type TempDb } from "./temp-db";

/**
 * The app in the accounts mode on a real HTTP port, as `npm start` serves it: the tRPC API, the export route
 * and sign-in (/api/auth), against the test GitHub server's OAuth web flow. Searches use the offline demo
 * catalog and the built-in analyzer. Responses stream, so subscriptions work over it.
 */
export type AccountsApp = {
  url: string;
  github: GitHubServer;
  /** Everything the app logged in the current test. */
  logs: string[];
  /** A fresh database, sign-in and dependencies: call it before each test. */
  reset: () => TempDb;
  deps: () => AppDependencies;
  close: () => Promise<void>;
};

const exportPath = /^\/api\/runs\/([^/]+)\/export$/;

export async function startAccountsApp(): Promise<AccountsApp> {
  const github = await startGitHubServer({
    data: createCatalogGitHubData(generateDemoCatalog({ now: new Date("2025-06-01T12:00:00Z") })),
    // Its registered callback is on loopback, which matches on any port, as on GitHub.
    oauth: { app: DEFAULT_OAUTH_APP },
  });
  const cipher = createTokenCipher([{ id: "k1", key: Buffer.alloc(32, 9) }]);
  const logs: string[] = [];
  const logger = {
    error: (message: string, details?: unknown) => logs.push(`${message} ${String(details)}`),
    warn: (message: string, details?: unknown) => logs.push(`${message} ${String(details)}`),
  };
  let url = "";
  let current: { temp: TempDb; auth: Auth; deps: AppDependencies } | null = null;
  const now = () => {
    if (!current) throw new Error("call reset() before using the accounts app");
    return current;
  };

  function answer(request: Request): Promise<Response> {
    const { auth, deps } = now();
    const { pathname } = new URL(request.url);
    if (pathname.startsWith("/api/trpc")) return handleTrpcRequest({ req: request, deps });
    const exportRunId = exportPath.exec(pathname)?.[1];
    if (exportRunId !== undefined) {
      return resolveViewer({ auth, db: deps.db, headers: request.headers, now: deps.clock() }).then(
        (viewer) =>
          handleExportRequest({ req: request, runId: decodeURIComponent(exportRunId), viewer, deps }),
      );
    }
    return auth.handler(request);
  }

  const server: Server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    }
    const abort = new AbortController();
    res.on("close", () => {
      abort.abort();
    });
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`${url}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      signal: abort.signal,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    });
    void answer(request).then(async (response) => {
      res.writeHead(response.status, [...response.headers.entries()].flat());
      if (!response.body) return void res.end();
      const reader = response.body.getReader();
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
          res.write(chunk.value);
      } catch {
        // The client went away mid-stream.
      }
      res.end();
    });
  });
  // Idle connections outlive the client's own keep-alive, so no request goes down a closing socket.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    github,
    logs,
    reset: () => {
      logs.length = 0;
      github.oauth.approveAs(null);
      const temp = createTempDb();
      const auth = createTestAuth({ db: temp.db, cipher, appUrl: url, githubUrl: github.url, logger });
      const deps = createAppDependencies({ env: parseEnv({}), db: temp.db, auth, logger });
      current = { temp, auth, deps };
      return temp;
    },
    deps: () => now().deps,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await github.close();
    },
  };
}

/** A browser that presses "Sign in with GitHub" and authorizes as `login` on GitHub's page: its cookie jar. */
export async function signInAs(app: AccountsApp, login: string): Promise<CookieJar> {
  const { jar, landedOn } = await signInWithGitHub({
    appUrl: app.url,
    githubUrl: app.github.url,
    choice: { authorizeAs: login },
  });
  expect(landedOn).toBe("/");
  return jar;
}

export type TrpcAnswer = {
  status: number;
  body: { result?: { data: unknown }; error?: { message: string; data: { code: string } } };
};

/**
 * One tRPC call over HTTP as a page of the app makes it, with the browser's cookies and the page's Origin: a
 * query without input, or a mutation with it.
 */
export async function callAsBrowser(
  app: AccountsApp,
  jar: CookieJar,
  path: string,
  input?: unknown,
): Promise<TrpcAnswer> {
  const response = await fetch(
    `${app.url}/api/trpc/${path}`,
    input === undefined
      ? { headers: { cookie: jar.header() } }
      : {
          method: "POST",
          headers: { "content-type": "application/json", cookie: jar.header(), origin: app.url },
          body: JSON.stringify(input),
        },
  );
  return { status: response.status, body: (await response.json()) as TrpcAnswer["body"] };
}
