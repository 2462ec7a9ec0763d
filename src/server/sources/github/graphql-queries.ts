import { z } from "zod";
import { BEGINNER_LABELS, HELP_WANTED_LABELS } from "@/shared/starter-labels";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The GraphQL documents the live source sends, with zod schemas for what comes back. Field names are
 * GitHub's own (docs/api.md, "GitHub, as the live source speaks it"), so the same text runs against
 * api.github.com, GitHub Enterprise and the test server.
 */

/**
 * A GraphQL list literal of label names. GraphQL string escapes are JSON's, so JSON.stringify gives a valid
 * literal; the names are our own constants, never user input.
 */
const labelList = (labels: readonly string[]) =>
  `[${labels.map((label) => JSON.stringify(label)).join(", ")}]`;

// The connection's `labels` filter ORs the names (REST and search AND them), so one count covers every
// synonym: goodFirstIssues counts open issues with any beginner label, helpWantedIssues any help-wanted one.
export const searchRepositoriesQuery = /* GraphQL */ `
  query SearchRepositories($q: String!, $first: Int!, $cursor: String) {
    rateLimit { remaining resetAt }
    search(query: $q, type: REPOSITORY, first: $first, after: $cursor) {
      repositoryCount
      pageInfo { hasNextPage endCursor }
      nodes {
        ... on Repository {
          databaseId
          owner { login }
          name
          url
          description
          primaryLanguage { name }
          languages(first: 10, orderBy: { field: SIZE, direction: DESC }) { totalSize edges { size node { name } } }
          stargazerCount
          forkCount
          issues(states: OPEN) { totalCount }
          repositoryTopics(first: 20) { nodes { topic { name } } }
          licenseInfo { spdxId key }
          pushedAt
          createdAt
          goodFirstIssues: issues(labels: ${labelList(BEGINNER_LABELS)}, states: OPEN) { totalCount }
          helpWantedIssues: issues(labels: ${labelList(HELP_WANTED_LABELS)}, states: OPEN) { totalCount }
        }
      }
    }
  }
`;

const countSchema = z.object({ totalCount: z.number().int() });

// Search nodes are a union; anything that is not a repository (or a repository GitHub hides, which comes
// back as an empty object) has no databaseId and is skipped.
const repositoryNodeSchema = z.object({
  databaseId: z.number().int(),
  owner: z.object({ login: z.string() }),
  name: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  primaryLanguage: z.object({ name: z.string() }).nullable(),
  languages: z
    .object({
      totalSize: z.number().int(),
      edges: z.array(z.object({ size: z.number().int(), node: z.object({ name: z.string() }) }).nullable()),
    })
    .nullable(),
  stargazerCount: z.number().int(),
  forkCount: z.number().int(),
  issues: countSchema,
  repositoryTopics: z.object({
    nodes: z.array(z.object({ topic: z.object({ name: z.string() }) }).nullable()),
  }),
  licenseInfo: z.object({ spdxId: z.string().nullable(), key: z.string() }).nullable(),
  pushedAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  goodFirstIssues: countSchema,
  helpWantedIssues: countSchema,
});
type RepositoryNode = z.infer<typeof repositoryNodeSchema>;

export const searchResponseSchema = z.object({
  rateLimit: z.object({ remaining: z.number().int(), resetAt: z.string() }).nullable(),
  search: z.object({
    repositoryCount: z.number().int(),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(z.unknown()),
  }),
});

/** Stands for the bytes of the languages past the first page, so shares are of the whole repository. */
export const OTHER_LANGUAGES = "(other languages)";

/**
 * Bytes per language, largest first. GitHub's totalSize counts every language while the page holds ten;
 * the rest is kept as one OTHER_LANGUAGES entry, so a repository with many small languages does not look
 * like mostly Markdown or notebooks.
 */
function readLanguageSizes(
  languages: RepositoryNode["languages"],
): NonNullable<RepoMetadata["languageSizes"]> {
  const sizes = (languages?.edges ?? []).flatMap((edge) =>
    edge ? [{ name: edge.node.name, size: Math.max(0, edge.size) }] : [],
  );
  const listed = sizes.reduce((sum, language) => sum + language.size, 0);
  const rest = (languages?.totalSize ?? 0) - listed;
  return rest > 0 ? [...sizes, { name: OTHER_LANGUAGES, size: rest }] : sizes;
}

export function toRepoMetadata(node: RepositoryNode): RepoMetadata {
  const spdxId = node.licenseInfo?.spdxId ?? null;
  const languageSizes = readLanguageSizes(node.languages);
  return {
    githubId: node.databaseId,
    owner: node.owner.login,
    name: node.name,
    fullName: `${node.owner.login}/${node.name}`,
    url: node.url,
    description: node.description,
    primaryLanguage: node.primaryLanguage?.name ?? null,
    languages: languageSizes.flatMap((language) =>
      language.name === OTHER_LANGUAGES ? [] : [language.name],
    ),
    stars: node.stargazerCount,
    forks: node.forkCount,
    openIssues: node.issues.totalCount,
    topics: node.repositoryTopics.nodes.flatMap((entry) => (entry ? [entry.topic.name] : [])),
    // "NOASSERTION" is GitHub's "a license file exists but we could not tell which": no usable license.
    license: spdxId === null || spdxId === "NOASSERTION" ? null : spdxId,
    pushedAt: node.pushedAt,
    createdAt: node.createdAt,
    goodFirstIssues: node.goodFirstIssues.totalCount,
    helpWantedIssues: node.helpWantedIssues.totalCount,
    languageSizes,
  };
}

/** Keeps the repository nodes of a search page, in GitHub's order. */
export function readRepositoryNodes(nodes: readonly unknown[]): RepoMetadata[] {
  return nodes.flatMap((node) => {
    const parsed = repositoryNodeSchema.safeParse(node);
    return parsed.success ? [toRepoMetadata(parsed.data)] : [];
  });
}

/** The file names GitHub itself recognises as a README at the root, most common first. */
export const README_FILE_NAMES = [
  "README.md",
  "readme.md",
  "Readme.md",
  "README.markdown",
  "README.rst",
  "README.txt",
  "README.adoc",
  "README",
] as const;

export type ReadmeQuery = {
  query: string;
  variables: Record<string, string>;
  /** Alias of each repository in the query, in the order of the input. */
  aliases: string[];
};

/** The README variants as fields f0..f7 of one repository; pickReadmeText reads them back. */
export const readmeSelection = README_FILE_NAMES.map(
  (file, index) => `f${index}: object(expression: "HEAD:${file}") { ... on Blob { text } }`,
).join(" ");

/**
 * One aliased query for up to DETAILS_GROUP_SIZE repositories. Owner and name go in as variables ($oN, $nN)
 * and never into the query text, so a strange repository name cannot change the query.
 */
export function buildReadmeQuery(repos: readonly { owner: string; name: string }[]): ReadmeQuery {
  const variables: Record<string, string> = {};
  const declarations: string[] = [];
  const selections: string[] = [];
  const aliases: string[] = [];
  const files = readmeSelection;
  repos.forEach((repo, index) => {
    const alias = `r${index}`;
    variables[`o${index}`] = repo.owner;
    variables[`n${index}`] = repo.name;
    declarations.push(`$o${index}: String!`, `$n${index}: String!`);
    selections.push(`  ${alias}: repository(owner: $o${index}, name: $n${index}) { ${files} }`);
    aliases.push(alias);
  });
  const query = `query Readmes(${declarations.join(", ")}) {\n  rateLimit { remaining resetAt }\n${selections.join("\n")}\n}`;
  return { query, variables, aliases };
}

const blobSchema = z.object({ text: z.string().nullable().optional() }).nullable().optional();
const readmeRepositorySchema = z.record(z.string(), z.unknown()).nullable().optional();
export const readmeResponseSchema = z.record(z.string(), z.unknown());

/**
 * The first README variant that exists as text, in README_FILE_NAMES order; null when there is none. Only
 * the f0..f7 fields are read, so the same repository object may carry other fields (the details query).
 */
export function pickReadmeText(repository: unknown): string | null {
  const parsed = readmeRepositorySchema.safeParse(repository);
  if (!parsed.success || !parsed.data) return null;
  for (let index = 0; index < README_FILE_NAMES.length; index += 1) {
    const blob = blobSchema.safeParse(parsed.data[`f${index}`]);
    const text = blob.success ? blob.data?.text : undefined;
    if (typeof text === "string") return text;
  }
  return null;
}
