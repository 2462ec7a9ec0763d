import type { CatalogRepo, DemoCatalog } from "@/server/catalog/generate-demo-catalog";
import { createCatalogSearch } from "@/server/catalog/search-catalog";
import type { GitHubServerData, GitHubServerRepo } from "./github-server";

/**
 * The demo catalog and its GitHub-semantics matcher as the test GitHub server's data, so a search through
 * the server and through the catalog source see the very same repositories.
 */
export function createCatalogGitHubData(catalog: DemoCatalog): GitHubServerData {
  const catalogSearch = createCatalogSearch({ repos: catalog.repos, readReadme: catalog.readReadme });
  const served = new Map<CatalogRepo, GitHubServerRepo>();
  const toServerRepo = (repo: CatalogRepo): GitHubServerRepo => {
    let entry = served.get(repo);
    if (!entry) {
      const readme = repo.readme;
      entry = {
        metadata: repo.metadata,
        archived: repo.archived,
        fork: repo.fork,
        license: repo.licenseKey === null ? null : { key: repo.licenseKey, spdxId: repo.licenseSpdxId },
        readme:
          readme === null ? null : { path: readme.path, readText: () => catalog.readReadme(repo) ?? "" },
      };
      served.set(repo, entry);
    }
    return entry;
  };
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
