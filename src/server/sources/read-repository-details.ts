import { z } from "zod";
import { healthWindowStart } from "@/server/sources/details-sampling";
import { readTopLevelTree } from "@/server/sources/read-top-level-tree";
import type { RepositoryDetails } from "@/server/sources/repository-source";
import type { StarterIssue } from "@/shared/repos";

/**
 * Reads a repository's part of a details answer (GitHub's shape, see github/details-query.ts) into its
 * starter issues, health signals and top-level contents. The catalog source renders its activity in the same shape and reads
 * it back here, so both sources agree on what claimed, responsive and outside mean.
 *
 * Every part is parsed on its own: a malformed issue drops that issue, a malformed health field leaves that
 * signal null, a malformed tree leaves the contents null, and one repository's answer never affects
 * another's.
 */

const HOUR_MS = 3_600_000;

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
 * The starter issues, health and contents of one repository alias, or null when the repository did not
 * resolve (renamed, deleted, or its part of the answer failed) or carries no details at all. `contents` is
 * there only when the answer has a `topLevelTree` field, so an answer that never asked for it says nothing.
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
    ...("topLevelTree" in fields ? { contents: readTopLevelTree(fields.topLevelTree) } : {}),
  };
}
