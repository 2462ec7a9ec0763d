import type { Evidence } from "@/server/filtering/non-project-evidence";
import { COLLECTION_FOLDERS } from "@/server/filtering/read-contents-evidence";
import { summarizeRepoContents } from "@/server/filtering/summarize-repo-contents";
import {
  assetFolders,
  languageFolderNames,
  sourceFolderNames,
  testFolderNames,
} from "@/server/filtering/repo-contents-names";
import { MAX_README_CHARS, ownRepoPath } from "@/server/filtering/read-readme-structure";
import type { RepoContents } from "@/shared/repo-contents";

/**
 * A README that indexes the repository's own top-level folders one by one ("[hello](hello) – the
 * basics", a table of samples, a list of weekly posts or course modules) shows a collection of parts
 * read or run on their own: samples, lessons, solutions, articles. It reads the same in every language,
 * since it is the tree and the links that match, not words. Software READMEs point at their docs/,
 * examples/, packages/ or per-language folders (`[Python](python)` of a polyglot monorepo); those names
 * are not counted. In the labelled data, 52 non-projects and no software index 4 or more other folders.
 */

const softwareFolderNames = new Set([
  ...sourceFolderNames,
  ...testFolderNames,
  ...assetFolders,
  ...languageFolderNames,
  ..."docs doc documentation examples example samples sample demo demos scripts script tools tool bench benchmark benchmarks website site www web ui api bin build dist config configs conf contrib ci deploy deployment docker data fixtures integration vendor third_party thirdparty extensions modules locales i18n translations public templates template cli sdk utils util misc hack infra charts helm proto protos schemas schema types typings testdata playground sandbox dev design rfcs community governance r matlab c_glib objc wasm android ios macos windows linux".split(
    " ",
  ),
]);

const linkTarget = /\]\([ \t]{0,2}<?([^()\s<>]{1,600})/g;
const hrefTarget = /\bhref=["']?([^"'\s<>]{1,600})/gi;

/** Fewer indexed folders than this say nothing: a README links a folder or two of any repository. */
const MIN_FOLDERS = 4;
const MANY_FOLDERS = 8;

/** The top-level folder a link points into, lower-cased, or null for another site or another repository. */
function firstSegment(rawTarget: string, repoName: string): string | null {
  const path = ownRepoPath(rawTarget, repoName);
  if (path === null) return null;
  const segment = path.split("/")[0] ?? "";
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

export function readFolderCatalogEvidence(options: {
  readme: string;
  contents: RepoContents | null | undefined;
  repoName: string;
}): Evidence[] {
  const { contents, repoName } = options;
  if (!contents) return [];
  const folders = new Set(
    contents
      .filter((entry) => entry.type === "tree" && !entry.name.startsWith("."))
      .map((entry) => entry.name.toLowerCase())
      .filter((name) => !softwareFolderNames.has(name)),
  );
  if (folders.size < MIN_FOLDERS) return [];
  const readme = options.readme.slice(0, MAX_README_CHARS);
  const indexed = new Set<string>();
  for (const pattern of [linkTarget, hrefTarget])
    for (const match of readme.matchAll(pattern)) {
      const folder = firstSegment(match[1] ?? "", repoName);
      if (folder !== null && folders.has(folder)) indexed.add(folder);
    }
  if (indexed.size < MIN_FOLDERS) return [];
  // Many folders and nothing to build them is read from the tree already (read-contents-evidence.ts);
  // an index of those folders says the same thing again, and plugin and add-on collections look alike.
  const summary = summarizeRepoContents(contents);
  if (summary.manifests.length === 0 && summary.plainFolders >= COLLECTION_FOLDERS) return [];
  return [
    {
      kind: "learning",
      source: "readme",
      weight: indexed.size >= MANY_FOLDERS ? 2.5 : 1.5,
      flavour: "general",
      text: `a README that indexes ${indexed.size} of its own folders`,
    },
  ];
}
