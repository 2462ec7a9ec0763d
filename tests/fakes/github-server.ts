import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  GraphQLError,
  Kind,
  defaultFieldResolver,
  execute,
  getNamedType,
  isObjectType,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";
import { SearchQueryError } from "@/server/sources/catalog/parsed-search-query";
import type { RepoMetadata } from "@/shared/repos";
import {
  MAX_NODES_PER_CALL,
  MAX_PAGE_SIZE,
  estimateQueryCost,
  githubSchema,
  type QueryCost,
} from "./github-graphql-schema";
import { deriveTopLevelTree, toTreeObject, type GitHubServerTree } from "./github-server-tree";
import {
  createGitHubOAuth,
  type GitHubOAuth,
  type GitHubOAuthOptions,
  type TokenOwner,
} from "./github-oauth";

/**
 * A faithful stand-in for api.github.com over real HTTP on 127.0.0.1: GraphQL at POST /graphql validated
 * against GitHub's published schema and executed with the `graphql` package, with GitHub's paging rules,
 * its rate-limit cost formula, its REST rate-limit headers on every response, its error bodies, and fault
 * injection per test. The real Octokit talks to it unchanged.
 */

export type GitHubServerRepo = {
  metadata: RepoMetadata;
  archived: boolean;
  fork: boolean;
  /** GitHub's licenseInfo: `key` is what `license:` matches, `spdxId` may be "NOASSERTION". */
  license: { key: string; spdxId: string | null } | null;
  /** The README in the default branch (its path is case-sensitive, as in git), read on demand; or null. */
  readme: { path: string; readText: () => string } | null;
  /** Bytes per language; without it every language counts 1,000 bytes. */
  languageSizes?: readonly { name: string; size: number }[];
  /** Issues, pull requests, commits and community files, read on demand; without it there are none. */
  readActivity?: () => GitHubServerActivity;
  /**
   * The entries at the top of the default branch, which `object(expression: "HEAD:")` answers as a Tree:
   * null for an empty repository (GitHub then answers null), or a function that gives either when first
   * asked (the catalog writes its trees on demand). Without it, one is derived from the rest of the
   * fixture (deriveTopLevelTree).
   */
  tree?: GitHubServerTree | null | (() => GitHubServerTree | null);
};

export type GitHubServerActor = { login: string; bot: boolean };
export type GitHubServerIssue = {
  number: number;
  title: string;
  url: string;
  state: "OPEN" | "CLOSED";
  labels: readonly string[];
  createdAt: string;
  updatedAt: string;
  author: GitHubServerActor | null;
  authorAssociation: string;
  assignees: readonly string[];
  /** Oldest first. */
  comments: readonly { author: GitHubServerActor | null; createdAt: string }[];
  /** Pull requests that will close the issue (closing keyword or sidebar link), whatever their state. */
  closingPullRequests: readonly { number: number; state: "OPEN" | "CLOSED" | "MERGED" }[];
};
export type GitHubServerPullRequest = {
  number: number;
  title: string;
  url: string;
  state: "OPEN" | "CLOSED" | "MERGED";
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  author: GitHubServerActor | null;
  authorAssociation: string;
};
export type GitHubServerActivity = {
  issues: readonly GitHubServerIssue[];
  pullRequests: readonly GitHubServerPullRequest[];
  /** null for an empty repository; the commit count answers history(since:). */
  defaultBranch: { countCommitsSince: (since: Date | null) => number } | null;
  contributingGuide: string | null;
  codeOfConduct: { key: string; name: string } | null;
  latestRelease: { tagName: string; publishedAt: string } | null;
};

const emptyActivity: GitHubServerActivity = {
  issues: [],
  pullRequests: [],
  defaultBranch: null,
  contributingGuide: null,
  codeOfConduct: null,
  latestRelease: null,
};

/** What the server serves: the demo catalog and its GitHub-semantics matcher, or anything shaped alike. */
export type GitHubServerData = {
  /**
   * Every match of a GitHub search string, in GitHub's order (best match unless the query sorts). Throws
   * SearchQueryError for a query GitHub refuses; the server answers it as an INVALID_SEARCH_QUERY error.
   */
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
  /**
   * Only GraphQL requests that run a repository search ("searches"), or only the others ("non-searches"):
   * a fault meant for the candidates' details stays on them however many searches discovery sends, and
   * `after` counts only these requests.
   */
  only?: "searches" | "non-searches";
};

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed GraphQL payload, when the body was one. */
  graphql: { query: string; variables: Record<string, unknown> } | null;
  /** When the request reached the server (ms since the epoch). */
  receivedAt: number;
  /** "client-closed": the client went away before the answer was sent (an aborted request). */
  outcome: "pending" | "answered" | "client-closed";
  /** The rate-limit cost charged for a GraphQL call that passed validation; null otherwise. */
  cost: QueryCost | null;
  /**
   * How many `object(expression:)` fields naming a file the call resolved: the live source asks for
   * README files through them and nothing else, so 0 proves a call asked for no README.
   */
  readmeObjects: number;
  /** How many `object(expression: "HEAD:")` fields (the top-level tree) the call resolved. */
  treeObjects: number;
};

export type StartGitHubServerOptions = {
  data: GitHubServerData;
  /** The only token accepted (as `token …` or `bearer …` in Authorization). */
  token?: string;
  rateLimit?: { limit?: number; remaining?: number };
  now?: () => Date;
  /** A fixed port, for servers other processes must find (the e2e app); default: a free one the OS picks. */
  port?: number;
  /** The registered OAuth app and the users who can sign in through it (see github-oauth.ts). */
  oauth?: GitHubOAuthOptions;
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
  /** Sets the default token's bucket, or with `token` that OAuth token's own. */
  setRateLimit: (rateLimit: { remaining: number; resetInSeconds?: number; token?: string }) => void;
  /** The OAuth web flow's users and issued tokens, and the levers tests pull on them. */
  oauth: Pick<GitHubOAuth, "users" | "tokens" | "approveAs" | "revokeUser" | "revokeToken">;
  /** Resolves once the recorded requests satisfy the predicate (checked on every change). */
  waitFor: (predicate: (requests: readonly RecordedRequest[]) => boolean) => Promise<void>;
  reset: () => void;
  close: () => Promise<void>;
};

export const DEFAULT_TEST_TOKEN = "fake_gh_testserver0000000000000000000000000";
const MAX_SEARCH_RESULTS = 1000;
const SEARCH_QUERY_MAX_CHARS = 256;

type ActiveFault = GitHubFault & { remainingTimes: number; remainingSkips: number };

/** `usage` counts what one request resolved, for its RecordedRequest. */
type Context = {
  state: ServerState;
  rateLimit: RateLimitBucket;
  cost: QueryCost;
  usage: { readmeObjects: number; treeObjects: number };
};
type RateLimitBucket = { limit: number; remaining: number; resetAt: Date };
type ServerState = {
  repositoryCount: number | null;
  /** The default token's bucket. */
  rateLimit: RateLimitBucket;
  /** GitHub meters each OAuth token on its own, so every issued token gets a bucket of its own. */
  tokenBuckets: Map<string, RateLimitBucket>;
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

type PageArgs = {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
};

function paginationArgs(connection: string, args: PageArgs): number {
  const size = args.first ?? args.last;
  if (size === undefined || size === null) {
    throw new GraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${connection}\` connection.`,
      { extensions: { type: "MISSING_PAGINATION_BOUNDARIES" } },
    );
  }
  checkPageSize(connection, size);
  return size;
}

function checkPageSize(connection: string, size: number) {
  if (size < 0 || size > MAX_PAGE_SIZE) {
    throw new GraphQLError(
      `Requesting ${size} records on the \`${connection}\` connection exceeds the \`first\` limit of ${MAX_PAGE_SIZE} records.`,
      { extensions: { type: "EXCESSIVE_PAGINATION" } },
    );
  }
}

function pageInfo(hasNextPage: boolean, start: number, count: number) {
  return {
    hasNextPage,
    hasPreviousPage: start > 0,
    startCursor: count > 0 ? encodeCursor(start + 1) : null,
    endCursor: count > 0 ? encodeCursor(start + count) : null,
  };
}

/**
 * One page of a connection, GitHub-style: `first` from the start (or after a cursor), `last` from the end
 * (or before a cursor). Without either (a totalCount-only selection) every item is in the window.
 */
function paginate<T>(items: readonly T[], args: PageArgs) {
  let start = args.after ? decodeCursor(args.after) : 0;
  let end = args.before ? Math.max(start, decodeCursor(args.before) - 1) : items.length;
  end = Math.min(end, items.length);
  if (typeof args.first === "number") end = Math.min(end, start + args.first);
  else if (typeof args.last === "number") start = Math.max(start, end - args.last);
  const nodes = items.slice(start, end);
  return {
    totalCount: items.length,
    nodes,
    edges: nodes.map((node, index) => ({ cursor: encodeCursor(start + index + 1), node })),
    pageInfo: pageInfo(end < items.length, start, nodes.length),
  };
}

/** Field names selected directly on a connection, through fragments too. */
function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else collect(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  return names;
}

/**
 * Resolves like graphql's default resolver (a property, or a method called with args), and enforces
 * GitHub's paging rules on every connection: `first` or `last` whenever nodes or edges are asked for, and
 * never more than 100.
 */
const resolveField: GraphQLFieldResolver<unknown, Context> = (source, args, context, info) => {
  const returnType = getNamedType(info.returnType);
  if (isObjectType(returnType) && returnType.name.endsWith("Connection")) {
    const { first, last } = args as PageArgs;
    const size = first ?? last;
    if (typeof size === "number") checkPageSize(info.fieldName, size);
    else {
      const selected = selectedFieldNames(info);
      if (selected.has("nodes") || selected.has("edges")) paginationArgs(info.fieldName, args as PageArgs);
    }
  }
  return defaultFieldResolver(source, args, context, info);
};

type OrderArgs = { orderBy?: { field: string; direction: "ASC" | "DESC" } | null };

function sortBy<T>(
  items: readonly T[],
  orderBy: OrderArgs["orderBy"],
  keys: Record<string, (item: T) => string | number>,
  fallback: string,
): T[] {
  const field = orderBy?.field ?? fallback;
  const key = keys[field];
  if (!key) throw new GraphQLError(`The test GitHub server cannot order by ${field}.`);
  const sign = (orderBy?.direction ?? "ASC") === "DESC" ? -1 : 1;
  return [...items].sort((left, right) => {
    const a = key(left);
    const b = key(right);
    return (a < b ? -1 : a > b ? 1 : 0) * sign;
  });
}

function actorObject(actor: GitHubServerActor | null) {
  if (!actor) return null;
  return {
    __typename: actor.bot ? "Bot" : "User",
    id: nodeId(actor.bot ? "Bot" : "User", actor.login),
    login: actor.login,
    url: `https://github.com/${actor.bot ? "apps/" : ""}${actor.login}`,
    resourcePath: `/${actor.login}`,
    avatarUrl: `https://avatars.example/${actor.login}`,
  };
}

const matchesLabels = (issueLabels: readonly string[], wanted: readonly string[] | null | undefined) => {
  if (!wanted || wanted.length === 0) return true;
  // GitHub's connection filter ORs the names and compares them without regard to case.
  const lower = new Set(wanted.map((label) => label.toLowerCase()));
  return issueLabels.some((label) => lower.has(label.toLowerCase()));
};

function pullRequestObject(repo: RepoMetadata, pullRequest: { number: number; state: string }) {
  return {
    __typename: "PullRequest",
    id: nodeId("PullRequest", repo.githubId, pullRequest.number),
    number: pullRequest.number,
    state: pullRequest.state,
    closed: pullRequest.state !== "OPEN",
    merged: pullRequest.state === "MERGED",
    isDraft: false,
    url: `https://demo.invalid/${repo.owner}/${repo.name}/pull/${pullRequest.number}`,
  };
}

function issueObject(repo: RepoMetadata, issue: GitHubServerIssue) {
  return {
    __typename: "Issue",
    id: nodeId("Issue", repo.githubId, issue.number),
    number: issue.number,
    title: issue.title,
    url: issue.url,
    state: issue.state,
    closed: issue.state === "CLOSED",
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    author: actorObject(issue.author),
    authorAssociation: issue.authorAssociation,
    labels: (args: PageArgs) =>
      paginate(
        issue.labels.map((name) => ({
          __typename: "Label",
          id: nodeId("Label", repo.githubId, name),
          name,
          color: "ededed",
          description: null,
          isDefault: false,
        })),
        args,
      ),
    comments: (args: PageArgs) =>
      paginate(
        issue.comments.map((comment, index) => ({
          __typename: "IssueComment",
          id: nodeId("IssueComment", repo.githubId, issue.number, index),
          author: actorObject(comment.author),
          createdAt: comment.createdAt,
          body: "",
        })),
        args,
      ),
    assignees: (args: PageArgs) =>
      paginate(
        issue.assignees.map((login) => actorObject({ login, bot: false })),
        args,
      ),
    closedByPullRequestsReferences: (args: PageArgs & { includeClosedPrs?: boolean | null }) =>
      paginate(
        issue.closingPullRequests
          .filter((pullRequest) => args.includeClosedPrs === true || pullRequest.state === "OPEN")
          .map((pullRequest) => pullRequestObject(repo, pullRequest)),
        args,
      ),
  };
}

/** A repository as GraphQL objects: plain values plus methods for fields that take arguments. */
function toRepositoryObject(entry: GitHubServerRepo) {
  const repo = entry.metadata;
  const activity = () => entry.readActivity?.() ?? emptyActivity;
  const languageSizes = entry.languageSizes ?? repo.languages.map((name) => ({ name, size: 1000 }));
  const languageObject = (name: string) => ({
    __typename: "Language",
    id: nodeId("Language", name),
    name,
    color: null,
  });
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
    primaryLanguage: repo.primaryLanguage === null ? null : languageObject(repo.primaryLanguage),
    languages: (args: PageArgs & OrderArgs) => {
      // Largest first unless asked otherwise; totalSize counts every language, not just this page.
      const ordered = sortBy(
        languageSizes,
        args.orderBy ?? { field: "SIZE", direction: "DESC" },
        { SIZE: (language) => language.size },
        "SIZE",
      );
      const page = paginate(ordered, args);
      return {
        ...page,
        totalSize: languageSizes.reduce((sum, language) => sum + language.size, 0),
        nodes: page.nodes.map((language) => languageObject(language.name)),
        edges: page.edges.map((edge) => ({
          cursor: edge.cursor,
          size: edge.node.size,
          node: languageObject(edge.node.name),
        })),
      };
    },
    stargazerCount: repo.stars,
    forkCount: repo.forks,
    isArchived: entry.archived,
    isFork: entry.fork,
    issues: (
      args: PageArgs & OrderArgs & { labels?: string[] | null; states?: string[] | null; filterBy?: unknown },
    ) => {
      if (args.filterBy !== undefined && args.filterBy !== null)
        throw new GraphQLError("The test GitHub server does not implement issues(filterBy:).");
      const states = args.states ?? ["OPEN", "CLOSED"];
      const labels = args.labels ?? [];
      const known = activity().issues.filter(
        (issue) => states.includes(issue.state) && matchesLabels(issue.labels, labels),
      );
      const ordered = sortBy(
        known,
        args.orderBy,
        {
          CREATED_AT: (issue) => issue.createdAt,
          UPDATED_AT: (issue) => issue.updatedAt,
          COMMENTS: (issue) => issue.comments.length,
        },
        "CREATED_AT",
      );
      const page = paginate(
        ordered.map((issue) => issueObject(repo, issue)),
        args,
      );
      // Unlabelled counts come from the metadata: the served issues are the recent part of the repository's.
      const closedKnown = activity().issues.filter((issue) => issue.state === "CLOSED").length;
      const totalCount =
        labels.length > 0
          ? known.length
          : (states.includes("OPEN") ? repo.openIssues : 0) + (states.includes("CLOSED") ? closedKnown : 0);
      return { ...page, totalCount };
    },
    // GitHub answers null (with a NOT_FOUND error for the path) for a number that is no issue here.
    issue: (args: { number: number }) => {
      const found = activity().issues.find((issue) => issue.number === args.number);
      if (!found) {
        throw new GraphQLError(`Could not resolve to an Issue with the number of ${args.number}.`, {
          extensions: { type: "NOT_FOUND" },
        });
      }
      return issueObject(repo, found);
    },
    pullRequests: (args: PageArgs & OrderArgs & { states?: string[] | null; labels?: string[] | null }) => {
      const states = args.states ?? ["OPEN", "CLOSED", "MERGED"];
      const known = (args.labels?.length ? [] : activity().pullRequests).filter((pullRequest) =>
        states.includes(pullRequest.state),
      );
      const ordered = sortBy(
        known,
        args.orderBy,
        {
          CREATED_AT: (pullRequest) => pullRequest.createdAt,
          UPDATED_AT: (pullRequest) => pullRequest.updatedAt,
        },
        "CREATED_AT",
      );
      return paginate(
        ordered.map((pullRequest) => ({
          ...pullRequestObject(repo, pullRequest),
          title: pullRequest.title,
          url: pullRequest.url,
          createdAt: pullRequest.createdAt,
          updatedAt: pullRequest.updatedAt,
          mergedAt: pullRequest.mergedAt,
          author: actorObject(pullRequest.author),
          authorAssociation: pullRequest.authorAssociation,
        })),
        args,
      );
    },
    defaultBranchRef: () => {
      const branch = activity().defaultBranch;
      if (!branch) return null;
      return {
        __typename: "Ref",
        id: nodeId("Ref", repo.githubId, "main"),
        name: "main",
        prefix: "refs/heads/",
        target: {
          __typename: "Commit",
          id: nodeId("Commit", repo.githubId),
          oid: createHash("sha1").update(repo.fullName).digest("hex"),
          history: (args: PageArgs & { since?: string | null; until?: string | null }) => {
            if (args.until)
              throw new GraphQLError("The test GitHub server does not implement history(until:).");
            const since = args.since ? new Date(args.since) : null;
            if (since && Number.isNaN(since.getTime()))
              throw new GraphQLError(
                `Argument 'since' on Field 'history' has an invalid value (${args.since}).`,
              );
            return {
              totalCount: branch.countCommitsSince(since),
              nodes: [],
              edges: [],
              pageInfo: pageInfo(false, 0, 0),
            };
          },
        },
      };
    },
    contributingGuidelines: () => {
      const body = activity().contributingGuide;
      return body === null
        ? null
        : {
            body,
            resourcePath: `/${repo.fullName}/blob/main/CONTRIBUTING.md`,
            url: `https://demo.invalid/${repo.fullName}/blob/main/CONTRIBUTING.md`,
          };
    },
    codeOfConduct: () => {
      const conduct = activity().codeOfConduct;
      return conduct === null
        ? null
        : {
            __typename: "CodeOfConduct",
            id: nodeId("CodeOfConduct", conduct.key),
            key: conduct.key,
            name: conduct.name,
            body: null,
            url: null,
            resourcePath: null,
          };
    },
    latestRelease: () => {
      const release = activity().latestRelease;
      return release === null
        ? null
        : {
            __typename: "Release",
            id: nodeId("Release", repo.githubId, release.tagName),
            tagName: release.tagName,
            name: release.tagName,
            publishedAt: release.publishedAt,
            createdAt: release.publishedAt,
            isDraft: false,
            isPrerelease: false,
            isLatest: true,
          };
    },
    repositoryTopics: (args: PageArgs) =>
      paginate(
        repo.topics.map((name) => ({
          id: nodeId("RepositoryTopic", repo.githubId, name),
          topic: { id: nodeId("Topic", name), name },
          url: `https://github.com/topics/${name}`,
        })),
        args,
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
    object: (args: { expression?: string | null }, context: Context) => {
      // "HEAD:" is the root of the default branch: a Tree, or null in an empty repository.
      if (args.expression === "HEAD:") {
        context.usage.treeObjects += 1;
        const tree = typeof entry.tree === "function" ? entry.tree() : entry.tree;
        const listed = tree === undefined ? deriveTopLevelTree(entry) : tree;
        return listed === null ? null : toTreeObject(repo, listed, () => toRepositoryObject(entry));
      }
      context.usage.readmeObjects += 1;
      // Only "HEAD:<path>" is served; git paths are case-sensitive, so README.md and readme.md differ.
      // Any other path (one that does not exist, or a file whose text the fixture does not hold) is null.
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

/** A GraphQL document that runs a repository search (discovery), rather than a details or issue query. */
export function isSearchQuery(query: string | undefined): boolean {
  return query?.includes("search(") ?? false;
}

/** A query GitHub's search refuses is answered like the over-long one: a typed error, and no data. */
function searchOrRefuse(data: GitHubServerData, query: string) {
  try {
    return data.search(query);
  } catch (error) {
    if (error instanceof SearchQueryError)
      throw new GraphQLError(error.message, { extensions: { type: "INVALID_SEARCH_QUERY" } });
    throw error;
  }
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
        args.type === "REPOSITORY" ? searchOrRefuse(data, args.query) : { matches: [], totalCount: 0 };
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
      const { limit, remaining, resetAt } = context.rateLimit;
      return {
        cost: context.cost.cost,
        limit,
        nodeCount: context.cost.nodeCount,
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

function parseAndValidate(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
  }
  const errors = validate(githubSchema, document);
  return errors.length > 0 ? { errors } : { document };
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
  const state: ServerState = {
    repositoryCount: null,
    rateLimit: initialRateLimit(),
    tokenBuckets: new Map(),
  };
  let origin = "";
  const oauth = createGitHubOAuth({ ...options.oauth, now, apiOrigin: () => origin });
  const bucketOf = (presented: string) => {
    let bucket = state.tokenBuckets.get(presented);
    if (!bucket) {
      bucket = initialRateLimit();
      state.tokenBuckets.set(presented, bucket);
    }
    return bucket;
  };

  const notify = () => {
    for (const waiter of waiters) waiter();
  };

  const rateLimitHeadersOf = (resource: string, bucket = state.rateLimit): Record<string, string> => {
    const { limit, remaining, resetAt } = bucket;
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(Math.floor(resetAt.getTime() / 1000)),
      "x-ratelimit-used": String(limit - remaining),
      "x-ratelimit-resource": resource,
      "x-github-media-type": "github.v3; format=json",
    };
  };

  function takeFaults(
    isGraphql: boolean,
    isSearch: boolean,
  ): {
    latencyMs: number;
    deprecationHeaders: Record<string, string>;
    fault: ActiveFault | undefined;
  } {
    let latencyMs = 0;
    let deprecationHeaders: Record<string, string> = {};
    let fault: ActiveFault | undefined;
    for (const candidate of faults) {
      if (candidate.remainingTimes <= 0) continue;
      if (candidate.only && (!isGraphql || (candidate.only === "searches") !== isSearch)) continue;
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

  /** GitHub's answer to a missing or wrong token. */
  function sendBadCredentials(response: ServerResponse, record: RecordedRequest, resource: string) {
    send(
      response,
      record,
      401,
      { "content-type": "application/json; charset=utf-8", ...rateLimitHeadersOf(resource) },
      JSON.stringify({
        message: "Bad credentials",
        documentation_url: `https://docs.github.com/${resource === "graphql" ? "graphql" : "rest"}`,
        status: "401",
      }),
    );
  }

  function answerFault(
    fault: ActiveFault,
    response: ServerResponse,
    record: RecordedRequest,
    resource: string,
    bucket = state.rateLimit,
  ) {
    const json = { "content-type": "application/json; charset=utf-8" };
    const rateLimitHeaders = (name: string) => rateLimitHeadersOf(name, bucket);
    const resetHeader = (seconds: number) => String(Math.floor(now().getTime() / 1000) + seconds);
    switch (fault.kind) {
      case "bad-credentials": {
        sendBadCredentials(response, record, resource);
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
            "x-ratelimit-used": String(bucket.limit),
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
      receivedAt: Date.now(),
      outcome: "pending",
      cost: null,
      readmeObjects: 0,
      treeObjects: 0,
    };
    requests.push(record);
    response.on("close", () => {
      if (record.outcome === "pending") {
        record.outcome = "client-closed";
        notify();
      }
    });
    notify();

    // github.com's sign-in pages are another host in reality: no credentials, no rate limit, no API faults.
    const oauthRequest = { method: record.method, url, headers: record.headers, body };
    const web = oauth.handleWeb(oauthRequest);
    if (web) {
      send(response, record, web.status, web.headers, web.body);
      return;
    }

    const resource = isGraphql ? "graphql" : "core";
    const authorization = record.headers.authorization ?? "";
    const presented = /^(?:token|bearer)\s+(.+)$/i.exec(authorization)?.[1];
    const owner: TokenOwner | undefined =
      presented === undefined || presented === token ? undefined : oauth.ownerOf(presented);
    const live = owner !== undefined && !owner.issued.revoked;
    const bucket = live ? bucketOf(owner.issued.token) : state.rateLimit;
    const rateLimitHeaders = () => rateLimitHeadersOf(resource, bucket);
    const { latencyMs, deprecationHeaders, fault } = takeFaults(
      isGraphql,
      isSearchQuery(record.graphql?.query),
    );
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
      answerFault(fault, response, record, resource, bucket);
      return;
    }

    const json = { "content-type": "application/json; charset=utf-8" };
    // Re-read: the token may have been revoked while a latency fault held the request.
    if (presented !== token && !(live && !owner.issued.revoked)) {
      sendBadCredentials(response, record, resource);
      return;
    }
    const api = live ? oauth.handleApi(oauthRequest, owner) : undefined;
    if (api) {
      send(response, record, api.status, { ...api.headers, ...rateLimitHeaders() }, api.body);
      return;
    }

    if (request.method === "GET" && url.pathname === "/rate_limit") {
      const { limit, remaining, resetAt } = bucket;
      const core = { limit, remaining, reset: Math.floor(resetAt.getTime() / 1000), used: limit - remaining };
      send(
        response,
        record,
        200,
        { ...json, ...rateLimitHeaders() },
        JSON.stringify({ resources: { core, graphql: core, search: core }, rate: core }),
      );
      return;
    }
    if (!isGraphql) {
      send(
        response,
        record,
        404,
        { ...json, ...rateLimitHeaders() },
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
        { ...json, ...rateLimitHeaders() },
        JSON.stringify({
          message: "Problems parsing JSON",
          documentation_url: "https://docs.github.com/graphql",
        }),
      );
      return;
    }
    const answerGraphql = (result: ExecutionResult) => {
      const answer = {
        ...(result.data !== undefined ? { data: result.data } : {}),
        ...(result.errors ? { errors: formatGraphqlErrors(result.errors) } : {}),
      };
      send(
        response,
        record,
        200,
        { ...json, ...rateLimitHeaders(), ...deprecationHeaders },
        JSON.stringify(answer),
      );
    };

    // GitHub parses and validates before charging anything; an invalid document costs no points.
    const checked = checkDocument(payload.query);
    if ("errors" in checked) {
      answerGraphql({ errors: checked.errors });
      return;
    }
    const { document } = checked;
    let cost: QueryCost;
    try {
      cost = estimateQueryCost(document, payload.variables);
    } catch (error) {
      answerGraphql({ errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] });
      return;
    }
    if (cost.nodeCount > MAX_NODES_PER_CALL) {
      answerGraphql({
        errors: [
          new GraphQLError(
            `By the time this query traverses to the nodes, it requests up to ${cost.nodeCount} possible nodes which exceeds the maximum limit of ${MAX_NODES_PER_CALL}.`,
            { extensions: { type: "MAX_NODE_LIMIT_EXCEEDED" } },
          ),
        ],
      });
      return;
    }
    if (bucket.remaining < cost.cost) {
      answerFault(
        {
          kind: "graphql-rate-limited",
          resetInSeconds: Math.ceil((bucket.resetAt.getTime() - now().getTime()) / 1000),
          remainingSkips: 0,
          remainingTimes: 1,
        },
        response,
        record,
        resource,
        bucket,
      );
      return;
    }
    // The call is charged its cost up front; rateLimit { remaining } then reports what is left after it.
    bucket.remaining -= cost.cost;
    record.cost = cost;

    let result: ExecutionResult;
    try {
      result = await execute({
        schema: githubSchema,
        document,
        rootValue,
        contextValue: { state, rateLimit: bucket, cost, usage: record } satisfies Context,
        variableValues: payload.variables,
        fieldResolver: resolveField,
      });
    } catch (error) {
      result = { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    answerGraphql(result);
  }

  /**
   * A client sends the same few query texts over and over; validating one against GitHub's whole schema costs
   * more than answering it, so each text is parsed and validated once.
   */
  const checkedDocuments = new Map<
    string,
    { document: DocumentNode } | { errors: readonly GraphQLError[] }
  >();
  function checkDocument(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
    let checked = checkedDocuments.get(query);
    if (!checked) {
      checked = parseAndValidate(query);
      if (checkedDocuments.size >= 500) checkedDocuments.clear();
      checkedDocuments.set(query, checked);
    }
    return checked;
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
  origin = `http://127.0.0.1:${port}`;

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
    setRateLimit: ({ remaining, resetInSeconds, token: tokenToLimit }) => {
      const resetAt = new Date(now().getTime() + (resetInSeconds ?? 3600) * 1000);
      if (tokenToLimit === undefined || tokenToLimit === token) {
        // In place: a request held up by latency has already picked its bucket and must see the change.
        Object.assign(state.rateLimit, { remaining, resetAt });
        return;
      }
      if (!oauth.ownerOf(tokenToLimit)) throw new Error("setRateLimit: no such OAuth token was issued.");
      Object.assign(bucketOf(tokenToLimit), { remaining, resetAt });
    },
    oauth: {
      users: () => oauth.users(),
      tokens: () => oauth.tokens(),
      approveAs: (login) => {
        oauth.approveAs(login);
      },
      revokeUser: (login) => oauth.revokeUser(login),
      revokeToken: (revoked) => oauth.revokeToken(revoked),
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
      Object.assign(state.rateLimit, initialRateLimit());
      state.tokenBuckets.clear();
      oauth.reset();
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
