import { createHash } from "node:crypto";
import { sortAsGit, toTreeEntry } from "@/server/sources/catalog/tree-builder";
import type { RepoMetadata } from "@/shared/repos";

/**
 * The top-level tree of a test-server repository, as GitHub's `object(expression: "HEAD:")` answers it: a
 * Tree whose entries are files ("blob"), folders ("tree") and submodules ("commit", with no object in
 * this repository). The server knows the names at the top only, so it answers no deeper path.
 */

export type GitHubServerTreeEntry = { name: string; type: "blob" | "tree" | "commit" };
export type GitHubServerTree = readonly GitHubServerTreeEntry[];

/** The parts of a repository fixture a tree is derived from. */
type TreeSource = {
  metadata: Pick<RepoMetadata, "name" | "primaryLanguage">;
  license: unknown;
  readme: { path: string } | null;
};

/** The extension of a source file in each language a fixture may name. */
const sourceExtensions: Readonly<Record<string, string>> = {
  Python: "py",
  TypeScript: "ts",
  JavaScript: "js",
  Go: "go",
  Rust: "rs",
  Java: "java",
  Kotlin: "kt",
  Ruby: "rb",
  PHP: "php",
  C: "c",
  "C++": "cpp",
  "C#": "cs",
  Swift: "swift",
  Shell: "sh",
  Elixir: "ex",
  Scala: "scala",
  Dart: "dart",
  Lua: "lua",
  Haskell: "hs",
};

/**
 * A top level for a fixture that does not spell one out, from what it does say and no more: its README
 * and license, and for a repository with a primary language one source file of that language. Such a
 * tree argues neither way in the non-project filter (no manifest, no chapters, but code), so a fixture
 * written before trees existed is judged on what it was written to show. Fixtures that test trees give
 * theirs.
 */
export function deriveTopLevelTree(repo: TreeSource): GitHubServerTree {
  const entries = new Map<string, GitHubServerTreeEntry["type"]>();
  const addName = (name: string) => {
    const entry = toTreeEntry(name, repo.metadata.name);
    if (entry.name !== "") entries.set(entry.name, entry.type);
  };
  // A README path with a folder ("docs/README.md") puts the folder at the top.
  if (repo.readme) {
    const [first = "", ...rest] = repo.readme.path.split("/");
    addName(rest.length > 0 ? `${first}/` : first);
  }
  if (repo.license !== null) addName("LICENSE");
  const extension = sourceExtensions[repo.metadata.primaryLanguage ?? ""];
  if (extension !== undefined) {
    addName(`main.${extension}`);
    addName(".gitignore");
  }
  return sortAsGit(entries);
}

const FILE_MODE = 0o100644;
const FOLDER_MODE = 0o040000;
const SUBMODULE_MODE = 0o160000;

const sha1 = (...parts: string[]) => createHash("sha1").update(parts.join("\u0000")).digest("hex");
const base64 = (text: string) => Buffer.from(text).toString("base64");

/** The Tree object, with the TreeEntry fields GitHub's schema has; `repository` is the owning object. */
export function toTreeObject(
  repo: Pick<RepoMetadata, "fullName" | "url">,
  tree: GitHubServerTree,
  repository: () => unknown,
) {
  const oid = sha1("tree", repo.fullName, ...tree.map((entry) => `${entry.type} ${entry.name}`));
  return {
    __typename: "Tree",
    id: Buffer.from(`Tree:${oid}`).toString("base64"),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    commitResourcePath: `/${repo.fullName}/tree/${oid}`,
    commitUrl: `${repo.url}/tree/${oid}`,
    repository,
    entries: tree.map((entry) => {
      const entryOid = sha1(entry.type, repo.fullName, entry.name);
      const dot = entry.name.lastIndexOf(".");
      return {
        name: entry.name,
        nameRaw: base64(entry.name),
        path: entry.name,
        pathRaw: base64(entry.name),
        type: entry.type,
        mode: entry.type === "tree" ? FOLDER_MODE : entry.type === "commit" ? SUBMODULE_MODE : FILE_MODE,
        oid: entryOid,
        size: 0,
        extension: entry.type === "blob" && dot > 0 ? entry.name.slice(dot) : null,
        isGenerated: false,
        lineCount: null,
        language: null,
        // The server keeps no contents below the top level; a submodule's commit lives in another repository.
        object: null,
        submodule:
          entry.type === "commit"
            ? {
                name: entry.name,
                nameRaw: base64(entry.name),
                path: entry.name,
                pathRaw: base64(entry.name),
                gitUrl: `https://github.com/example/${entry.name}.git`,
                branch: null,
                subprojectCommitOid: entryOid,
              }
            : null,
        repository,
      };
    }),
  };
}
