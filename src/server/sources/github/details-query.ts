import type { RepositoryDetails } from "@/server/sources/repository-source";
import { DAY_MS } from "@/lib/dates";
import { z } from "zod";
import { readmeSelection } from "@/server/sources/github/graphql-queries";
import { REPOS_PER_DETAILS_QUERY } from "@/server/sources/repository-source";
import { STARTER_LABELS } from "@/shared/starter-labels";
import type { StarterIssue } from "@/shared/repos";

/**
 * The details of candidate repositories: their open starter issues and their health signals, in one
 * aliased GraphQL query per REPOS_PER_DETAILS_QUERY repositories, optionally merged with the README query so a
 * run spends one request per 20 candidates instead of two. Field names are GitHub's published schema
 * (tests/unit/github-queries-schema.test.ts validates every document built here against it).
 */

export const STARTER_ISSUES_PER_REPO = 10;
/** "The last ~20 issues" of CHAOSS time to first response. */
export const RESPONSE_SAMPLE_ISSUES = 20;
/** Comments read per sampled issue; the first outside reply is nearly always among them. */
export const RESPONSE_SAMPLE_COMMENTS = 10;
/** Merged pull requests read, most recently updated first; the count is a lower bound beyond this. */
export const MERGED_PULL_REQUEST_SAMPLE = 50;
export const HEALTH_WINDOW_DAYS = 90;

const HOUR_MS = 3_600_000;

// Linked pull requests come from closedByPullRequestsReferences: it lists the pull requests that will close
// the issue, whether linked by a closing keyword (a cross-reference with willCloseTarget) or by hand in the
// Development sidebar (a connected event), in this repository or another. includeClosedPrs: false is
// GitHub's default and drops closed and merged ones, which claim nothing; the parser checks the state
// again. A timelineItems(CONNECTED_EVENT, CROSS_REFERENCED_EVENT) walk would find the same links at a
// higher cost and with mentions that close nothing mixed in.
const detailsSelection = /* GraphQL */ `    starterIssues: issues(first: ${STARTER_ISSUES_PER_REPO}, states: OPEN, labels: $labels, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes {
        number title url createdAt updatedAt
        labels(first: 10) { nodes { name } }
        comments { totalCount }
        assignees { totalCount }
        closedByPullRequestsReferences(first: 5, includeClosedPrs: false) { nodes { state } }
      }
    }
    recentIssues: issues(first: ${RESPONSE_SAMPLE_ISSUES}, orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes {
        createdAt
        author { __typename login }
        comments(first: ${RESPONSE_SAMPLE_COMMENTS}) { nodes { createdAt author { __typename login } } }
      }
    }
    mergedPullRequests: pullRequests(first: ${MERGED_PULL_REQUEST_SAMPLE}, states: MERGED, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { mergedAt authorAssociation author { __typename login } }
    }
    defaultBranchRef { target { ... on Commit { history(since: $since) { totalCount } } } }
    contributingGuidelines { body }
    codeOfConduct { key }
    latestRelease { publishedAt }`;

export type CandidateQueryParts = {
  /** The README variants (graphql-queries.ts), read back with pickReadmeText. */
  readme: boolean;
  /** Starter issues and health, read back with readRepositoryDetails. */
  details: boolean;
};

export type CandidateQuery = {
  query: string;
  variables: Record<string, string | string[]>;
  /** Alias of each repository in the query, in the order of the input. */
  aliases: string[];
};

/** Where the 90-day window of the health signals starts. */
export function healthWindowStart(now: Date): Date {
  return new Date(now.getTime() - HEALTH_WINDOW_DAYS * DAY_MS);
}

/** A repository's "owner/name" in the one letter case: GitHub's names ignore case. */
export function toRepoNameKey(repo: { owner: string; name: string }): string {
  return `${repo.owner}/${repo.name}`.toLowerCase();
}

/** "owner/name" names in toRepoNameKey's form, for case-insensitive lookups. */
export function toRepoNameKeys(names: Iterable<string> | undefined): Set<string> {
  return new Set([...(names ?? [])].map((name) => name.toLowerCase()));
}

/**
 * One aliased query for up to REPOS_PER_DETAILS_QUERY repositories, with the README variants, the details, or
 * both. Owner and name go in as variables ($oN, $nN), as do the label set and the window start, so nothing
 * a repository is called can change the query. Repositories in `skipReadmes` ("owner/name", any letter
 * case) get no README fields: their README is known already. Every repository must still have something
 * to ask for.
 */
export function buildCandidateQuery(
  repos: readonly { owner: string; name: string }[],
  options: CandidateQueryParts & { now: Date; skipReadmes?: ReadonlySet<string> },
): CandidateQuery {
  if (!options.readme && !options.details) throw new RangeError("A candidate query needs README or details");
  if (repos.length > REPOS_PER_DETAILS_QUERY) {
    throw new RangeError(`At most ${REPOS_PER_DETAILS_QUERY} repositories per query (got ${repos.length})`);
  }
  const skipReadmes = toRepoNameKeys(options.skipReadmes);
  const wantsReadme = (repo: { owner: string; name: string }) =>
    options.readme && !skipReadmes.has(toRepoNameKey(repo));
  if (!options.details && !repos.every(wantsReadme)) {
    throw new RangeError("A README-only query cannot skip a repository's README");
  }
  const variables: Record<string, string | string[]> = {};
  const declarations: string[] = [];
  if (options.details) {
    variables.labels = [...STARTER_LABELS];
    variables.since = healthWindowStart(options.now).toISOString();
    declarations.push("$labels: [String!]", "$since: GitTimestamp");
  }
  const bodyOf = (withReadme: boolean) =>
    [withReadme ? readmeSelection : "", options.details ? detailsSelection : ""]
      .filter((part) => part !== "")
      .join("\n");
  const selections: string[] = [];
  const aliases: string[] = [];
  repos.forEach((repo, index) => {
    const body = bodyOf(wantsReadme(repo));
    const alias = `r${index}`;
    variables[`o${index}`] = repo.owner;
    variables[`n${index}`] = repo.name;
    declarations.push(`$o${index}: String!`, `$n${index}: String!`);
    selections.push(`  ${alias}: repository(owner: $o${index}, name: $n${index}) {\n${body}\n  }`);
    aliases.push(alias);
  });
  const anyReadme = repos.some(wantsReadme);
  const name = anyReadme && options.details ? "CandidateDetails" : anyReadme ? "Readmes" : "Details";
  const query = `query ${name}(${declarations.join(", ")}) {\n  rateLimit { cost remaining resetAt }\n${selections.join("\n")}\n}`;
  return { query, variables, aliases };
}

/** The details alone; see buildCandidateQuery for the merged form. */
export function buildDetailsQuery(
  repos: readonly { owner: string; name: string }[],
  options: { now: Date },
): CandidateQuery {
  return buildCandidateQuery(repos, { readme: false, details: true, now: options.now });
}

// ---- Reading the answer back ----
// Every part is parsed on its own: a malformed issue drops that issue, a malformed health field leaves that
// signal null, and one repository's answer never affects another's.

const actorSchema = z.object({ __typename: z.string(), login: z.string() }).nullable();
type Actor = z.infer<typeof actorSchema>;

const starterIssueNodeSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()).nullable() }).nullable(),
  comments: z.object({ totalCount: z.number().int() }),
  assignees: z.object({ totalCount: z.number().int() }),
  closedByPullRequestsReferences: z
    .object({ nodes: z.array(z.object({ state: z.string() }).nullable()).nullable() })
    .nullable(),
});
const nodesSchema = z.object({ nodes: z.array(z.unknown()).nullable() });

const recentIssueSchema = z.object({
  createdAt: z.string(),
  author: actorSchema,
  comments: z.object({
    nodes: z.array(z.object({ createdAt: z.string(), author: actorSchema }).nullable()).nullable(),
  }),
});
export type RecentIssue = z.infer<typeof recentIssueSchema>;

const mergedPullRequestSchema = z.object({
  mergedAt: z.string().nullable(),
  authorAssociation: z.string(),
  author: actorSchema,
});
export type MergedPullRequest = z.infer<typeof mergedPullRequestSchema>;

const commitCountSchema = z.object({
  target: z.object({ history: z.object({ totalCount: z.number().int() }).optional() }).nullable(),
});
const contributingSchema = z.object({ body: z.string().nullable() }).nullable();
const codeOfConductSchema = z.object({ key: z.string() }).nullable();
const latestReleaseSchema = z.object({ publishedAt: z.string().nullable() }).nullable();

/**
 * GitHub Apps answer as the Bot type; older bots are plain accounts whose REST login ends in "[bot]", or
 * which are named as bots ("k8s-ci-robot", "rust-highfive-bot").
 */
export function isBotActor(actor: Actor): boolean {
  if (!actor) return false;
  return (
    actor.__typename === "Bot" || /\[bot\]$/i.test(actor.login) || /(?:^|[-_])(?:ro)?bot$/i.test(actor.login)
  );
}

/** Associations of people inside the project; anyone else who gets a pull request merged is outside. */
const INSIDE_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

function readLabels(node: z.infer<typeof starterIssueNodeSchema>): string[] {
  return (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : []));
}

/** An issue is claimed when someone is assigned, or an open pull request will close it. */
export function toStarterIssue(node: z.infer<typeof starterIssueNodeSchema>): StarterIssue {
  const linkedOpen = (node.closedByPullRequestsReferences?.nodes ?? []).some(
    (pullRequest) => pullRequest?.state === "OPEN",
  );
  return {
    number: node.number,
    title: node.title,
    url: node.url,
    labels: readLabels(node),
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    comments: node.comments.totalCount,
    claimed: node.assignees.totalCount > 0 || linkedOpen,
  };
}

/**
 * Hours from an issue's opening to its first comment by someone who is neither its author nor a bot
 * (CHAOSS "Time to First Response"); null when nobody else has answered yet.
 */
export function firstResponseHours(issue: RecentIssue): number | null {
  const opened = Date.parse(issue.createdAt);
  if (Number.isNaN(opened)) return null;
  const authorLogin = issue.author?.login.toLowerCase() ?? null;
  for (const comment of issue.comments.nodes ?? []) {
    if (!comment?.author || isBotActor(comment.author)) continue;
    if (authorLogin !== null && comment.author.login.toLowerCase() === authorLogin) continue;
    const answered = Date.parse(comment.createdAt);
    if (!Number.isNaN(answered)) return Math.max(0, answered - opened) / HOUR_MS;
  }
  return null;
}

export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Median first-response time over the issues that got a response, to a tenth of an hour. */
export function medianFirstResponseHours(issues: readonly RecentIssue[]): number | null {
  const median = medianOf(
    issues.flatMap((issue) => {
      const hours = firstResponseHours(issue);
      return hours === null ? [] : [hours];
    }),
  );
  return median === null ? null : Math.round(median * 10) / 10;
}

/** Merged since the window start by someone outside the project; bots and deleted accounts do not count. */
export function countOutsideMergedPullRequests(
  pullRequests: readonly MergedPullRequest[],
  windowStart: Date,
): number {
  return pullRequests.filter((pullRequest) => {
    const merged = pullRequest.mergedAt === null ? Number.NaN : Date.parse(pullRequest.mergedAt);
    return (
      merged >= windowStart.getTime() &&
      pullRequest.author !== null &&
      !isBotActor(pullRequest.author) &&
      !INSIDE_ASSOCIATIONS.has(pullRequest.authorAssociation)
    );
  }).length;
}

function parseNodes<T>(value: unknown, schema: z.ZodType<T>): T[] | null {
  const connection = nodesSchema.safeParse(value);
  if (!connection.success) return null;
  return (connection.data.nodes ?? []).flatMap((node) => {
    const parsed = schema.safeParse(node);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The starter issues and health of one repository alias, or null when the repository did not resolve
 * (renamed, deleted, or its part of the answer failed) or carries no details at all.
 */
export function readRepositoryDetails(repository: unknown, options: { now: Date }): RepositoryDetails | null {
  if (typeof repository !== "object" || repository === null) return null;
  const fields = repository as Record<string, unknown>;
  if (!("starterIssues" in fields) && !("recentIssues" in fields)) return null;

  const starterNodes = parseNodes(fields.starterIssues, starterIssueNodeSchema) ?? [];
  const recentIssues = parseNodes(fields.recentIssues, recentIssueSchema);
  const mergedPullRequests = parseNodes(fields.mergedPullRequests, mergedPullRequestSchema);
  const commits = commitCountSchema.safeParse(fields.defaultBranchRef);
  const contributing = contributingSchema.safeParse(fields.contributingGuidelines);
  const codeOfConduct = codeOfConductSchema.safeParse(fields.codeOfConduct);
  const release = latestReleaseSchema.safeParse(fields.latestRelease);

  return {
    starterIssues: starterNodes.map(toStarterIssue),
    health: {
      // An empty repository has no default branch; a branch pointing at a tag has no history: unknown.
      commitsLast90Days: commits.success ? (commits.data.target?.history?.totalCount ?? null) : null,
      medianFirstResponseHours: recentIssues === null ? null : medianFirstResponseHours(recentIssues),
      outsideMergedPrsLast90Days:
        mergedPullRequests === null
          ? null
          : countOutsideMergedPullRequests(mergedPullRequests, healthWindowStart(options.now)),
      hasContributingGuide: contributing.success && (contributing.data?.body ?? "").trim() !== "",
      hasCodeOfConduct: codeOfConduct.success && codeOfConduct.data !== null,
      lastReleaseAt: release.success ? (release.data?.publishedAt ?? null) : null,
    },
  };
}
