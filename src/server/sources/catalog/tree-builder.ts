import type { RepoContents, RepoContentsEntry } from "@/shared/repo-contents";
import type { LanguageLayout } from "./catalog-tree-layouts";
import type { Random } from "./seeded-random";

/**
 * The top level of one demo-catalog tree while it is being written (write-top-level-tree.ts,
 * write-learning-tree.ts): the entries so far, and what the writers draw on.
 */
export type TreeBuilder = {
  /** The tree's own stream, never the catalog's. */
  random: Random;
  repoName: string;
  primaryLanguage: string | null;
  /** The primary language's project layout, when the vocabulary knows it. */
  layout: LanguageLayout | undefined;
  /** 0..1, from the stars: popular projects carry more of the trimmings. */
  popularity: number;
  entries: Map<string, RepoContentsEntry["type"]>;
};

/** A vocabulary name as an entry: "{name}" and "{Name}" filled in, a trailing "/" making it a folder. */
export function toTreeEntry(name: string, repoName: string): RepoContentsEntry {
  const filled = name.replaceAll("{name}", packageName(repoName)).replaceAll("{Name}", pascalCase(repoName));
  const isFolder = filled.endsWith("/");
  return { name: isFolder ? filled.slice(0, -1) : filled, type: isFolder ? "tree" : "blob" };
}

export function add(builder: TreeBuilder, name: string, type?: RepoContentsEntry["type"]): void {
  const entry = toTreeEntry(name, builder.repoName);
  if (entry.name !== "") builder.entries.set(entry.name, type ?? entry.type);
}

export function folder(builder: TreeBuilder, name: string): void {
  add(builder, name, "tree");
}

/** One of the language's manifest sets (package.json and a lock file, a Cargo.toml…); none if unknown. */
export function addManifest(builder: TreeBuilder): void {
  if (builder.layout)
    for (const name of builder.random.pickWeighted(builder.layout.manifests)) add(builder, name);
}

/** The repository's name as a package or module name: "fast-yaml" → "fast_yaml". */
export function packageName(repoName: string): string {
  return (
    repoName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "package"
  );
}

function pascalCase(repoName: string): string {
  const words = repoName.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  const joined = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  return joined === "" ? "Project" : joined;
}

/**
 * Git orders a tree's entries by their bytes, a folder as if its name ended in "/", and GitHub lists them
 * so. The vocabulary is ASCII, where code-unit order is byte order.
 */
export function sortAsGit(entries: ReadonlyMap<string, RepoContentsEntry["type"]>): RepoContents {
  const key = ([name, type]: [string, RepoContentsEntry["type"]]) => (type === "tree" ? `${name}/` : name);
  return [...entries]
    .sort((left, right) => {
      const a = key(left);
      const b = key(right);
      return a < b ? -1 : a > b ? 1 : 0;
    })
    .map(([name, type]) => ({ name, type }));
}
