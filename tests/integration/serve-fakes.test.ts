import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakesControl, type FakesControl } from "../e2e/support/fakes-control";

/**
 * The e2e fakes process as Playwright will run it: a separate process started from the command line,
 * steered only through its HTTP control API.
 */

const root = path.resolve(import.meta.dirname, "../..");
const githubToken = "fake_gh_servefakes000000000000000000000000";
const openaiKey = "fake_oa_servefakes-test-key";
const oauthClientId = "Ov23liServeFakesClient01";
const oauthSecret = "fake_oauth_servefakes_secret_000000000000";
const oauthCallback = "http://127.0.0.1:3999/api/auth/callback/github";

/** Ports the OS says are free now; held together so the three differ. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            if (address === null || typeof address === "string") reject(new Error("no port"));
            else resolve(address.port);
          });
        }),
    ),
  );
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        ),
    ),
  );
  return ports;
}

let child: ChildProcess;
let output = "";
let githubUrl: string;
let openaiUrl: string;
let controlUrl: string;
let control: FakesControl;

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve-fakes exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`serve-fakes was not healthy within ${timeoutMs} ms:\n${output}`);
}

beforeAll(async () => {
  const [githubPort, openaiPort, controlPort] = await freePorts(3);
  githubUrl = `http://127.0.0.1:${githubPort}`;
  openaiUrl = `http://127.0.0.1:${openaiPort}/v1`;
  controlUrl = `http://127.0.0.1:${controlPort}`;
  // `node --import tsx` rather than `npx tsx`: one process, so our signal reaches the script itself.
  child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "tests/fakes/serve-fakes.ts",
      ...[
        "--github-port",
        String(githubPort),
        "--openai-port",
        String(openaiPort),
        "--control-port",
        String(controlPort),
      ],
      ...["--github-token", githubToken, "--openai-key", openaiKey],
      ...["--oauth-client-id", oauthClientId, "--oauth-client-secret", oauthSecret],
      ...["--oauth-callback-url", oauthCallback],
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  await waitForHealth(controlUrl, 25_000);
  control = createFakesControl(controlUrl);
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
});

beforeEach(async () => {
  // The shutdown test runs last and leaves nothing to reset.
  if (child.exitCode === null) await control.reset();
});

function chat(repoIds: string[], key = openaiKey) {
  return fetch(`${openaiUrl}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "gpt-test",
      messages: [
        { role: "system", content: "Score these repositories." },
        { role: "user", content: repoIds.map((id) => `<repo_data id="${id}">\n…\n</repo_data>`).join("\n") },
      ],
    }),
  });
}

function graphql(query: string, token = githubToken) {
  return fetch(`${githubUrl}/graphql`, {
    method: "POST",
    headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
}

const rateLimitQuery = "{ rateLimit { remaining } }";
const countQuery = '{ search(query: "stars:>0", type: REPOSITORY, first: 1) { repositoryCount } }';

describe("serve-fakes", () => {
  it("reports health and announces its URLs on one ready line", async () => {
    expect(await control.health()).toEqual({ ok: true, githubUrl, openaiUrl });
    expect(output).toContain(
      `serve-fakes ready: github=${githubUrl} openai=${openaiUrl} control=${controlUrl}`,
    );
    // The secrets came in on the command line; they must not be echoed back.
    expect(output).not.toContain(githubToken);
    expect(output).not.toContain(openaiKey);
  });

  it("serves the demo catalog and checks the credentials it was given", async () => {
    const answer = await graphql(countQuery);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data: { search: { repositoryCount: number } } };
    expect(body.data.search.repositoryCount).toBeGreaterThan(100);
    expect((await graphql(rateLimitQuery, "ghp_wrong")).status).toBe(401);
    expect((await chat(["acme/widget"], "sk-wrong")).status).toBe(401);
  });

  it("injects an OpenAI fault once, then answers normally", async () => {
    await control.injectOpenAI({ kind: "server-error" });
    const failed = await chat(["acme/widget"]);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { type: "server_error" } });
    const ok = await chat(["acme/widget"]);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { choices: { message: { content: string } }[] };
    expect(JSON.parse(body.choices[0]?.message.content ?? "")).toMatchObject({
      results: [{ repo: "acme/widget" }],
    });
    const report = await control.openaiRequests();
    expect(report.count).toBe(2);
    expect(
      report.requests.map(({ index, repoIds, outcome, model }) => ({ index, repoIds, outcome, model })),
    ).toEqual([
      { index: 0, repoIds: ["acme/widget"], outcome: "answered", model: "gpt-test" },
      { index: 1, repoIds: ["acme/widget"], outcome: "answered", model: "gpt-test" },
    ]);
  });

  it("lets the first requests through with afterRequests, and applies a fault to all with Infinity", async () => {
    await control.injectOpenAI({ kind: "rate-limit", retryAfterSeconds: 7 }, { afterRequests: 1 });
    expect((await chat(["a/one"])).status).toBe(200);
    const limited = await chat(["a/two"]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect((await chat(["a/three"])).status).toBe(200);

    await control.injectOpenAI({ kind: "server-error" }, { times: Number.POSITIVE_INFINITY });
    for (let attempt = 0; attempt < 4; attempt += 1) expect((await chat(["a/four"])).status).toBe(500);
  });

  it("injects a GitHub 503 once, and fixes the repository count", async () => {
    await control.injectGitHub({ kind: "status", status: 503 });
    expect((await graphql(rateLimitQuery)).status).toBe(503);
    expect((await graphql(rateLimitQuery)).status).toBe(200);

    await control.setRepositoryCount(123_456);
    const body = (await (await graphql(countQuery)).json()) as {
      data: { search: { repositoryCount: number } };
    };
    expect(body.data.search.repositoryCount).toBe(123_456);

    const report = await control.githubRequests();
    expect(report.count).toBe(3);
    expect(report.graphqlCount).toBe(3);
    expect(
      report.requests.map(({ method, path, outcome, readmeObjects }) => [
        method,
        path,
        outcome,
        readmeObjects,
      ]),
    ).toEqual(Array.from({ length: 3 }, () => ["POST", "/graphql", "answered", 0]));
    // The refused request is not charged; the search is told apart from the other queries.
    expect(report.requests.map((request) => request.cost === null)).toEqual([true, false, false]);
    expect(report.requests.map((request) => request.search)).toEqual([false, false, true]);
  });

  it("lets GraphQL requests through first with `after`, and sets the rate limit", async () => {
    await control.injectGitHub({ kind: "secondary-rate-limit", retryAfterSeconds: 3, after: 1 });
    expect((await graphql(rateLimitQuery)).status).toBe(200);
    expect((await graphql(rateLimitQuery)).status).toBe(429);

    await control.setGitHubRateLimit({ remaining: 0, resetInSeconds: 60 });
    const limited = (await (await graphql(rateLimitQuery)).json()) as { errors?: { type: string }[] };
    expect(limited.errors?.[0]?.type).toBe("RATE_LIMITED");
  });

  it("resets faults, counts, repository count and recorded requests on both servers", async () => {
    await control.injectGitHub({ kind: "status", status: 500, times: Number.POSITIVE_INFINITY });
    await control.setRepositoryCount(7);
    await control.injectOpenAI({ kind: "server-error" }, { times: Number.POSITIVE_INFINITY });
    expect((await graphql(rateLimitQuery)).status).toBe(500);
    expect((await chat(["a/b"])).status).toBe(500);

    await control.reset();
    expect((await control.githubRequests()).count).toBe(0);
    expect((await control.openaiRequests()).count).toBe(0);
    const body = (await (await graphql(countQuery)).json()) as {
      data: { search: { repositoryCount: number } };
    };
    expect(body.data.search.repositoryCount).not.toBe(7);
    expect((await chat(["a/b"])).status).toBe(200);
    // Request indexes count from zero again, so afterRequests means the same thing in every test.
    expect((await control.openaiRequests()).requests.map((request) => request.index)).toEqual([0]);
  });

  it("answers bad control input with a 400 and a clear message, and keeps running", async () => {
    const post = (route: string, body: string) =>
      fetch(`${controlUrl}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    const cases: [string, string, RegExp][] = [
      ["/github/inject", '{"kind":"status","status":418}', /status/],
      ["/github/inject", '{"kind":"teapot"}', /kind/],
      ["/github/inject", '{"kind":"status","code":503}', /code|status/],
      ["/github/inject", "{not json", /not valid JSON/],
      ["/github/repository-count", '{"count":"many"}', /count/],
      ["/github/repository-count", "", /body is required/],
      ["/openai/inject", '{"kind":"server-error"}', /fault/],
      ["/openai/inject", '{"fault":{"kind":"server-error"},"times":0}', /times/],
      ["/openai/inject", '{"fault":{"kind":"server-error"},"afterRequests":-1}', /afterRequests/],
      ["/reset", '{"everything":true}', /everything/],
    ];
    for (const [route, body, message] of cases) {
      const answer = await post(route, body);
      expect(answer.status, `${route} ${body}`).toBe(400);
      const json = (await answer.json()) as { error: string };
      expect(json.error, `${route} ${body}`).toMatch(message);
    }
    expect((await fetch(`${controlUrl}/nowhere`)).status).toBe(404);
    expect((await fetch(`${controlUrl}/github/inject`)).status).toBe(405);
    await expect(control.injectGitHub({ kind: "status", status: 503, times: -1 })).rejects.toThrow(/400/);
    // Nothing bad was injected: the fakes still answer normally.
    expect((await graphql(rateLimitQuery)).status).toBe(200);
    expect((await control.health()).ok).toBe(true);
  });

  it("runs GitHub sign-in through the control API: approve-as, tokens, per-token limits, revoke", async () => {
    const controlPost = (route: string, body: unknown) =>
      fetch(`${controlUrl}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const users = (await (await fetch(`${controlUrl}/github/oauth/users`)).json()) as {
      app: { clientId: string; callbackUrl: string };
      users: { login: string; email: string | null }[];
    };
    expect(users.app).toEqual({ clientId: oauthClientId, callbackUrl: oauthCallback });
    expect(users.users.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(users)).not.toContain(oauthSecret);

    expect((await controlPost("/github/oauth/approve-as", { login: "hubot-private" })).status).toBe(200);
    const authorize = new URL("/login/oauth/authorize", githubUrl);
    authorize.search = new URLSearchParams({
      client_id: oauthClientId,
      redirect_uri: oauthCallback,
      state: "e2e",
    }).toString();
    const redirected = await fetch(authorize, { redirect: "manual" });
    expect(redirected.status).toBe(302);
    const code = new URL(redirected.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const exchanged = await fetch(new URL("/login/oauth/access_token", githubUrl), {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: oauthClientId, client_secret: oauthSecret, code }).toString(),
    });
    const { access_token: userToken } = (await exchanged.json()) as { access_token: string };
    expect(userToken).toMatch(/^gho_/);

    const tokens = (await (await fetch(`${controlUrl}/github/oauth/tokens`)).json()) as {
      tokens: { token: string; login: string; revoked: boolean }[];
    };
    expect(tokens.tokens.map(({ token, login, revoked }) => ({ token, login, revoked }))).toEqual([
      { token: userToken, login: "hubot-private", revoked: false },
    ]);

    expect((await controlPost("/github/oauth/rate-limit", { token: userToken, remaining: 0 })).status).toBe(
      200,
    );
    const limited = (await (await graphql(rateLimitQuery, userToken)).json()) as {
      errors?: { type: string }[];
    };
    expect(limited.errors?.[0]?.type).toBe("RATE_LIMITED");
    expect((await graphql(rateLimitQuery)).status).toBe(200);

    const revoke = await controlPost("/github/oauth/revoke", { login: "HUBOT-private" });
    expect(await revoke.json()).toEqual({ ok: true, revoked: 1 });
    const user = await fetch(new URL("/user", githubUrl), {
      headers: { authorization: `token ${userToken}` },
    });
    expect(user.status).toBe(401);

    const cases: [string, unknown, number, RegExp][] = [
      ["/github/oauth/approve-as", { login: 5 }, 400, /login/],
      ["/github/oauth/approve-as", { login: "nobody-here" }, 404, /nobody-here/],
      ["/github/oauth/revoke", {}, 400, /Invalid body/],
      ["/github/oauth/rate-limit", { token: "gho_never_issued", remaining: 1 }, 404, /no such OAuth token/],
    ];
    for (const [route, body, status, message] of cases) {
      const answer = await controlPost(route, body);
      expect(answer.status, `${route} ${JSON.stringify(body)}`).toBe(status);
      expect(((await answer.json()) as { error: string }).error).toMatch(message);
    }

    await control.reset();
    const afterReset = (await (await fetch(`${controlUrl}/github/oauth/tokens`)).json()) as {
      tokens: unknown[];
    };
    expect(afterReset.tokens).toEqual([]);
    // The reset also forgot the pre-approval: the authorize page shows again.
    expect((await fetch(authorize, { redirect: "manual" })).status).toBe(200);
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(code).toBe(0);
    expect(output).toContain("serve-fakes: stopped on SIGTERM");
  });
});
