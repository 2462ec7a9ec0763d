import { z } from "zod";
import type { IssueState } from "@/server/sources/repository-source";

/**
 * Where an issue stands, read from GitHub's Issue object (see github/issue-states-query.ts); the catalog source
 * renders its issues in the same shape. Claimed means what it means for starter issues (toStarterIssue):
 * someone is assigned, or an open pull request will close it.
 */

export const issueStateNodeSchema = z.object({
  number: z.number().int(),
  state: z.enum(["OPEN", "CLOSED"]),
  assignees: z.object({ totalCount: z.number().int() }),
  closedByPullRequestsReferences: z
    .object({ nodes: z.array(z.object({ state: z.string() }).nullable()).nullable() })
    .nullable(),
});

/** The node's state; null when it is not an issue GitHub described in the expected shape. */
export function readIssueState(node: unknown): IssueState | null {
  const parsed = issueStateNodeSchema.safeParse(node);
  if (!parsed.success) return null;
  const issue = parsed.data;
  if (issue.state === "CLOSED") return "closed";
  const linkedOpen = (issue.closedByPullRequestsReferences?.nodes ?? []).some(
    (pullRequest) => pullRequest?.state === "OPEN",
  );
  return issue.assignees.totalCount > 0 || linkedOpen ? "claimed" : "open";
}

/** The key of an issue in a lookup's answer: "owner/name#number", the name in lower case (GitHub ignores case). */
export const issueKey = (repository: string, number: number) => `${repository.toLowerCase()}#${number}`;
