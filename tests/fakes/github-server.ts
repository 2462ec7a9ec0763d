import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError, execute, parse, validate, type ExecutionResult } from "graphql";
import type { RepoMetadata } from "@/server/schemas";
import { githubSchema } from "./github-graphql-schema";

/**
 * A faithful stand-in for api.github.com over real HTTP on 127.0.0.1: GraphQL at POST /graphql executed
 * with the `graphql` package against GitHub's own type names, GitHub's REST rate-limit headers on every
 * response, GitHub's error bodies, and fault injection per test. The real Octokit talks to it unchanged.
 */

export type GitHubServerRepo = {
  metadata: RepoMetadata;
  archived: boolean;
  fork: boolean;
  /** GitHub's licenseInfo: `key` is what `license:` matches, `spdxId` may be "NOASSERTION". */
  license: { key: string; spdxId: string | null } | null;
  /** The README in the default branch (its path is case-sensitive, as in git), read on demand; or null. */
  readme: { path: string; readText: () => string } | null;
};

/** What the server serves: the demo catalog and its GitHub-semantics matcher, or anything shaped alike. */
export type GitHubServerData = {
  /** Every match of a GitHub search string, in GitHub's order (best match unless the query sorts). */
  search: (query: string) => { matches: readonly GitHubServerRepo[]; totalCount: number };
  findRepository: (owner: string, name: string) => GitHubServerRepo | undefined;
};

export type GitHubFault = (
  | { kind: "bad-credentials" }
  /** Primary rate limit over REST headers: 403, x-ratelimit-remaining: 0, reset this far ahead. */
  | { kind: "rate-limit"; resetInSeconds: number }
  /** Secondary rate limit: 429 with retry-after. */
  | { kind: "secondary-rate-limit"; retryAfterSeconds: number }
  /** GraphQL's own form: HTTP 200 with errors[].type "RATE_LIMITED". */
  | { kind: "graphql-rate-limited"; resetInSeconds: number }
  | { kind: "status"; status: 500 | 502 | 503 | 504 }
  | { kind: "malformed-json" }
  /** Drop the connection without answering. */
  | { kind: "network-error" }
  /** Never answer: hold the connection open until the client gives up. */
  | { kind: "hang" }
  /** Hold the answer this long (combines with the other faults). */
  | { kind: "latency"; ms: number }
  /** Answer normally, but flag the API as deprecated (Deprecation, Sunset and Link headers), as GitHub does. */
  | { kind: "deprecation"; link: string }
) & {
  /** How many requests it applies to (default 1; Infinity for all). */
  times?: number;
  /** Let this many GraphQL requests through untouched first (default 0). */
  after?: number;
};

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed GraphQL payload, when the body was one. */
  graphql: { query: string; variables: Record<string, unknown> } | null;
  /** "client-closed": the client went away before the answer was sent (an aborted request). */
  outcome: "pending" | "answered" | "client-closed";
};

export type StartGitHubServerOptions = {
  data: GitHubServerData;
  /** The only token accepted (as `token …` or `bearer …` in Authorization). */
  token?: string;
  rateLimit?: { limit?: number; remaining?: number };
  now?: () => Date;
  /** A fixed port, for servers other processes must find (the e2e app); default: a free one the OS picks. */
  port?: number;
};

export type GitHubServer = {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** Requests to POST /graphql only. */
  graphqlRequests: () => RecordedRequest[];
  inject: (fault: GitHubFault) => void;
  /** Report this repositoryCount whatever matched (GitHub's counts can exceed the 1,000 it serves). */
  setRepositoryCount: (count: number | null) => void;
  setRateLimit: (rateLimit: { remaining: number; resetInSeconds?: number }) => void;
  /** Resolves once the recorded requests satisfy the predicate (checked on every change). */
  waitFor: (predicate: (requests: readonly RecordedRequest[]) => boolean) => Promise<void>;
  reset: () => void;
  close: () => Promise<void>;
};

export const DEFAULT_TEST_TOKEN = "fake_gh_testserver0000000000000000000000000";
const MAX_SEARCH_RESULTS = 1000;
const MAX_PAGE_SIZE = 100;
const SEARCH_QUERY_MAX_CHARS = 256;

type ActiveFault = GitHubFault & { remainingTimes: number; remainingSkips: number };

type Context = { state: ServerState };
type ServerState = {
  repositoryCount: number | null;
  rateLimit: { limit: number; remaining: number; resetAt: Date };
};

const encodeCursor = (offset: number) => Buffer.from(`cursor:${offset}`).toString("base64");
function decodeCursor(cursor: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match?.[1])
    throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, {
      extensions: { type: "INVALID_CURSOR_ARGUMENTS" },
    });
  return Number(match[1]);
}

function nodeId(...parts: (string | number)[]): string {
  return Buffer.from(parts.join(":")).toString("base64");
}

function paginationArgs(connection: string, args: { first?: number | null; last?: number | null }): number {
  const size = args.first ?? args.last;
  if (size === undefined || size === null) {
    throw new GraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${connection}\` connection.`,
      {
        extensions: { type: "MISSING_PAGINATION_BOUNDARIES" },
      },
    );
  }
  if (size < 0 || size > MAX_PAGE_SIZE) {
    throw new GraphQLError(
      `Requesting ${size} records on the \`${connection}\` connection exceeds the \`first\` limit of ${MAX_PAGE_SIZE} records.`,
      { extensions: { type: "EXCESSIVE_PAGINATION" } },
    );
  }
  return size;
}

function pageInfo(hasNextPage: boolean, start: number, count: number) {
  return {
    hasNextPage,
    hasPreviousPage: start > 0,
    startCursor: count > 0 ? encodeCursor(start + 1) : null,
    endCursor: count > 0 ? encodeCursor(start + count) : null,
  };
}

/** A repository as GraphQL objects: plain values plus methods for fields that take arguments. */
function toRepositoryObject(entry: GitHubServerRepo) {
  const repo = entry.metadata;
  const list =
    <T>(connection: string, items: T[]) =>
    (args: { first?: number | null; last?: number | null }) => {
      const size = paginationArgs(connection, args);
      const nodes =
        args.last !== undefined && args.last !== null && args.first == null
          ? items.slice(-size)
          : items.slice(0, size);
      return {
        nodes,
        totalCount: items.length,
        totalSize: items.length * 1000,
        pageInfo: pageInfo(items.length > size, 0, nodes.length),
      };
    };
  return {
    __typename: "Repository",
    id: nodeId("Repository", repo.githubId),
    databaseId: repo.githubId,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    owner: {
      __typename: "User",
      id: nodeId("User", repo.owner),
      login: repo.owner,
      url: `https://github.com/${repo.owner}`,
    },
    url: repo.url,
    homepageUrl: null,
    description: repo.description,
    primaryLanguage:
      repo.primaryLanguage === null
        ? null
        : { id: nodeId("Language", repo.primaryLanguage), name: repo.primaryLanguage, color: null },
    languages: list(
      "languages",
      repo.languages.map((name) => ({ id: nodeId("Language", name), name, color: null })),
    ),
    stargazerCount: repo.stars,
    forkCount: repo.forks,
    isArchived: entry.archived,
    isFork: entry.fork,
    issues: (args: { labels?: string[] | null; states?: string[] | null }) => {
      const states = args.states ?? ["OPEN", "CLOSED"];
      if (!states.includes("OPEN")) return { totalCount: 0, pageInfo: pageInfo(false, 0, 0) };
      // GitHub matches label names case-insensitively and returns issues carrying any of the labels.
      const labels = (args.labels ?? []).map((label) => label.toLowerCase());
      let totalCount = repo.openIssues;
      if (labels.length > 0) {
        const labelled =
          (labels.includes("good first issue") ? repo.goodFirstIssues : 0) +
          (labels.includes("help wanted") ? repo.helpWantedIssues : 0);
        totalCount = Math.min(labelled, repo.openIssues);
      }
      return { totalCount, pageInfo: pageInfo(false, 0, 0) };
    },
    repositoryTopics: list(
      "repositoryTopics",
      repo.topics.map((name) => ({
        id: nodeId("RepositoryTopic", repo.githubId, name),
        topic: { id: nodeId("Topic", name), name },
        url: `https://github.com/topics/${name}`,
      })),
    ),
    licenseInfo:
      entry.license === null
        ? null
        : {
            id: nodeId("License", entry.license.key),
            key: entry.license.key,
            name:
              entry.license.spdxId === "NOASSERTION" ? "Other" : (entry.license.spdxId ?? entry.license.key),
            nickname: null,
            spdxId: entry.license.spdxId,
            url: null,
          },
    pushedAt: repo.pushedAt,
    createdAt: repo.createdAt,
    updatedAt: repo.pushedAt ?? repo.createdAt,
    object: (args: { expression?: string | null }) => {
      // Only "HEAD:<path>" is served; git paths are case-sensitive, so README.md and readme.md differ.
      const match = /^HEAD:(.+)$/.exec(args.expression ?? "");
      if (!match || !entry.readme || entry.readme.path !== match[1]) return null;
      const text = entry.readme.readText();
      const oid = createHash("sha1").update(text).digest("hex");
      return {
        __typename: "Blob",
        id: nodeId("Blob", oid),
        oid,
        abbreviatedOid: oid.slice(0, 7),
        byteSize: Buffer.byteLength(text),
        isBinary: false,
        isTruncated: false,
        text,
      };
    },
  };
}

function createRootValue(data: GitHubServerData) {
  return {
    search: (
      args: {
        query: string;
        type: string;
        first?: number | null;
        after?: string | null;
        last?: number | null;
      },
      context: Context,
    ) => {
      const size = paginationArgs("search", args);
      if (args.query.length > SEARCH_QUERY_MAX_CHARS) {
        throw new GraphQLError(
          `The search query is too long: it must be at most ${SEARCH_QUERY_MAX_CHARS} characters.`,
          {
            extensions: { type: "INVALID_SEARCH_QUERY" },
          },
        );
      }
      const { matches, totalCount } =
        args.type === "REPOSITORY" ? data.search(args.query) : { matches: [], totalCount: 0 };
      const served = Math.min(matches.length, MAX_SEARCH_RESULTS);
      const start = args.after ? decodeCursor(args.after) : 0;
      const end = Math.min(start + size, served);
      const nodes = matches.slice(start, end).map(toRepositoryObject);
      return {
        codeCount: 0,
        discussionCount: 0,
        issueCount: 0,
        userCount: 0,
        wikiCount: 0,
        repositoryCount: context.state.repositoryCount ?? totalCount,
        pageInfo: pageInfo(end < served, start, nodes.length),
        nodes,
        edges: nodes.map((node, index) => ({ cursor: encodeCursor(start + index + 1), node })),
      };
    },
    repository: (args: { owner: string; name: string }) => {
      const found = data.findRepository(args.owner, args.name);
      if (!found) {
        throw new GraphQLError(
          `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`,
          {
            extensions: { type: "NOT_FOUND" },
          },
        );
      }
      return toRepositoryObject(found);
    },
    rateLimit: (_args: unknown, context: Context) => {
      const { limit, remaining, resetAt } = context.state.rateLimit;
      return {
        cost: 1,
        limit,
        nodeCount: 0,
        remaining,
        resetAt: resetAt.toISOString(),
        used: limit - remaining,
      };
    },
  };
}

/** GitHub puts an error's `type` at the top level of each entry, not under extensions. */
function formatGraphqlErrors(errors: readonly GraphQLError[]) {
  return errors.map((error) => {
    const type = error.extensions.type;
    return {
      ...(typeof type === "string" ? { type } : {}),
      ...(error.path ? { path: error.path } : {}),
      ...(error.locations ? { locations: error.locations } : {}),
      message: error.message,
    };
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}

function parseGraphqlPayload(body: string): RecordedRequest["graphql"] {
  try {
    const payload: unknown = JSON.parse(body);
    if (
      typeof payload !== "object" ||
      payload === null ||
      !("query" in payload) ||
      typeof payload.query !== "string"
    )
      return null;
    const variables =
      "variables" in payload && typeof payload.variables === "object" && payload.variables !== null
        ? payload.variables
        : {};
    return { query: payload.query, variables: Object.fromEntries(Object.entries(variables)) };
  } catch {
    return null;
  }
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

export async function startGitHubServer(options: StartGitHubServerOptions): Promise<GitHubServer> {
  const token = options.token ?? DEFAULT_TEST_TOKEN;
  const now = options.now ?? (() => new Date());
  const rootValue = createRootValue(options.data);
  const requests: RecordedRequest[] = [];
  let faults: ActiveFault[] = [];
  const waiters = new Set<() => void>();
  const initialRateLimit = () => ({
    limit: options.rateLimit?.limit ?? 5000,
    remaining: options.rateLimit?.remaining ?? 5000,
    resetAt: new Date(now().getTime() + 3600_000),
  });
  const state: ServerState = { repositoryCount: null, rateLimit: initialRateLimit() };

  const notify = () => {
    for (const waiter of waiters) waiter();
  };

  const rateLimitHeaders = (resource: string): Record<string, string> => {
    const { limit, remaining, resetAt } = state.rateLimit;
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(Math.floor(resetAt.getTime() / 1000)),
      "x-ratelimit-used": String(limit - remaining),
      "x-ratelimit-resource": resource,
      "x-github-media-type": "github.v3; format=json",
    };
  };

  function takeFaults(isGraphql: boolean): {
    latencyMs: number;
    deprecationHeaders: Record<string, string>;
    fault: ActiveFault | undefined;
  } {
    let latencyMs = 0;
    let deprecationHeaders: Record<string, string> = {};
    let fault: ActiveFault | undefined;
    for (const candidate of faults) {
      if (candidate.remainingTimes <= 0) continue;
      if (isGraphql && candidate.remainingSkips > 0) {
        candidate.remainingSkips -= 1;
        continue;
      }
      if (candidate.kind === "latency") {
        latencyMs += candidate.ms;
        candidate.remainingTimes -= 1;
      } else if (candidate.kind === "deprecation") {
        deprecationHeaders = {
          deprecation: "Sat, 01 Nov 2025 00:00:00 GMT",
          sunset: "Sun, 01 Feb 2026 00:00:00 GMT",
          link: `<${candidate.link}>; rel="deprecation"; type="text/html"`,
        };
        candidate.remainingTimes -= 1;
      } else if (!fault) {
        fault = candidate;
        candidate.remainingTimes -= 1;
      }
    }
    faults = faults.filter((candidate) => candidate.remainingTimes > 0);
    return { latencyMs, deprecationHeaders, fault };
  }

  function send(
    response: ServerResponse,
    record: RecordedRequest,
    status: number,
    headers: Record<string, string>,
    body: string,
  ) {
    if (record.outcome === "client-closed") return;
    response.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
    response.end(body);
    record.outcome = "answered";
    notify();
  }

  function answerFault(
    fault: ActiveFault,
    response: ServerResponse,
    record: RecordedRequest,
    resource: string,
  ) {
    const json = { "content-type": "application/json; charset=utf-8" };
    const resetHeader = (seconds: number) => String(Math.floor(now().getTime() / 1000) + seconds);
    switch (fault.kind) {
      case "bad-credentials": {
        send(
          response,
          record,
          401,
          { ...json, ...rateLimitHeaders(resource) },
          JSON.stringify({
            message: "Bad credentials",
            documentation_url: "https://docs.github.com/graphql",
            status: "401",
          }),
        );
        return;
      }
      case "rate-limit": {
        send(
          response,
          record,
          403,
          {
            ...json,
            ...rateLimitHeaders(resource),
            "x-ratelimit-remaining": "0",
            "x-ratelimit-used": String(state.rateLimit.limit),
            "x-ratelimit-reset": resetHeader(fault.resetInSeconds),
          },
          JSON.stringify({
            message: "API rate limit exceeded for user ID 1.",
            documentation_url:
              "https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api",
            status: "403",
          }),
        );
        return;
      }
      case "secondary-rate-limit": {
        send(
          response,
          record,
          429,
          { ...json, ...rateLimitHeaders(resource), "retry-after": String(fault.retryAfterSeconds) },
          JSON.stringify({
            message:
              "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            documentation_url:
              "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            status: "429",
          }),
        );
        return;
      }
      case "graphql-rate-limited": {
        send(
          response,
          record,
          200,
          {
            ...json,
            ...rateLimitHeaders(resource),
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": resetHeader(fault.resetInSeconds),
          },
          JSON.stringify({
            errors: [
              {
                type: "RATE_LIMITED",
                code: "graphql_rate_limit",
                message: "API rate limit exceeded for user ID 1.",
              },
            ],
          }),
        );
        return;
      }
      case "status": {
        const body =
          fault.status === 502
            ? "<html><body><h1>502 Bad Gateway</h1></body></html>"
            : JSON.stringify({ message: "Server Error" });
        const type = fault.status === 502 ? { "content-type": "text/html" } : json;
        send(response, record, fault.status, { ...type, ...rateLimitHeaders(resource) }, body);
        return;
      }
      case "malformed-json": {
        send(
          response,
          record,
          200,
          { ...json, ...rateLimitHeaders(resource) },
          '{"data": {"search": {"repositoryCount": 12, "nodes": [',
        );
        return;
      }
      case "network-error":
        record.outcome = "answered";
        response.socket?.destroy();
        notify();
        return;
      // Both modify the normal answer; takeFaults never hands them over as the fault.
      case "hang":
      case "latency":
      case "deprecation":
        return;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const body = await readBody(request);
    const isGraphql = request.method === "POST" && url.pathname === "/graphql";
    const record: RecordedRequest = {
      method: request.method ?? "GET",
      path: url.pathname + url.search,
      headers: flattenHeaders(request),
      body,
      graphql: isGraphql ? parseGraphqlPayload(body) : null,
      outcome: "pending",
    };
    requests.push(record);
    response.on("close", () => {
      if (record.outcome === "pending") {
        record.outcome = "client-closed";
        notify();
      }
    });
    notify();

    const resource = isGraphql ? "graphql" : "core";
    const { latencyMs, deprecationHeaders, fault } = takeFaults(isGraphql);
    if (latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, latencyMs);
        response.on("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (record.outcome === "client-closed") return;
    }
    if (fault) {
      answerFault(fault, response, record, resource);
      return;
    }

    const json = { "content-type": "application/json; charset=utf-8" };
    const authorization = record.headers.authorization ?? "";
    const presented = /^(?:token|bearer)\s+(.+)$/i.exec(authorization)?.[1];
    if (presented !== token) {
      send(
        response,
        record,
        401,
        { ...json, ...rateLimitHeaders(resource) },
        JSON.stringify({
          message: "Bad credentials",
          documentation_url: "https://docs.github.com/graphql",
          status: "401",
        }),
      );
      return;
    }

    if (request.method === "GET" && url.pathname === "/rate_limit") {
      const { limit, remaining, resetAt } = state.rateLimit;
      const core = { limit, remaining, reset: Math.floor(resetAt.getTime() / 1000), used: limit - remaining };
      send(
        response,
        record,
        200,
        { ...json, ...rateLimitHeaders(resource) },
        JSON.stringify({ resources: { core, graphql: core, search: core }, rate: core }),
      );
      return;
    }
    if (!isGraphql) {
      send(
        response,
        record,
        404,
        { ...json, ...rateLimitHeaders(resource) },
        JSON.stringify({
          message: "Not Found",
          documentation_url: "https://docs.github.com/rest",
          status: "404",
        }),
      );
      return;
    }

    const payload = record.graphql;
    if (!payload) {
      send(
        response,
        record,
        400,
        { ...json, ...rateLimitHeaders(resource) },
        JSON.stringify({
          message: "Problems parsing JSON",
          documentation_url: "https://docs.github.com/graphql",
        }),
      );
      return;
    }
    if (state.rateLimit.remaining <= 0) {
      answerFault(
        {
          kind: "graphql-rate-limited",
          resetInSeconds: Math.ceil((state.rateLimit.resetAt.getTime() - now().getTime()) / 1000),
          remainingSkips: 0,
          remainingTimes: 1,
        },
        response,
        record,
        resource,
      );
      return;
    }
    state.rateLimit.remaining -= 1;

    let result: ExecutionResult;
    try {
      const document = parse(payload.query);
      const validationErrors = validate(githubSchema, document);
      result =
        validationErrors.length > 0
          ? { errors: validationErrors }
          : await execute({
              schema: githubSchema,
              document,
              rootValue,
              contextValue: { state } satisfies Context,
              variableValues: payload.variables,
            });
    } catch (error) {
      result = { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    const answer = {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors ? { errors: formatGraphqlErrors(result.errors) } : {}),
    };
    send(
      response,
      record,
      200,
      { ...json, ...rateLimitHeaders(resource), ...deprecationHeaders },
      JSON.stringify(answer),
    );
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ message: `Test server failure: ${String(error)}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    graphqlRequests: () =>
      requests.filter((request) => request.method === "POST" && request.path === "/graphql"),
    inject: (fault) => {
      faults.push({ ...fault, remainingTimes: fault.times ?? 1, remainingSkips: fault.after ?? 0 });
    },
    setRepositoryCount: (count) => {
      state.repositoryCount = count;
    },
    setRateLimit: ({ remaining, resetInSeconds }) => {
      state.rateLimit = {
        ...state.rateLimit,
        remaining,
        resetAt: new Date(now().getTime() + (resetInSeconds ?? 3600) * 1000),
      };
    },
    waitFor: (predicate) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!predicate(requests)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    reset: () => {
      requests.length = 0;
      faults = [];
      state.repositoryCount = null;
      state.rateLimit = initialRateLimit();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
