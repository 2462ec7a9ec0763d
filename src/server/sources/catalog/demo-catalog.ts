import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";
import type { ActivityOverrides, CatalogActivity } from "./catalog-activity";
import type { LanguageSize } from "./language-sizes";
import type { ReadmeSpec } from "./write-readme";
import type { CatalogTreeSpec } from "./write-top-level-tree";

/**
 * The offline demo catalog: thousands of plausible repositories generated from a seed, with no network and
 * no third-party text. The same seed and anchor date always give the same catalog.
 */

export type CatalogRepo = {
  metadata: RepoMetadata;
  archived: boolean;
  fork: boolean;
  /** GitHub's license key ("mit", "apache-2.0", "other"), which the `license:` qualifier matches. */
  licenseKey: string | null;
  /** The GitHub `licenseInfo.spdxId` as GitHub reports it, "NOASSERTION" included. */
  licenseSpdxId: string | null;
  /** Subject area, which steers the README text. */
  domain: string;
  /** README file at the root of the default branch, or null when the repository has none. */
  readme: ReadmeSpec | null;
  /**
   * Bytes per language, largest (the primary) first, as GitHub's `languages` edges report them. Always set
   * in the generated catalog; optional so hand-made test repositories need not invent sizes.
   */
  languageSizes?: LanguageSize[];
  /**
   * What its top-level tree holds (software, a course, a list of links…), written on demand. Always set in
   * the generated catalog; a hand-made test repository without one has no known tree.
   */
  tree?: CatalogTreeSpec;
  /** Hand-placed traits of its issues and maintainers (landmarks only). */
  activityOverrides?: ActivityOverrides;
};

export type DemoCatalog = {
  seed: number;
  /** The moment push and creation dates are counted back from (ISO-8601). */
  anchoredAt: string;
  repos: readonly CatalogRepo[];
  /** Case-insensitive, as GitHub resolves owner and name. */
  findRepo: (owner: string, name: string) => CatalogRepo | undefined;
  /** The README text, generated the same way on every call; null when the repository has none. */
  readReadme: (repo: CatalogRepo) => string | null;
  /** Issues, pull requests, commits and community files, generated on first use and then kept. */
  readActivity: (repo: CatalogRepo) => CatalogActivity;
  /**
   * The entries at the top of its default branch, generated the same way on every call; null when the
   * repository has no tree spec (unknown, as for an empty repository).
   */
  readTree: (repo: CatalogRepo) => RepoContents | null;
};
