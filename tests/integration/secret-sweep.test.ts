import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createLlmAnalyzer } from "@/server/analysis/llm/llm-analyzer";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import type { Auth } from "@/server/auth/create-auth";
import { createRedactingLogger } from "@/server/logger";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogGitHubData } from "../fakes/catalog-github-data";
import { DEFAULT_OAUTH_APP } from "../fakes/github-oauth";
import { startGitHubServer, type GitHubServer } from "../fakes/github-server";
import { startOpenAIServer, type OpenAIServer } from "../fakes/openai-server";
import {
  accountsModeEnv,
  serveAuthAndApi,
  sessionOf,
  signInWithGitHub,
  type CookieJar,
} from "../support/github-sign-in";
import { HARNESS_NOW, typicalProfile } from "../support/scout-harness";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * The accounts mode's secrets, swept for: the GitHub tokens people sign in with, the OAuth app's secret, the
 * session secret, the token keys, the LLM key and a personal API token. After a session of ordinary use and of
 * failures (a search, its stream and exports, an API token used, a revoked GitHub token, a sign-out), none of
 * them appears in clear in any response (but the one that creates the API token), event, log line, LLM prompt
 * or stored row.
 */

const OPERATOR_TOKEN = "fake_gh_sweepOperator00000000000000000000";
const OPENAI_KEY = "fake_oa_sweep-key-000000000000000000000000";
const SESSION_SECRET = "sweep-session-secret-of-at-least-32-characters";
const TOKEN_KEY = Buffer.alloc(32, 5).toString("base64");
const search = { languages: ["Python"], minStars: 0 };

let github: GitHubServer;
let openai: OpenAIServer;
let temp: TempDb;
let deps: AppDependencies;
let served: { url: string; close: () => Promise<void> };
const logLines: string[] = [];
/** Every response body and header the app sent, as text. */
const responses: string[] = [];

beforeAll(async () => {
  github = await startGitHubServer({
    data: createCatalogGitHubData(generateDemoCatalog({ now: HARNESS_NOW })),
    token: OPERATOR_TOKEN,
    oauth: { app: DEFAULT_OAUTH_APP },
  });
  openai = await startOpenAIServer({ apiKey: OPENAI_KEY });
  temp = createTempDb();
  served = await serveAuthAndApi({ auth: () => deps.auth as Auth, deps: () => deps });
  const env = parseEnv({
    ...accountsModeEnv({
      githubUrl: github.url,
      publicUrl: served.url,
      sessionSecret: SESSION_SECRET,
      tokenKeys: `k1:${TOKEN_KEY}`,
    }),
    GITHUB_TOKEN: OPERATOR_TOKEN,
    SCOUT_GITHUB_QUERY_INTERVAL_MS: "0",
    SCOUT_MAX_REPOS: "10",
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_BASE_URL: openai.url,
  });
  deps = createAppDependencies({
    env,
    db: temp.db,
    clock: () => HARNESS_NOW,
    // The app's own logger, secrets and all, writing where the test can read it.
    logger: createRedactingLogger({
      secrets: [OPERATOR_TOKEN, OPENAI_KEY, DEFAULT_OAUTH_APP.clientSecret, SESSION_SECRET],
      write: (line) => logLines.push(line),
    }),
    analyzer: createLlmAnalyzer({
      baseURL: openai.url,
      apiKey: OPENAI_KEY,
      model: "gpt-4o-mini",
      maxRetries: 0,
    }),
  });
});
afterAll(async () => {
  await served.close();
  await github.close();
  await openai.close();
  await temp.cleanup();
});

/** A call to the app as a browser with this jar makes it; its whole answer is kept for the sweep. */
async function call(
  jar: CookieJar,
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<string> {
  const response = await fetch(`${served.url}${path}`, {
    ...init,
    headers: { cookie: jar.header(), "content-type": "application/json", origin: served.url },
  });
  const body = await response.text();
  responses.push(JSON.stringify([...response.headers]), body);
  return body;
}

const mutation = (jar: CookieJar, path: string, input: unknown) =>
  call(jar, `/api/trpc/${path}`, { method: "POST", body: JSON.stringify(input) });
const query = (jar: CookieJar, path: string, input?: unknown) =>
  call(
    jar,
    `/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
  );

/** Starts a search and reads its event stream (server-sent events) to the end. */
async function searchAndStream(jar: CookieJar): Promise<string> {
  const started = JSON.parse(await mutation(jar, "scout.search", search)) as {
    result: { data: { runId: string } };
  };
  const { runId } = started.result.data;
  await query(jar, "scout.stream", { runId });
  return runId;
}

/** Every row of every table, as text. */
async function everyStoredRow(): Promise<string> {
  const tables = await temp.db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const dumps = await Promise.all(
    tables.map(({ name }) => temp.db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`)),
  );
  return JSON.stringify(dumps, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
}

describe("the accounts mode's secrets", () => {
  it(
    "appear in clear in no response, event, log, LLM prompt or stored row",
    { timeout: 60_000 },
    async () => {
      const mona = await signInWithGitHub({
        appUrl: served.url,
        githubUrl: github.url,
        choice: { authorizeAs: "MonaLisa-Dev" },
      });
      const hubot = await signInWithGitHub({
        appUrl: served.url,
        githubUrl: github.url,
        choice: { authorizeAs: "hubot-private" },
      });
      responses.push(JSON.stringify(await sessionOf(served.url, mona.jar)));
      for (const { jar } of [mona, hubot]) {
        await mutation(jar, "profile.save", typicalProfile);
        await query(jar, "profile.get");
        const runId = await searchAndStream(jar);
        await query(jar, "scout.results", { runId });
        await query(jar, "scout.runs", {});
        await query(jar, "scout.usage");
        await query(jar, "scout.config");
        for (const format of ["md", "csv", "json"])
          await call(jar, `/api/runs/${runId}/export?format=${format}`);
      }
      // A personal API token: its secret is answered once, to its creator, and then only ever sent to the app.
      const created = await fetch(`${served.url}/api/trpc/apiTokens.create`, {
        method: "POST",
        headers: { cookie: mona.jar.header(), "content-type": "application/json", origin: served.url },
        body: JSON.stringify({ name: "laptop" }),
      });
      const apiToken = ((await created.json()) as { result: { data: { token: string } } }).result.data.token;
      const asToken = await fetch(`${served.url}/api/trpc/scout.runs`, {
        headers: { authorization: `Bearer ${apiToken}` },
      });
      expect(asToken.status).toBe(200);
      responses.push(JSON.stringify([...asToken.headers]), await asToken.text());
      await query(mona.jar, "apiTokens.list");
      // Failures write the most: a token GitHub refuses, mid-run and at the next start.
      const hubotToken =
        github.oauth.tokens().find((issued) => issued.login === "hubot-private")?.token ?? "";
      github.oauth.revokeToken(hubotToken);
      await searchAndStream(hubot.jar);
      await mutation(hubot.jar, "scout.search", search);
      await call(mona.jar, "/api/auth/sign-out", { method: "POST", body: "{}" });

      const peopleTokens = github.oauth.tokens().map((issued) => issued.token);
      expect(peopleTokens).toHaveLength(2);
      expect(openai.requests.length).toBeGreaterThan(0);
      expect(logLines.some((line) => line.includes("failed"))).toBe(true);
      const swept = {
        responses: responses.join("\n"),
        logs: logLines.join("\n"),
        prompts: JSON.stringify(openai.requests.map((request) => request.body)),
        rows: await everyStoredRow(),
      };
      // The sweep saw what it should: the streamed events, the failure, and the tokens as they are stored.
      expect(swept.responses).toContain('"type":"complete"');
      expect(swept.responses).toContain('"blockedBy":"github-sign-in"');
      expect(swept.rows).toMatch(/v1\.k1\./);
      for (const secret of [
        ...peopleTokens,
        apiToken,
        DEFAULT_OAUTH_APP.clientSecret,
        SESSION_SECRET,
        TOKEN_KEY,
        OPENAI_KEY,
        OPERATOR_TOKEN,
      ]) {
        for (const [where, text] of Object.entries(swept)) {
          expect(text.includes(secret), `a secret in ${where}`).toBe(false);
        }
      }
    },
  );
});
