import { describe, expect, it } from "vitest";
import { demoCatalogLandmarks } from "@/server/sources/catalog/catalog-landmarks";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { CatalogRepo, DemoCatalog } from "@/server/sources/catalog/demo-catalog";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import type { CatalogTreeKind } from "@/server/sources/catalog/write-top-level-tree";
import { REPO_CONTENTS_CAP, repoContentsEntrySchema, type RepoContents } from "@/shared/repo-contents";

/**
 * The demo catalog's top-level trees: every repository has one that fits what it is, written the same way
 * every time, and the catalog source hands it on as the details' contents.
 */

const now = new Date("2026-11-25T12:00:00Z");
const catalog = generateDemoCatalog({ now });

function landmark(fullName: string): CatalogRepo {
  const [owner = "", name = ""] = fullName.split("/");
  const repo = catalog.findRepo(owner, name);
  if (!repo) throw new Error(`landmark ${fullName} is missing`);
  return repo;
}

function treeOf(target: DemoCatalog, repo: CatalogRepo): RepoContents {
  const tree = target.readTree(repo);
  if (!tree) throw new Error(`${repo.metadata.fullName} has no tree`);
  return tree;
}

const originals = catalog.repos.filter((repo) => !repo.fork);
const ofKind = (kind: CatalogTreeKind) => originals.filter((repo) => repo.tree?.kind === kind);
const names = (tree: RepoContents) => tree.map((entry) => entry.name);
const share = (repos: readonly CatalogRepo[], test: (tree: RepoContents) => boolean) =>
  repos.filter((repo) => test(treeOf(catalog, repo))).length / repos.length;

// Written here from each ecosystem's conventions, not from the catalog's vocabulary, so the test checks it.
const manifestOf: Record<string, RegExp> = {
  Python: /^(pyproject\.toml|setup\.py)$/,
  TypeScript: /^package\.json$/,
  JavaScript: /^package\.json$/,
  Go: /^go\.mod$/,
  Rust: /^Cargo\.toml$/,
  Java: /^(pom\.xml|build\.gradle)$/,
  Kotlin: /^(build\.gradle\.kts|pom\.xml)$/,
  "C#": /\.(csproj|sln)$/,
  Ruby: /^Gemfile$/,
  PHP: /^composer\.json$/,
  Swift: /^Package\.swift$|\.xcodeproj$/,
  Elixir: /^mix\.exs$/,
  Dart: /^pubspec\.yaml$/,
};
const anyManifest =
  /^(package\.json|pyproject\.toml|setup\.py|requirements\.txt|environment\.yml|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(\.kts)?|Gemfile|composer\.json|Package\.swift|mix\.exs|pubspec\.yaml|.*\.(csproj|sln|gemspec|cabal))$/;
const hasManifest = (tree: RepoContents) => tree.some((entry) => anyManifest.test(entry.name));
const numberedPart = /^(day|lesson|week|chapter|ch|lecture)[-_ ]?\d+|^\d{2}-/i;
const partFolders = (tree: RepoContents) =>
  tree.filter((entry) => entry.type === "tree" && numberedPart.test(entry.name));

describe("the demo catalog's top-level trees", () => {
  it("gives every repository a tree of valid, unique entries in git's order", () => {
    for (const repo of catalog.repos) {
      const tree = treeOf(catalog, repo);
      expect(tree.length).toBeGreaterThan(0);
      for (const entry of tree) expect(repoContentsEntrySchema.safeParse(entry).success).toBe(true);
      expect(new Set(names(tree)).size).toBe(tree.length);
      const keys = tree.map((entry) => (entry.type === "tree" ? `${entry.name}/` : entry.name));
      expect(keys).toEqual([...keys].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0)));
    }
  });

  it("writes the same tree on every call and for the same seed, and another for another seed", () => {
    const again = generateDemoCatalog({ now });
    const other = generateDemoCatalog({ now, seed: 7 });
    const sample = catalog.repos.slice(0, 200);
    for (const repo of sample) {
      expect(treeOf(catalog, repo)).toEqual(treeOf(catalog, repo));
      const twin = again.findRepo(repo.metadata.owner, repo.metadata.name);
      if (!twin) throw new Error("the same seed gave another catalog");
      expect(treeOf(again, twin)).toEqual(treeOf(catalog, repo));
    }
    const differing = sample.filter((repo, index) => {
      const counterpart = other.repos[index];
      return (
        counterpart && JSON.stringify(treeOf(other, counterpart)) !== JSON.stringify(treeOf(catalog, repo))
      );
    });
    expect(differing.length).toBeGreaterThan(100);
  });

  it("lists the README, the license and the community files the details report", () => {
    for (const repo of originals.slice(0, 400)) {
      const tree = names(treeOf(catalog, repo));
      if (repo.readme) expect(tree).toContain(repo.readme.path);
      expect(tree.some((name) => /^(LICENSE|COPYING)/.test(name))).toBe(repo.licenseKey !== null);
      const activity = catalog.readActivity(repo);
      expect(tree.includes("CONTRIBUTING.md")).toBe(activity.contributingGuide !== null);
      expect(tree.includes("CODE_OF_CONDUCT.md")).toBe(activity.codeOfConduct !== null);
    }
  });

  it("gives software its language's manifest, a source folder and, mostly, tests and CI", () => {
    const software = ofKind("software");
    expect(software.length).toBeGreaterThan(2500);
    for (const repo of software) {
      const manifest = manifestOf[repo.metadata.primaryLanguage ?? ""];
      if (manifest) expect(names(treeOf(catalog, repo)).some((name) => manifest.test(name))).toBe(true);
    }
    expect(
      share(software, (tree) => tree.some((entry) => entry.type === "tree" && entry.name === ".github")),
    ).toBeGreaterThan(0.5);
    expect(
      share(software, (tree) => tree.some((entry) => /^(tests?|spec|__tests__|Tests)$/.test(entry.name))),
    ).toBeGreaterThan(0.4);
    expect(share(software, (tree) => partFolders(tree).length >= 5)).toBe(0);
    // Submodules are rare but there: GitHub lists them as entries of type "commit".
    expect(software.some((repo) => treeOf(catalog, repo).some((entry) => entry.type === "commit"))).toBe(
      true,
    );
  });

  it("gives tutorials and courses numbered lessons, days, weeks or chapters, and only a few a manifest", () => {
    const learning = [...ofKind("tutorial"), ...ofKind("course")];
    expect(learning.length).toBeGreaterThan(20);
    expect(
      share(
        learning,
        (tree) =>
          partFolders(tree).length >= 5 ||
          tree.some((entry) => /\.md$/.test(entry.name) && /^\d{2}-/.test(entry.name)) ||
          names(tree).includes("book.toml"),
      ),
    ).toBe(1);
    const withManifest = share(learning, hasManifest);
    expect(withManifest).toBeGreaterThan(0);
    expect(withManifest).toBeLessThan(0.4);
    const course = treeOf(catalog, landmark(demoCatalogLandmarks.typescriptCourse));
    expect(partFolders(course).length).toBeGreaterThanOrEqual(8);
  });

  it("writes a day-by-day challenge as Day folders", () => {
    const days = originals
      .map((repo) => treeOf(catalog, repo))
      .filter((tree) => tree.filter((entry) => /^day[-_ ]?\d+$/i.test(entry.name)).length >= 21);
    expect(days.length).toBeGreaterThan(0);
  });

  it("keeps lists of links, cheatsheets and interview notes small and free of code folders", () => {
    for (const kind of ["awesome", "cheatsheet", "interview"] as const) {
      const repos = ofKind(kind);
      expect(repos.length).toBeGreaterThan(5);
      expect(share(repos, (tree) => tree.some((entry) => /^(src|lib|tests?)$/.test(entry.name)))).toBe(0);
    }
    for (const repo of ofKind("awesome")) expect(treeOf(catalog, repo).length).toBeLessThanOrEqual(8);
    const list = names(treeOf(catalog, landmark(demoCatalogLandmarks.awesomePython)));
    expect(list).toEqual(expect.arrayContaining(["README.md", "LICENSE"]));
  });

  it("gives a software project named like a list a software tree", () => {
    const tree = treeOf(catalog, landmark(demoCatalogLandmarks.awesomeApp));
    expect(names(tree)).toContain("package.json");
  });

  it("gives a fork its source's files", () => {
    // A generated fork copies its source's metadata; the hand-placed fork is written on its own.
    const landmarks = new Set<string>(Object.values(demoCatalogLandmarks));
    const pairs = catalog.repos.flatMap((fork) => {
      if (!fork.fork || landmarks.has(fork.metadata.fullName)) return [];
      const source = originals.find(
        (repo) =>
          repo.metadata.name === fork.metadata.name &&
          repo.metadata.description === fork.metadata.description &&
          repo.metadata.githubId !== fork.metadata.githubId,
      );
      return source ? [{ fork, source }] : [];
    });
    expect(pairs.length).toBeGreaterThan(10);
    const withoutCommunity = (tree: RepoContents) =>
      names(tree).filter((name) => name !== "CONTRIBUTING.md" && name !== "CODE_OF_CONDUCT.md");
    for (const { fork, source } of pairs)
      expect(withoutCommunity(treeOf(catalog, fork))).toEqual(withoutCommunity(treeOf(catalog, source)));
  });
});

describe("the catalog source's contents", () => {
  const source = createCatalogSource({ catalog, readmeMaxChars: 4000, now: () => now });

  it("returns each candidate's tree with its details, read as the live source reads GitHub's", async () => {
    const repos = [
      landmark(demoCatalogLandmarks.typescriptCourse),
      landmark(demoCatalogLandmarks.awesomePython),
      ...ofKind("software").slice(0, 3),
    ];
    const { details } = await source.fetchCandidateDetails(
      repos.map((repo) => repo.metadata),
      {},
    );
    for (const repo of repos)
      expect(details.get(repo.metadata.fullName)?.contents).toEqual(treeOf(catalog, repo));
  });

  it(`caps a top level longer than ${REPO_CONTENTS_CAP} entries, as for GitHub's answer`, async () => {
    const base = ofKind("software")[0];
    if (!base) throw new Error("no software in the catalog");
    const huge: RepoContents = Array.from({ length: REPO_CONTENTS_CAP + 65 }, (_, index) => ({
      name: `day-${String(index + 1).padStart(3, "0")}`,
      type: "tree",
    }));
    const extended: DemoCatalog = {
      ...catalog,
      readTree: (repo) => (repo === base ? huge : catalog.readTree(repo)),
    };
    const capped = createCatalogSource({ catalog: extended, readmeMaxChars: 4000, now: () => now });
    const { details } = await capped.fetchCandidateDetails([base.metadata], {});
    expect(details.get(base.metadata.fullName)?.contents).toEqual(huge.slice(0, REPO_CONTENTS_CAP));
  });
});
