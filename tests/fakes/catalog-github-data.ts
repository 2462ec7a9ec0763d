import type { CatalogRepo, DemoCatalog } from "@/server/sources/catalog/demo-catalog";
import { createCatalogSearch } from "@/server/sources/catalog/search-catalog";
import { countCommitsSince } from "@/server/sources/catalog/catalog-activity";
import type { RepoContents } from "@/shared/repo-contents";
import type { GitHubServerActivity, GitHubServerData, GitHubServerRepo } from "./github-server";

/**
 * The demo catalog and its GitHub-semantics matcher as the test GitHub server's data, so a search through
 * the server and through the catalog source see the very same repositories.
 *
 * `webOrigin` moves the repositories' pages there, as a GitHub Enterprise Server reports pages on its own
 * host: the app, pointed at the server, then links to them (without it they stay on https://github.com).
 *
 * A repository's issues, pull requests, README and tree are written the first time it is asked for. `warm`
 * writes them all up front (a few seconds), for benchmarks: GitHub itself pays no such cost on a first visit.
 */
export function createCatalogGitHubData(
  catalog: DemoCatalog,
  { webOrigin, warm = false }: { webOrigin?: string; warm?: boolean } = {},
): GitHubServerData {
  const catalogSearch = createCatalogSearch({
    repos: catalog.repos,
    readReadme: (repo) => catalog.readReadme(repo),
    // GitHub's starter qualifiers count labels on the issues the server also serves, not the metadata's
    // synonym-inclusive counts.
    readIssues: (repo) => catalog.readActivity(repo).issues,
  });
  const served = new Map<CatalogRepo, GitHubServerRepo>();
  const toServerRepo = (repo: CatalogRepo): GitHubServerRepo => {
    let entry = served.get(repo);
    if (!entry) {
      const readme = repo.readme;
      let activity: GitHubServerActivity | undefined;
      let tree: RepoContents | null | undefined;
      const { owner, name } = repo.metadata;
      entry = {
        metadata: webOrigin ? { ...repo.metadata, url: `${webOrigin}/${owner}/${name}` } : repo.metadata,
        archived: repo.archived,
        fork: repo.fork,
        license: repo.licenseKey === null ? null : { key: repo.licenseKey, spdxId: repo.licenseSpdxId },
        readme:
          readme === null ? null : { path: readme.path, readText: () => catalog.readReadme(repo) ?? "" },
        ...(repo.languageSizes ? { languageSizes: repo.languageSizes } : {}),
        // The catalog's own tree, so both sources see the same one; null (no spec) answers as empty.
        tree: () => {
          if (tree === undefined) tree = catalog.readTree(repo);
          return tree;
        },
        readActivity: () => {
          activity ??= toServerActivity(repo);
          return activity;
        },
      };
      served.set(repo, entry);
    }
    return entry;
  };
  const toServerActivity = (repo: CatalogRepo): GitHubServerActivity => {
    const { commits, ...activity } = catalog.readActivity(repo);
    return {
      ...activity,
      defaultBranch:
        commits === null
          ? null
          : { countCommitsSince: (since) => countCommitsSince(commits, since ?? new Date(0)) },
    };
  };
  if (warm) {
    for (const repo of catalog.repos) {
      const entry = toServerRepo(repo);
      entry.readActivity?.();
      entry.readme?.readText();
      if (typeof entry.tree === "function") entry.tree();
    }
  }
  return {
    search: (query) => {
      const outcome = catalogSearch.search(query);
      return { matches: outcome.matches.map(toServerRepo), totalCount: outcome.totalCount };
    },
    findRepository: (owner, name) => {
      const repo = catalog.findRepo(owner, name);
      return repo ? toServerRepo(repo) : undefined;
    },
  };
}
