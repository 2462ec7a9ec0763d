import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { z } from "zod";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogGitHubData } from "./catalog-github-data";
import {
  isSearchQuery,
  startGitHubServer,
  type GitHubFault,
  type GitHubServer,
  type RecordedRequest,
} from "./github-server";
import { DEFAULT_OAUTH_APP, type GitHubOAuthApp, type IssuedToken } from "./github-oauth";
import {
  startOpenAIServer,
  type InjectOptions,
  type OpenAIFault,
  type OpenAIServer,
  type RecordedChatRequest,
} from "./openai-server";

/**
 * Runs the test GitHub server and the test OpenAI server in a process of their own, for the end-to-end
 * tests: Playwright starts its webServers before globalSetup, and the app server must be told their URLs up
 * front, so they cannot live inside the test runner. Playwright workers steer them through a small JSON
 * control API (see tests/e2e/support/fakes-control.ts).
 *
 *   tsx tests/fakes/serve-fakes.ts --github-port N --openai-port N --control-port N --github-token T --openai-key K
 *
 * Everything comes from flags, never from the environment, so a developer's real GITHUB_TOKEN or
 * OPENAI_API_KEY can never leak into the fakes (or be echoed by them).
 */

// ---- Wire types of the control API (the client imports these as types only) ----

export type GitHubRequestSummary = Pick<RecordedRequest, "method" | "path" | "outcome" | "readmeObjects"> & {
  /** A GraphQL search query (discovery), rather than a candidates' README and details query. */
  search: boolean;
  /** The search string of a search query (its `q` variable); null for anything else. */
  searchQuery: string | null;
  /** GraphQL rate-limit points charged (GitHub's formula); null for REST requests. */
  cost: number | null;
  /**
   * Whose token the request carried, never the token: "operator" (the server's own), the login an OAuth token
   * was issued to, "unknown", or null for none.
   */
  credential: string | null;
};
export type GitHubRequestsReport = { count: number; graphqlCount: number; requests: GitHubRequestSummary[] };
export type OpenAIRequestSummary = Pick<RecordedChatRequest, "index" | "repoIds" | "outcome"> & {
  model: string;
};
export type OpenAIRequestsReport = {
  count: number;
  inFlight: number;
  inFlightPeak: number;
  requests: OpenAIRequestSummary[];
};
export type HealthReport = { ok: true; githubUrl: string; openaiUrl: string };
export type OAuthUsersReport = {
  app: Pick<GitHubOAuthApp, "clientId" | "callbackUrl">;
  users: { login: string; id: number; name: string | null; email: string | null }[];
};
/** Issued tokens are fakes minted by the fake, so handing them to a test leaks nothing real. */
export type OAuthTokensReport = { tokens: IssuedToken[] };

// ---- Command line ----

const portSchema = z
  .string({ error: "is required" })
  .regex(/^\d+$/, "must be a port number")
  .transform(Number)
  .pipe(z.number().max(65_535, "must be a port number"));
const secretSchema = z.string({ error: "is required" }).min(1, "must not be empty");
const flagsSchema = z.object({
  "github-port": portSchema,
  "openai-port": portSchema,
  "control-port": portSchema,
  "github-token": secretSchema,
  "openai-key": secretSchema,
  warm: z.boolean().default(false),
  "oauth-client-id": secretSchema.default(DEFAULT_OAUTH_APP.clientId),
  "oauth-client-secret": secretSchema.default(DEFAULT_OAUTH_APP.clientSecret),
  "oauth-callback-url": z.url({ error: "must be an absolute URL" }).default(DEFAULT_OAUTH_APP.callbackUrl),
});
type Flags = z.infer<typeof flagsSchema>;

function readFlags(argv: string[]): Flags {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      "github-port": { type: "string" },
      "openai-port": { type: "string" },
      "control-port": { type: "string" },
      "github-token": { type: "string" },
      "openai-key": { type: "string" },
      // Writes every repository's activity before serving (see createCatalogGitHubData).
      warm: { type: "boolean" },
      // The OAuth app registration the app under test signs in through (defaults: DEFAULT_OAUTH_APP).
      "oauth-client-id": { type: "string" },
      "oauth-client-secret": { type: "string" },
      "oauth-callback-url": { type: "string" },
    },
  });
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `--${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(
      `${problems}\nusage: tsx tests/fakes/serve-fakes.ts --github-port N --openai-port N --control-port N --github-token T --openai-key K [--warm] [--oauth-client-id ID --oauth-client-secret S --oauth-callback-url URL]`,
    );
  }
  return parsed.data;
}

// ---- Control bodies ----

const streamingSchema = z.strictObject({
  timeToFirstTokenMs: z.number().nonnegative().optional(),
  tokensPerSecond: z.number().positive().optional(),
  tokensPerChunk: z.number().int().positive().optional(),
});

/**
 * JSON has no Infinity (JSON.stringify turns it into null), so "apply to every request" travels as null
 * or "all"; a missing value keeps the fake's own default of once.
 */
const timesSchema = z
  .union([z.number().int().positive(), z.null(), z.literal("all")])
  .optional()
  .transform((times) => (times === null || times === "all" ? Number.POSITIVE_INFINITY : times));

const seconds = z.number().int().nonnegative();

// Strict objects, so a misspelt field ("code" for "status") is a 400 rather than a silently ignored fault.
const githubFaultSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("bad-credentials"),
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("rate-limit"),
      resetInSeconds: seconds,
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("secondary-rate-limit"),
      retryAfterSeconds: seconds,
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("graphql-rate-limited"),
      resetInSeconds: seconds,
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("status"),
      status: z.literal([500, 502, 503, 504]),
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("malformed-json"),
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("network-error"),
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("hang"),
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
    z.strictObject({
      kind: z.literal("latency"),
      ms: z.number().int().nonnegative().max(600_000),
      times: timesSchema,
      after: z.number().int().nonnegative().optional(),
    }),
  ])
  // Proves at compile time that what the control API accepts is exactly something the fake takes.
  .transform((fault): GitHubFault => fault);

const openAIFaultSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("delay"), ms: z.number().int().nonnegative().max(600_000) }),
    z.strictObject({ kind: z.literal("rate-limit"), retryAfterSeconds: seconds }),
    z.strictObject({ kind: z.literal("server-error") }),
    z.strictObject({ kind: z.literal("invalid-json") }),
    z.strictObject({
      kind: z.literal("schema-violation"),
      target: z.enum(["envelope", "score-out-of-range", "missing-field"]),
    }),
    z.strictObject({ kind: z.literal("omit-repo"), repo: z.string().min(1).optional() }),
    z.strictObject({ kind: z.literal("extra-repo"), repo: z.string().min(1) }),
  ])
  .transform((fault): OpenAIFault => fault);

const openAIInjectSchema = z.strictObject({
  fault: openAIFaultSchema,
  times: timesSchema,
  /** Requests with an index below this (0-based arrival order since the last reset) pass untouched. */
  afterRequests: z.number().int().nonnegative().optional(),
});

const repositoryCountSchema = z.strictObject({ count: z.number().int().nonnegative().nullable() });
const rateLimitSchema = z.strictObject({
  remaining: z.number().int().nonnegative(),
  resetInSeconds: seconds.optional(),
});
const emptySchema = z.union([z.undefined(), z.strictObject({})]);
const loginSchema = z.string().min(1).max(39);
/** null shows the authorize page again; a login makes GET /login/oauth/authorize redirect at once. */
const approveAsSchema = z.strictObject({ login: loginSchema.nullable() });
const revokeSchema = z.union([
  z.strictObject({ login: loginSchema }),
  z.strictObject({ token: z.string().min(1) }),
]);
const tokenRateLimitSchema = rateLimitSchema.extend({ token: z.string().min(1) });

// ---- Control server ----

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 64 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `Body larger than ${MAX_BODY_BYTES} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}

async function readJson<Schema extends z.ZodType>(
  request: IncomingMessage,
  schema: Schema,
): Promise<z.output<Schema>> {
  const text = await readBody(request);
  let json: unknown;
  if (text.trim() === "") {
    json = undefined;
  } else {
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(400, "The body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success && json === undefined) throw new HttpError(400, "A JSON body is required.");
  if (!parsed.success)
    throw new HttpError(400, `Invalid body: ${z.prettifyError(parsed.error).replace(/\n\s*/g, " ")}`);
  return parsed.data;
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}

type Fakes = {
  github: GitHubServer;
  openai: OpenAIServer;
  oauthApp: Pick<GitHubOAuthApp, "clientId" | "callbackUrl">;
};

function githubReport(github: GitHubServer): GitHubRequestsReport {
  // Headers and bodies are left out: they carry the token, and assertions only need the shape of traffic and
  // whose quota it spent.
  const owners = new Map(github.oauth.tokens().map((issued) => [issued.token, issued.login]));
  const credentialOf = (authorization: string | undefined) => {
    const presented = /^(?:token|bearer)\s+(.+)$/i.exec(authorization ?? "")?.[1];
    if (presented === undefined) return null;
    return presented === github.token ? "operator" : (owners.get(presented) ?? "unknown");
  };
  return {
    count: github.requests.length,
    graphqlCount: github.graphqlRequests().length,
    requests: github.requests.map(({ method, path, outcome, readmeObjects, graphql, cost, headers }) => ({
      method,
      path,
      outcome,
      readmeObjects,
      search: isSearchQuery(graphql?.query),
      searchQuery: typeof graphql?.variables.q === "string" ? graphql.variables.q : null,
      cost: cost?.cost ?? null,
      credential: credentialOf(headers.authorization),
    })),
  };
}

function openaiReport(openai: OpenAIServer): OpenAIRequestsReport {
  return {
    count: openai.requests.length,
    inFlight: openai.inFlight,
    inFlightPeak: openai.inFlightPeak,
    requests: openai.requests.map(({ index, repoIds, outcome, body }) => ({
      index,
      repoIds,
      outcome,
      model: body.model,
    })),
  };
}

type Route = (request: IncomingMessage) => unknown;

function createRoutes({ github, openai, oauthApp }: Fakes): Record<string, Record<string, Route>> {
  return {
    "/health": {
      GET: (): HealthReport => ({ ok: true, githubUrl: github.url, openaiUrl: openai.url }),
    },
    "/reset": {
      POST: async (request) => {
        await readJson(request, emptySchema);
        github.reset();
        // Also restores the default handler: the OpenAI fake's reset does that itself.
        openai.reset();
        return { ok: true };
      },
    },
    "/github/inject": {
      POST: async (request) => {
        github.inject(await readJson(request, githubFaultSchema));
        return { ok: true };
      },
    },
    "/github/repository-count": {
      POST: async (request) => {
        github.setRepositoryCount((await readJson(request, repositoryCountSchema)).count);
        return { ok: true };
      },
    },
    "/github/rate-limit": {
      POST: async (request) => {
        const { remaining, resetInSeconds } = await readJson(request, rateLimitSchema);
        github.setRateLimit(resetInSeconds === undefined ? { remaining } : { remaining, resetInSeconds });
        return { ok: true };
      },
    },
    "/github/requests": {
      GET: (): GitHubRequestsReport => githubReport(github),
    },
    "/github/oauth/users": {
      GET: (): OAuthUsersReport => ({
        app: oauthApp,
        users: github.oauth.users().map((user) => {
          const primary = user.emails.find((email) => email.primary);
          return {
            login: user.login,
            id: user.id,
            name: user.name,
            email: primary?.visibility === "public" ? primary.email : null,
          };
        }),
      }),
    },
    "/github/oauth/approve-as": {
      POST: async (request) => {
        const { login } = await readJson(request, approveAsSchema);
        try {
          github.oauth.approveAs(login);
        } catch (error) {
          throw new HttpError(404, error instanceof Error ? error.message : String(error));
        }
        return { ok: true };
      },
    },
    "/github/oauth/revoke": {
      POST: async (request) => {
        const body = await readJson(request, revokeSchema);
        const revoked =
          "login" in body
            ? github.oauth.revokeUser(body.login)
            : Number(github.oauth.revokeToken(body.token));
        return { ok: true, revoked };
      },
    },
    "/github/oauth/tokens": {
      GET: (): OAuthTokensReport => ({ tokens: github.oauth.tokens() }),
    },
    "/github/oauth/rate-limit": {
      POST: async (request) => {
        const { token, remaining, resetInSeconds } = await readJson(request, tokenRateLimitSchema);
        try {
          github.setRateLimit({
            token,
            remaining,
            ...(resetInSeconds === undefined ? {} : { resetInSeconds }),
          });
        } catch (error) {
          throw new HttpError(404, error instanceof Error ? error.message : String(error));
        }
        return { ok: true };
      },
    },
    "/openai/inject": {
      POST: async (request) => {
        const { fault, times, afterRequests } = await readJson(request, openAIInjectSchema);
        const options: InjectOptions = {};
        if (times !== undefined) options.times = times;
        if (afterRequests !== undefined) options.when = (chat) => chat.index >= afterRequests;
        openai.inject(fault, options);
        return { ok: true };
      },
    },
    "/openai/streaming": {
      POST: async (request) => {
        // Until the next reset, which restores the unpaced default.
        openai.setStreaming(await readJson(request, streamingSchema));
        return { ok: true };
      },
    },
    "/openai/requests": {
      GET: (): OpenAIRequestsReport => openaiReport(openai),
    },
  };
}

function startControlServer(fakes: Fakes, port: number): Promise<Server> {
  const routes = createRoutes(fakes);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const methods = routes[path];
    const route = methods?.[request.method ?? "GET"];
    if (!methods || !route) {
      request.resume();
      const status = methods ? 405 : 404;
      const message = methods
        ? `${request.method} is not allowed on ${path}; use ${Object.keys(methods).join(", ")}.`
        : `No control endpoint at ${path}.`;
      sendJson(response, status, { error: message });
      return;
    }
    // Any failure becomes an answer: a crashed control server would take every later e2e test down with it.
    Promise.resolve()
      .then(() => route(request))
      .then(
        (body) => {
          sendJson(response, 200, body);
        },
        (error: unknown) => {
          if (error instanceof HttpError) sendJson(response, error.status, { error: error.message });
          else
            sendJson(response, 500, {
              error: `Control endpoint failed: ${error instanceof Error ? error.message : String(error)}`,
            });
        },
      );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
}

// ---- Main ----

async function main() {
  // The fakes' own listen() has no error callback, so a taken port surfaces as an uncaught 'error'
  // event; during start-up that must end the process with a readable message, not a stack trace.
  const failStartup = (error: unknown) => {
    console.error(`serve-fakes: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  };
  process.on("uncaughtException", failStartup);

  const flags = readFlags(process.argv.slice(2));
  // Anchored to today, like the app's own catalog source, so "pushed in the last year" filters agree.
  const catalog = generateDemoCatalog({ now: new Date() });
  const oauthApp: GitHubOAuthApp = {
    clientId: flags["oauth-client-id"],
    clientSecret: flags["oauth-client-secret"],
    callbackUrl: flags["oauth-callback-url"],
  };
  const github = await startGitHubServer({
    // The app sees this server as its GitHub, so the repositories' pages live at the server's own origin.
    data: createCatalogGitHubData(catalog, {
      webOrigin: `http://127.0.0.1:${flags["github-port"]}`,
      warm: flags.warm,
    }),
    token: flags["github-token"],
    port: flags["github-port"],
    oauth: { app: oauthApp },
  });
  const openai = await startOpenAIServer({ apiKey: flags["openai-key"], port: flags["openai-port"] });
  const control = await startControlServer(
    { github, openai, oauthApp: { clientId: oauthApp.clientId, callbackUrl: oauthApp.callbackUrl } },
    flags["control-port"],
  );
  process.off("uncaughtException", failStartup);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Don't let a stuck close hold Playwright's teardown hostage.
    setTimeout(() => process.exit(1), 5_000).unref();
    void Promise.allSettled([closeServer(control), github.close(), openai.close()]).then(() => {
      console.log(`serve-fakes: stopped on ${signal}`);
      process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  const controlPort = (control.address() as AddressInfo).port;
  console.log(
    `serve-fakes ready: github=${github.url} openai=${openai.url} control=http://127.0.0.1:${controlPort}`,
  );
}

main().catch((error: unknown) => {
  console.error(`serve-fakes: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
