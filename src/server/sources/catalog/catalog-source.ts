import type { CatalogRepo, DemoCatalog } from "@/server/sources/catalog/demo-catalog";
import { SearchQueryError } from "@/server/sources/catalog/parsed-search-query";
import { createCatalogSearch } from "@/server/sources/catalog/search-catalog";
import { AppError } from "@/server/errors";
import { toGitHubIssueState, toGitHubRepositoryDetails } from "@/server/sources/catalog/activity-as-github";
import { toGitHubTree } from "@/server/sources/catalog/write-top-level-tree";
import { issueKey, readIssueState } from "@/server/sources/read-issue-states";
import { readRepositoryDetails } from "@/server/sources/read-repository-details";
import { toRepoNameKey, toRepoNameKeys } from "@/server/sources/repo-name-keys";
import {
  type LookUpIssuesOutcome,
  RESULT_CAP_WARNING,
  SEARCH_RESULT_CAP,
  type FetchCandidateDetailsOutcome,
  type RepositoryDetails,
  type RepositorySource,
  type SearchRepositoriesOutcome,
} from "@/server/sources/repository-source";
import { truncateText } from "@/server/sources/truncate-text";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The offline RepositorySource (SCOUT_GITHUB_SOURCE=catalog): searches, READMEs, starter issues, health and
 * top-level trees come from the bundled demo catalog, in-process. It builds the same search string as the live source and evaluates it with GitHub's
 * semantics, so switching sources changes where data comes from, not what a search means.
 */

export type CreateCatalogSourceOptions = {
  catalog: DemoCatalog;
  /** SCOUT_README_MAX_CHARS. */
  readmeMaxChars: number;
  now?: () => Date;
};

export function createCatalogSource({
  catalog,
  readmeMaxChars,
  now = () => new Date(),
}: CreateCatalogSourceOptions): RepositorySource {
  if (!Number.isInteger(readmeMaxChars) || readmeMaxChars < 1) {
    throw new RangeError(`readmeMaxChars must be a whole number >= 1 (got ${readmeMaxChars})`);
  }
  const catalogSearch = createCatalogSearch({
    repos: catalog.repos,
    readReadme: catalog.readReadme,
    readIssues: (repo) => catalog.readActivity(repo).issues,
  });

  return {
    kind: "catalog",
    // The demo catalog's repositories carry github.com URLs.
    webOrigin: "https://github.com",

    // The work is synchronous; inside a promise executor a throw (a cancel, a bad query) becomes a rejection.
    searchRepositories: (filters, { signal, limit, lane, pushed, after, onPage }) =>
      new Promise<SearchRepositoriesOutcome>((resolve) => {
        signal?.throwIfAborted();
        const query = buildSearchQuery({ filters, today: now(), lane, pushed });
        let outcome: ReturnType<typeof catalogSearch.search>;
        try {
          outcome = catalogSearch.search(query);
        } catch (error) {
          if (error instanceof SearchQueryError)
            throw new AppError("BAD_REQUEST", error.message, { cause: error });
          throw error;
        }
        signal?.throwIfAborted();

        // Like GitHub: a search serves its first SEARCH_RESULT_CAP matches, a cursor continues within them.
        const reachable = Math.min(outcome.matches.length, SEARCH_RESULT_CAP);
        const start = Math.min(readCatalogCursor(after), reachable);
        const end = Math.min(start + Math.max(Math.floor(limit), 0), reachable);
        const repos = outcome.matches.slice(start, end).map(copyMetadata);
        onPage?.(repos);
        resolve({
          repos,
          totalCount: outcome.totalCount,
          warnings: outcome.totalCount >= SEARCH_RESULT_CAP ? [RESULT_CAP_WARNING] : [],
          requests: 0,
          endCursor: end < reachable ? `${CATALOG_CURSOR_PREFIX}${end}` : null,
        });
      }),

    fetchCandidateDetails: (repos, { signal, skipReadmes }) =>
      new Promise<FetchCandidateDetailsOutcome>((resolve) => {
        const readmes = new Map<string, string | null>();
        const details = new Map<string, RepositoryDetails>();
        const at = now();
        // Same meaning as for the live source, so callers see one behaviour whichever source runs.
        const knownReadmes = toRepoNameKeys(skipReadmes);
        for (const repo of repos) {
          signal?.throwIfAborted();
          const key = `${repo.owner}/${repo.name}`;
          const entry = catalog.findRepo(repo.owner, repo.name);
          if (!knownReadmes.has(toRepoNameKey(repo))) {
            const text = entry ? catalog.readReadme(entry) : null;
            readmes.set(key, text === null ? null : truncateText(text, readmeMaxChars));
          }
          // The same parser as the live source's, over the same shape GitHub answers with.
          const found = entry
            ? readRepositoryDetails(
                {
                  ...toGitHubRepositoryDetails(catalog.readActivity(entry), { now: at }),
                  topLevelTree: toGitHubTree(catalog.readTree(entry)),
                },
                { now: at },
              )
            : null;
          if (found) details.set(key, found);
        }
        resolve({ readmes, details, warnings: [], requests: 0 });
      }),
    lookUpIssues: (issues, { signal }) =>
      new Promise<LookUpIssuesOutcome>((resolve) => {
        const states: LookUpIssuesOutcome["states"] = new Map();
        for (const ref of issues) {
          signal?.throwIfAborted();
          const [owner = "", name = ""] = ref.repository.split("/");
          const entry = catalog.findRepo(owner, name);
          const issue = entry
            ? catalog.readActivity(entry).issues.find((candidate) => candidate.number === ref.number)
            : undefined;
          // Read by the same reader as GitHub's answer, from the same shape.
          const state = issue ? readIssueState(toGitHubIssueState(issue)) : null;
          if (state) states.set(issueKey(ref.repository, ref.number), state);
        }
        resolve({ states, requests: 0 });
      }),
  };
}

/**
 * The repository as discovery reports it, language sizes included (the live source reads them from
 * GitHub's `languages` edges). Callers may sort or annotate what they get; the shared catalog must stay as
 * generated.
 */
function copyMetadata({ metadata, languageSizes }: CatalogRepo): RepoMetadata {
  return {
    ...metadata,
    languages: [...metadata.languages],
    topics: [...metadata.topics],
    ...(languageSizes ? { languageSizes: languageSizes.map((language) => ({ ...language })) } : {}),
  };
}

const CATALOG_CURSOR_PREFIX = "catalog:";

/** Where a catalog search continues: the offset a cursor of ours holds; the start for anything else. */
function readCatalogCursor(cursor: string | undefined): number {
  if (!cursor?.startsWith(CATALOG_CURSOR_PREFIX)) return 0;
  const offset = Number(cursor.slice(CATALOG_CURSOR_PREFIX.length));
  return Number.isSafeInteger(offset) && offset > 0 ? offset : 0;
}
