import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";
import { languageLayouts } from "./catalog-tree-layouts";
import { dotfiles, otherCiConfigs, projectFolders, submoduleNames } from "./catalog-tree-vocabulary";
import type { LearningKind } from "./name-catalog-repos";
import { createRandom, hashSeed } from "./seeded-random";
import { add, addManifest, folder, sortAsGit, type TreeBuilder } from "./tree-builder";
import {
  addAwesomeList,
  addCheatsheet,
  addCourse,
  addExamples,
  addInterview,
  addTutorial,
} from "./write-learning-tree";

/**
 * The entries at the top of a demo-catalog repository's default branch, written on demand from a seed of
 * their own (never the catalog's stream, so adding trees moved no other figure of the catalog). Software
 * gets its language's manifest, source and test folders and CI configuration; learning material gets
 * numbered lessons, days, weeks or chapters, Markdown and pictures, and only now and then a manifest, as
 * real courses sometimes carry a package.json; a list of links gets little besides its README.
 */

/** Software, or the learning material the catalog generates (name-catalog-repos.ts), by its kind. */
export type CatalogTreeKind = "software" | LearningKind;

/** A fork copies its source's spec, and so its files. */
export type CatalogTreeSpec = {
  kind: CatalogTreeKind;
  /** Seeds the tree. */
  seedId: number;
  /** The stars of the repository it was written for: popular projects carry more of the trimmings. */
  stars: number;
};

export type WriteTopLevelTreeOptions = {
  catalogSeed: number;
  repo: Pick<RepoMetadata, "name" | "primaryLanguage">;
  spec: CatalogTreeSpec;
  /** The README at the root, or null when there is none. */
  readmePath: string | null;
  /** GitHub's license key; any license means a license file. */
  licenseKey: string | null;
  /** What the repository's health says it has, so the tree and the details agree. */
  community: { contributingGuide: boolean; codeOfConduct: boolean };
};

export function writeTopLevelTree(options: WriteTopLevelTreeOptions): RepoContents {
  const builder: TreeBuilder = {
    random: createRandom(hashSeed(options.catalogSeed, "tree", options.spec.seedId)),
    repoName: options.repo.name,
    primaryLanguage: options.repo.primaryLanguage,
    layout: languageLayouts[options.repo.primaryLanguage ?? ""],
    popularity: Math.min(1, Math.log10(Math.max(1, options.spec.stars)) / 4.5),
    entries: new Map(),
  };
  addCommonFiles(builder, options);
  switch (options.spec.kind) {
    case "software":
      addSoftware(builder);
      break;
    case "awesome":
      addAwesomeList(builder);
      break;
    case "tutorial":
      addTutorial(builder);
      break;
    case "course":
      addCourse(builder);
      break;
    case "cheatsheet":
      addCheatsheet(builder);
      break;
    case "interview":
      addInterview(builder);
      break;
    case "examples":
      addExamples(builder);
      break;
  }
  return sortAsGit(builder.entries);
}

function addCommonFiles(builder: TreeBuilder, options: WriteTopLevelTreeOptions): void {
  const { random } = builder;
  const { licenseKey } = options;
  if (options.readmePath !== null) add(builder, options.readmePath);
  if (licenseKey !== null) {
    const copying =
      licenseKey.startsWith("gpl") || licenseKey.startsWith("lgpl") || licenseKey.startsWith("agpl");
    add(
      builder,
      copying && random.chance(0.4)
        ? "COPYING"
        : random.pickWeighted([
            ["LICENSE", 8],
            ["LICENSE.md", 1.5],
            ["LICENSE.txt", 1],
          ] as const),
    );
  }
  if (options.community.contributingGuide) add(builder, "CONTRIBUTING.md");
  if (options.community.codeOfConduct) add(builder, "CODE_OF_CONDUCT.md");
}

function addSoftware(builder: TreeBuilder): void {
  const { random, layout, popularity } = builder;
  addManifest(builder);
  if (layout) {
    folder(builder, random.pick(layout.sourceFolders));
    if (layout.testFolders.length > 0 && random.chance(0.82))
      folder(builder, random.pick(layout.testFolders));
    for (const extra of random.sample(layout.extras, random.int(0, 2))) add(builder, extra);
  } else {
    folder(builder, "src");
  }
  if (random.chance(0.55 + 0.4 * popularity)) folder(builder, ".github");
  else if (random.chance(0.3)) add(builder, random.pick(otherCiConfigs));
  if (random.chance(0.9)) add(builder, ".gitignore");
  for (const name of random.sample(dotfiles.slice(1), random.int(0, 2))) add(builder, name);
  if (random.chance(0.25 + 0.35 * popularity))
    add(builder, random.pick(["CHANGELOG.md", "CHANGELOG.md", "CHANGES.md", "HISTORY.md"]));
  if (random.chance(0.05 + 0.25 * popularity)) add(builder, "SECURITY.md");
  for (const name of random.sample(projectFolders, random.int(0, random.chance(popularity) ? 3 : 1)))
    folder(builder, name);
  if (random.chance(0.15)) add(builder, "Dockerfile");
  if (random.chance(0.06)) add(builder, "docker-compose.yml");
  const nativeCode = builder.primaryLanguage === "C" || builder.primaryLanguage === "C++";
  // A vendored dependency or a docs theme as a submodule: the entry is a commit of another repository.
  if (random.chance(nativeCode ? 0.12 : 0.03)) add(builder, random.pick(submoduleNames), "commit");
}

/** The tree as GitHub answers `object(expression: "HEAD:") { ... on Tree { entries { name type } } }`. */
export function toGitHubTree(contents: RepoContents | null): unknown {
  return contents === null ? null : { entries: contents.map(({ name, type }) => ({ name, type })) };
}
