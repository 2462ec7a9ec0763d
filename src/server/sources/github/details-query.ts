import {
  MERGED_PULL_REQUEST_SAMPLE,
  RESPONSE_SAMPLE_COMMENTS,
  RESPONSE_SAMPLE_ISSUES,
  STARTER_ISSUES_PER_REPO,
  healthWindowStart,
} from "@/server/sources/details-sampling";
import { readmeSelection } from "@/server/sources/github/graphql-queries";
import { toRepoNameKey, toRepoNameKeys } from "@/server/sources/repo-name-keys";
import { DETAILS_GROUP_SIZE } from "@/server/sources/repository-source";
import { STARTER_LABELS } from "@/shared/starter-labels";

/**
 * The details query of candidate repositories: their open starter issues, their health signals and the
 * entries at the top of their default branch, in one aliased GraphQL query per details group
 * (DETAILS_GROUP_SIZE repositories), optionally merged with the README query so a run spends one request
 * per group instead of two. Field names are GitHub's published schema
 * (tests/unit/github-queries-schema.test.ts validates every document built here against it); the answer is
 * read back by read-repository-details.ts.
 */

// Linked pull requests come from closedByPullRequestsReferences: it lists the pull requests that will close
// the issue, whether linked by a closing keyword (a cross-reference with willCloseTarget) or by hand in the
// Development sidebar (a connected event), in this repository or another. includeClosedPrs: false is
// GitHub's default and drops closed and merged ones, which claim nothing; the parser checks the state
// again. A timelineItems(CONNECTED_EVENT, CROSS_REFERENCED_EVENT) walk would find the same links at a
// higher cost and with mentions that close nothing mixed in.
//
// topLevelTree is the root of the default branch ("HEAD:" names it; null for an empty repository). Neither
// object nor Tree.entries is a connection, so it adds nothing to the rate-limit cost, and entries come
// unpaged: GitHub lists the whole top level, which the reader caps.
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
    latestRelease { publishedAt }
    topLevelTree: object(expression: "HEAD:") { ... on Tree { entries { name type } } }`;

export type CandidateQueryParts = {
  /** The README variants (graphql-queries.ts), read back with pickReadmeText. */
  readme: boolean;
  /** Starter issues, health and the top-level tree, read back with readRepositoryDetails. */
  details: boolean;
};

export type CandidateQuery = {
  query: string;
  variables: Record<string, string | string[]>;
  /** Alias of each repository in the query, in the order of the input. */
  aliases: string[];
};

/**
 * One aliased query for a details group (up to DETAILS_GROUP_SIZE repositories), with the README variants,
 * the details, or both. Owner and name go in as variables ($oN, $nN), as do the label set and the window
 * start, so nothing a repository is called can change the query. Repositories in `skipReadmes`
 * ("owner/name", any letter case) get no README fields: their README is known already. Every repository
 * must still have something to ask for.
 */
export function buildCandidateQuery(
  repos: readonly { owner: string; name: string }[],
  options: CandidateQueryParts & { now: Date; skipReadmes?: ReadonlySet<string> },
): CandidateQuery {
  if (!options.readme && !options.details) throw new RangeError("A candidate query needs README or details");
  if (repos.length > DETAILS_GROUP_SIZE) {
    throw new RangeError(`At most ${DETAILS_GROUP_SIZE} repositories per query (got ${repos.length})`);
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
