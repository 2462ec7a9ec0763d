import type { CatalogRepo, DemoCatalog } from "@/server/sources/catalog/demo-catalog";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The demo catalog plus hand-made repositories with README text of the test's own, for cases the generated
 * catalog does not hold. Both the catalog source and the test GitHub server (createCatalogGitHubData) serve
 * it as they serve the bundled catalog.
 */

export type ExtraRepo = {
  metadata: Partial<RepoMetadata> & Pick<RepoMetadata, "owner" | "name">;
  languageSizes: { name: string; size: number }[];
  readme: string | null;
  /** The top-level entries; left out, the catalog writes one for the repository's kind. */
  tree?: RepoContents | null;
};

let nextGithubId = 990_000_000;

export function extendCatalog(catalog: DemoCatalog, extras: readonly ExtraRepo[]): DemoCatalog {
  const readmes = new Map<CatalogRepo, string | null>();
  const trees = new Map<CatalogRepo, RepoContents | null>();
  const added = extras.map((extra): CatalogRepo => {
    const { owner, name } = extra.metadata;
    const languages = extra.languageSizes.map((language) => language.name);
    const repo: CatalogRepo = {
      metadata: {
        githubId: (nextGithubId += 1),
        fullName: `${owner}/${name}`,
        url: `https://github.com/${owner}/${name}`,
        description: null,
        primaryLanguage: languages[0] ?? null,
        languages,
        stars: 120,
        forks: 10,
        openIssues: 12,
        topics: [],
        license: "MIT",
        pushedAt: catalog.anchoredAt,
        createdAt: "2023-01-01T00:00:00.000Z",
        goodFirstIssues: 2,
        helpWantedIssues: 1,
        ...extra.metadata,
      },
      archived: false,
      fork: false,
      licenseKey: "mit",
      licenseSpdxId: "MIT",
      domain: "cli",
      readme: extra.readme === null ? null : { path: "README.md", style: "standard" },
      languageSizes: extra.languageSizes,
    };
    readmes.set(repo, extra.readme);
    if (extra.tree !== undefined) trees.set(repo, extra.tree);
    return repo;
  });
  const byName = new Map(added.map((repo) => [repo.metadata.fullName.toLowerCase(), repo]));
  return {
    ...catalog,
    repos: [...catalog.repos, ...added],
    findRepo: (owner, name) => byName.get(`${owner}/${name}`.toLowerCase()) ?? catalog.findRepo(owner, name),
    readReadme: (repo) => (readmes.has(repo) ? (readmes.get(repo) ?? null) : catalog.readReadme(repo)),
    readTree: (repo) => (trees.has(repo) ? (trees.get(repo) ?? null) : catalog.readTree(repo)),
  };
}
