import { formatCountOf } from "@/lib/words";
import { AppError } from "@/server/errors";
import { buildCandidateQuery, type CandidateQueryParts } from "@/server/sources/github/details-query";
import { GitHubRateLimitError } from "@/server/sources/github/errors";
import { pickReadmeText, readmeResponseSchema } from "@/server/sources/github/graphql-queries";
import { describeSpentRateLimit } from "@/server/sources/github/rate-limit";
import type { GraphqlContext, RequestUsage } from "@/server/sources/github/run-graphql";
import { readRepositoryDetails } from "@/server/sources/read-repository-details";
import { toRepoNameKey, toRepoNameKeys } from "@/server/sources/repo-name-keys";
import {
  DETAILS_GROUP_SIZE,
  type FetchCandidateDetailsOptions,
  type FetchCandidateDetailsOutcome,
  type RepositoryDetails,
} from "@/server/sources/repository-source";
import { truncateText } from "@/server/sources/truncate-text";
import type { RepoMetadata } from "@/shared/repos";

export type FetchGitHubDetailsContext = GraphqlContext & {
  /** SCOUT_README_MAX_CHARS. */
  readmeMaxChars: number;
};

type GroupCall = GraphqlContext & {
  signal: AbortSignal | undefined;
  usage: RequestUsage;
  onRequest: (() => void) | undefined;
};

function describeNotFetched(left: number): string {
  return `the READMEs, starter issues and health of ${formatCountOf(left, "repository", "repositories")} were not fetched.`;
}

/** Names the first few; the count says how many in all. */
function describeMissingDetails(fullNames: readonly string[]): string {
  const shown = fullNames.slice(0, 5).join(", ");
  const more = fullNames.length > 5 ? ` and ${fullNames.length - 5} more` : "";
  return `Could not load the starter issues and health of ${formatCountOf(fullNames.length, "repository", "repositories")} (${shown}${more}); they are analyzed without them.`;
}

/** A cancel, or credentials GitHub refuses, end the work; any other failure costs only its details group. */
function endsTheWork(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof AppError && error.code === "CONFIGURATION");
}

/** One aliased candidate query for a details group; each repository's part of the answer, by "owner/name". */
async function fetchDetailsGroup(
  group: readonly RepoMetadata[],
  parts: CandidateQueryParts & { skipReadmes?: ReadonlySet<string> },
  call: GroupCall,
): Promise<Map<string, unknown>> {
  const { query, variables, aliases } = buildCandidateQuery(group, { ...parts, now: call.now() });
  const raw = await call.runGraphql({
    query,
    variables,
    signal: call.signal,
    usage: call.usage,
    onRequest: call.onRequest,
    allowNotFound: true,
  });
  const parsed = readmeResponseSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError("UPSTREAM", "GitHub's answer about the candidates had an unexpected shape.");
  return new Map(
    group.map((repo, index) => {
      const alias = aliases[index];
      return [`${repo.owner}/${repo.name}`, alias === undefined ? undefined : parsed.data[alias]];
    }),
  );
}

/** READMEs, starter issues and health from GitHub, one details group per query. */
export async function fetchGitHubCandidateDetails(
  repos: readonly RepoMetadata[],
  fetchOptions: FetchCandidateDetailsOptions,
  context: FetchGitHubDetailsContext,
): Promise<FetchCandidateDetailsOutcome> {
  const { signal, onRequest } = fetchOptions;
  const { runGraphql, now } = context;
  const call: GroupCall = { runGraphql, now, signal, usage: { requests: 0 }, onRequest };
  const readmes = new Map<string, string | null>();
  const details = new Map<string, RepositoryDetails>();
  const warnings: string[] = [];
  /** Repositories analyzed without their starter issues and health (their README may be there). */
  const withoutDetails: string[] = [];
  const unique = [...new Map(repos.map((repo) => [`${repo.owner}/${repo.name}`, repo])).values()];
  // READMEs the caller knows already are not asked for; starter issues and health always are.
  const skipReadmes = toRepoNameKeys(fetchOptions.skipReadmes);
  const needsReadme = (repo: RepoMetadata) => !skipReadmes.has(toRepoNameKey(repo));

  // One query per details group carries its READMEs and details together. When it fails for any reason
  // but a rate limit, a cancel or refused credentials, the READMEs alone are asked for again (a far
  // lighter query): the group then loses its details, not its READMEs.
  for (let start = 0; start < unique.length; start += DETAILS_GROUP_SIZE) {
    const group = unique.slice(start, start + DETAILS_GROUP_SIZE);
    const readmeGroup = group.filter(needsReadme);
    let fetched: { answer: Map<string, unknown>; withDetails: boolean };
    try {
      fetched = {
        answer: await fetchDetailsGroup(group, { readme: true, details: true, skipReadmes }, call),
        withDetails: true,
      };
    } catch (error) {
      if (error instanceof GitHubRateLimitError) {
        warnings.push(describeSpentRateLimit(error, describeNotFetched(unique.length - start)));
        break;
      }
      if (endsTheWork(error, signal)) throw error;
      try {
        fetched = {
          answer:
            readmeGroup.length === 0
              ? new Map<string, unknown>()
              : await fetchDetailsGroup(readmeGroup, { readme: true, details: false }, call),
          withDetails: false,
        };
      } catch (retryError) {
        if (retryError instanceof GitHubRateLimitError) {
          warnings.push(describeSpentRateLimit(retryError, describeNotFetched(unique.length - start)));
          break;
        }
        if (endsTheWork(retryError, signal)) throw retryError;
        // The failed attempts are in the log already; the warning names who is affected.
        warnings.push(
          `Could not fetch the READMEs, starter issues and health of ${group.map((repo) => repo.fullName).join(", ")}; they are analyzed on their metadata alone.`,
        );
        for (const repo of readmeGroup) readmes.set(`${repo.owner}/${repo.name}`, null);
        continue;
      }
    }
    const at = now();
    for (const repo of group) {
      const key = `${repo.owner}/${repo.name}`;
      const repository = fetched.answer.get(key);
      if (needsReadme(repo)) {
        const text = pickReadmeText(repository);
        readmes.set(key, text === null ? null : truncateText(text, context.readmeMaxChars));
      }
      const found = fetched.withDetails ? readRepositoryDetails(repository, { now: at }) : null;
      if (found) details.set(key, found);
      else withoutDetails.push(repo.fullName);
    }
  }
  if (withoutDetails.length > 0) warnings.push(describeMissingDetails(withoutDetails));
  return { readmes, details, warnings, requests: call.usage.requests };
}
