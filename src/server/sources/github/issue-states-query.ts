import { AppError } from "@/server/errors";
import type { GraphqlContext } from "@/server/sources/github/run-graphql";
import { issueKey, readIssueState } from "@/server/sources/read-issue-states";
import type { IssueRef, LookUpIssuesOptions, LookUpIssuesOutcome } from "@/server/sources/repository-source";

/**
 * Where given issues stand now, by number: one aliased GraphQL query per ISSUES_PER_QUERY issues. Names and
 * numbers go in as variables. A repository or issue that no longer resolves answers NOT_FOUND for its alias
 * and is simply absent from the answer. Field names are GitHub's published schema (validated by
 * tests/unit/github-queries-schema.test.ts).
 */

export const ISSUES_PER_QUERY = 50;

const issueSelection = `number state assignees { totalCount } closedByPullRequestsReferences(first: 5, includeClosedPrs: false) { nodes { state } }`;

export function buildIssueStatesQuery(issues: readonly IssueRef[]): {
  query: string;
  variables: Record<string, string | number>;
  aliases: { repository: string; number: number; path: [string, string] }[];
} {
  if (issues.length > ISSUES_PER_QUERY) throw new RangeError(`At most ${ISSUES_PER_QUERY} issues per query`);
  const byRepository = new Map<string, { owner: string; name: string; numbers: number[] }>();
  for (const issue of issues) {
    const [owner = "", name = ""] = issue.repository.split("/");
    const key = issue.repository.toLowerCase();
    const entry = byRepository.get(key) ?? { owner, name, numbers: [] };
    if (!entry.numbers.includes(issue.number)) entry.numbers.push(issue.number);
    byRepository.set(key, entry);
  }
  const variables: Record<string, string | number> = {};
  const declarations: string[] = [];
  const selections: string[] = [];
  const aliases: { repository: string; number: number; path: [string, string] }[] = [];
  [...byRepository.values()].forEach((repository, repoIndex) => {
    variables[`o${repoIndex}`] = repository.owner;
    variables[`n${repoIndex}`] = repository.name;
    declarations.push(`$o${repoIndex}: String!`, `$n${repoIndex}: String!`);
    const issueSelections = repository.numbers.map((number, issueIndex) => {
      const variable = `i${repoIndex}_${issueIndex}`;
      variables[variable] = number;
      declarations.push(`$${variable}: Int!`);
      aliases.push({
        repository: `${repository.owner}/${repository.name}`,
        number,
        path: [`r${repoIndex}`, variable],
      });
      return `    ${variable}: issue(number: $${variable}) { ${issueSelection} }`;
    });
    selections.push(
      `  r${repoIndex}: repository(owner: $o${repoIndex}, name: $n${repoIndex}) {\n${issueSelections.join("\n")}\n  }`,
    );
  });
  const query = `query IssueStates(${declarations.join(", ")}) {\n  rateLimit { cost remaining resetAt }\n${selections.join("\n")}\n}`;
  return { query, variables, aliases };
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

export async function lookUpGitHubIssues(
  issues: readonly IssueRef[],
  options: LookUpIssuesOptions,
  context: GraphqlContext,
): Promise<LookUpIssuesOutcome> {
  const states: LookUpIssuesOutcome["states"] = new Map();
  const usage = { requests: 0 };
  for (let start = 0; start < issues.length; start += ISSUES_PER_QUERY) {
    const { query, variables, aliases } = buildIssueStatesQuery(
      issues.slice(start, start + ISSUES_PER_QUERY),
    );
    const data = asRecord(
      await context.runGraphql({
        query,
        variables,
        signal: options.signal,
        usage,
        onRequest: options.onRequest,
        allowNotFound: true,
      }),
    );
    if (!data) throw new AppError("UPSTREAM", "GitHub's answer about the issues had an unexpected shape.");
    for (const alias of aliases) {
      const state = readIssueState(asRecord(data[alias.path[0]])?.[alias.path[1]]);
      if (state) states.set(issueKey(alias.repository, alias.number), state);
    }
  }
  return { states, requests: usage.requests };
}
