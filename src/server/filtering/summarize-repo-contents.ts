import type { LearningFlavour } from "@/server/filtering/non-project-cues";
import {
  actionManifests,
  siteGeneratorFiles,
  sharedSubjectFolder,
  studySubjectFolder,
  notesVaultMarkers,
  findCoursePlatformMarker,
  demoFolderName,
  bookMarkerFiles,
  frontMatterFile,
  errataName,
  officeDocumentFile,
  proseFolders,
  assetFolders,
  bareLocaleFolders,
  regionLocaleFolder,
  teachingFolderWords,
  documentExtension,
  exactManifests,
  languageFolderNames,
  machinery,
  manifestExtensions,
  metaFile,
  sourceFolderNames,
  testFolderNames,
  type Machinery,
} from "@/server/filtering/repo-contents-names";
import {
  codeFile,
  configFile,
  readTeachingUnits,
  type TeachingUnits,
} from "@/server/filtering/read-teaching-units";
import type { RepoContents } from "@/shared/repo-contents";

/**
 * What a repository's top-level entries say, in plain counts and names: the manifests, source, test and
 * release machinery of software, and the numbered units and prose of learning material. The names are
 * the conventions of the ecosystems themselves, so they read the same whatever language the repository is
 * described in.
 */

export type { TeachingUnits } from "@/server/filtering/read-teaching-units";

/**
 * A folder per year, with its term if any ("2019", "_2020", "2018-spring", "2021_fall"): the editions of a
 * course, a conference's talks or a year's puzzles, kept side by side. A program's history is in its tags.
 */
const yearFolderName =
  /^_?(?:19[89]\d|20[0-4]\d)(?:[\s._-]?(?:spring|summer|fall|autumn|winter|[sh][12]|q[1-4]|0?[1-9]|1[0-2]))?$/i;

/** A Hugo theme's manifest and example site, a Jekyll theme's gem: a theme others build their sites with. */
const siteThemeMarker = /^(?:theme\.(?:toml|ya?ml)|exampleSite|[\w.-]+\.gemspec)$/i;

export type ContentsSummary = {
  /** Package manifests and build files at the top level, by name. */
  manifests: string[];
  sourceFolders: string[];
  /** Source files at the top level, as a single-file library keeps them. */
  codeFiles: number;
  testFolders: string[];
  /** CI, release and packaging files, by kind. */
  releaseMachinery: Machinery[];
  teachingUnits: TeachingUnits | null;
  /** Folders named by a year ("2019", "2018-spring"): editions side by side. */
  yearFolders: string[];
  /** Markdown, text, PDF and notebook files, not counting README, LICENSE and their kind. */
  documents: number;
  /** documents over every such content file at the top level (0 when there is none). */
  documentShare: number;
  /** Folders named after a programming language: solutions in several languages. */
  languageFolders: string[];
  /** Folders named as parts of a syllabus ("exercises", "solutions", "slides", "aulas"), with their kind. */
  teachingFolders: { names: string[]; flavour: LearningFlavour };
  /** Folders named after subjects of study ("Data Structures", "OS", "알고리즘"), when one is unmistakable. */
  subjectFolders: string[];
  /** Folders named by locale ("en", "zh-CN"): one document in several languages. */
  localeFolders: number;
  /** The configuration of a site or book generator at the top ("mkdocs.yml", ".vitepress"), or null. */
  siteGenerator: string | null;
  /** What makes a site's files a theme for others' sites ("theme.toml", "exampleSite/", a gem), or null. */
  siteTheme: string | null;
  /** LaTeX sources at the top: a document typeset from them. */
  texFiles: number;
  /** PDF or EPUB files at the top: a text shipped as a document. */
  builtBooks: number;
  /** Slides and word-processor documents at the top (.pptx, .docx, .odp…): a class's handouts. */
  officeDocuments: number;
  /** Gettext catalogues at the top: the repository translates a text. */
  translationFiles: number;
  /** A book tool's table of contents or folder at the top ("SUMMARY.md", "book.toml", ".gitbook"), or null. */
  bookMarker: string | null;
  /** A book's preface or foreword at the top, or null. */
  frontMatter: string | null;
  /** A book's errata at the top, a file or a folder, or null. */
  errata: string | null;
  /** Nothing but a README, beside licence, meta files and pictures. */
  onlyReadme: boolean;
  /**
   * No code or code folder: only documents, pictures, configuration and folders of notes or syllabus parts
   * (a manifest may be there, for a linter or a site generator).
   */
  onlyProse: boolean;
  /** Folders that are neither hidden nor pictures: a collection of projects has many and no code of its own. */
  plainFolders: number;
  /** Whether any file that is not hidden stands at the top: a README, a licence, a manifest. */
  hasFilesAtTop: boolean;
  /**
   * Folders and documents named in words of a natural language, with spaces or in another script
   * ("Design Pattern", "前沿技术", "Clases Prácticas"): chapters and topics, where code is named in
   * identifiers.
   */
  wordNamedEntries: string[];
  /**
   * The two tiers of an application at the top, as "backend/ and frontend/ folders" ("server/" and
   * "client/", "api/" and "web/"), or null: each tier keeps its own source folder and manifest inside.
   */
  applicationTiers: string | null;
  /** A Jekyll blog's `_posts/` folder: the repository publishes articles. */
  blogPosts: boolean;
  /** A note-taking app's vault at the top (".obsidian", ".foam", "logseq"), or null: someone's notes. */
  notesVault: string | null;
  /** A course platform's marker at the top (".trybe", ".learn", "course-info.yaml"), or null. */
  coursePlatform: string | null;
  /** Folders each named as a demo, example or sample ("demo-async", "spring-boot-sample-web"). */
  demoFolders: string[];
};

/** A name with a space or a letter outside ASCII, and not a hidden file. */
const namedInWords = /^[^.][^]*(?: |[^\p{ASCII}])/u;

function readTeachingFolders(folders: readonly string[]): ContentsSummary["teachingFolders"] {
  const names: string[] = [];
  const weights = new Map<LearningFlavour, number>();
  for (const name of folders) {
    const lower = name.normalize("NFKC").toLowerCase();
    const found = teachingFolderWords.find(([pattern]) => pattern.test(lower));
    if (!found) continue;
    names.push(name);
    weights.set(found[1], (weights.get(found[1]) ?? 0) + 1);
  }
  const flavour = [...weights].sort((left, right) => right[1] - left[1])[0]?.[0] ?? "general";
  return { names, flavour };
}

function countLocaleFolders(folders: readonly string[]): number {
  const regional = folders.filter((name) => regionLocaleFolder.test(name)).length;
  const bare = folders.filter((name) => bareLocaleFolders.has(name.toLowerCase())).length;
  return regional + (bare >= 3 || regional >= 2 ? bare : 0);
}

export function findMachinery(name: string): Machinery | null {
  for (const [pattern, kind] of machinery) if (pattern.test(name)) return kind;
  return null;
}

export function summarizeRepoContents(contents: RepoContents): ContentsSummary {
  const manifests: string[] = [];
  const sourceFolders: string[] = [];
  let codeFiles = 0;
  const testFolders: string[] = [];
  const releaseMachinery = new Set<Machinery>();
  const languageFolders: string[] = [];
  let documents = 0;
  let contentFiles = 0;
  const folders: string[] = [];
  let otherEntries = 0;
  // An R package keeps its code in R/ beside a DESCRIPTION file; elsewhere an R/ folder is as likely to
  // hold one language's solutions.
  const hasRPackageDescription = contents.some(
    (entry) => entry.type === "blob" && entry.name === "DESCRIPTION",
  );

  for (const entry of contents) {
    const lower = entry.name.toLowerCase();
    const kind = findMachinery(entry.name);
    if (kind !== null) releaseMachinery.add(kind);
    if (entry.type === "blob") {
      if (exactManifests.has(lower) || manifestExtensions.test(entry.name)) manifests.push(entry.name);
      if (entry.name.startsWith(".") || metaFile.test(entry.name)) continue;
      // A composite GitHub Action's steps are its code, written in its action.yml.
      if ((codeFile.test(entry.name) && !configFile.test(entry.name)) || actionManifests.includes(lower))
        codeFiles += 1;
      otherEntries += 1;
      contentFiles += 1;
      if (documentExtension.test(entry.name)) documents += 1;
    } else if (entry.type === "tree") {
      if (!entry.name.startsWith(".")) folders.push(entry.name);
      if (!entry.name.startsWith(".") && !assetFolders.has(lower)) otherEntries += 1;
      if (manifestExtensions.test(entry.name)) manifests.push(entry.name);
      if (sourceFolderNames.has(lower) || (entry.name === "R" && hasRPackageDescription))
        sourceFolders.push(entry.name);
      if (testFolderNames.has(lower)) testFolders.push(entry.name);
      if (languageFolderNames.has(lower)) languageFolders.push(entry.name);
    }
  }

  const hasReadme = contents.some((entry) => /^readme(?:\.|$)/i.test(entry.name));
  const teaching = readTeachingFolders(folders);
  const plainFolders = folders.filter((name) => !assetFolders.has(name.toLowerCase()));
  return {
    manifests,
    sourceFolders,
    codeFiles,
    testFolders,
    releaseMachinery: [...releaseMachinery],
    teachingUnits: readTeachingUnits(contents),
    yearFolders: folders.filter((name) => yearFolderName.test(name)),
    documents,
    documentShare: contentFiles === 0 ? 0 : documents / contentFiles,
    languageFolders,
    teachingFolders: teaching,
    subjectFolders: folders.some((name) => studySubjectFolder.test(name))
      ? folders.filter((name) => studySubjectFolder.test(name) || sharedSubjectFolder.test(name))
      : [],
    localeFolders: countLocaleFolders(folders),
    siteGenerator: contents.find((entry) => siteGeneratorFiles.test(entry.name))?.name ?? null,
    siteTheme: contents.find((entry) => siteThemeMarker.test(entry.name))?.name ?? null,
    builtBooks: contents.filter((entry) => entry.type === "blob" && /\.(?:pdf|epub)$/i.test(entry.name))
      .length,
    officeDocuments: contents.filter(
      (entry) => entry.type === "blob" && officeDocumentFile.test(entry.name) && !metaFile.test(entry.name),
    ).length,
    translationFiles: contents.filter((entry) => entry.type === "blob" && /\.pot?$/i.test(entry.name)).length,
    texFiles: contents.filter((entry) => entry.type === "blob" && /\.tex$/i.test(entry.name)).length,
    frontMatter:
      contents.find((entry) => entry.type === "blob" && frontMatterFile.test(entry.name))?.name ?? null,
    errata: contents.find((entry) => errataName.test(entry.name.normalize("NFKC")))?.name ?? null,
    bookMarker:
      contents.find(
        (entry) =>
          (entry.type === "blob" && bookMarkerFiles.has(entry.name.toLowerCase())) ||
          // GitBook's folder, and Leanpub's manuscript/ that holds a book's chapters and Book.txt.
          (entry.type === "tree" && (entry.name === ".gitbook" || entry.name === "manuscript")),
      )?.name ?? null,
    onlyReadme: otherEntries === 0 && hasReadme,
    onlyProse:
      hasReadme &&
      codeFiles === 0 &&
      sourceFolders.length === 0 &&
      testFolders.length === 0 &&
      plainFolders.every((name) => proseFolders.has(name.toLowerCase()) || teaching.names.includes(name)),
    plainFolders: plainFolders.length,
    hasFilesAtTop: contents.some((entry) => entry.type === "blob" && !entry.name.startsWith(".")),
    applicationTiers: findApplicationTiers(folders),
    blogPosts: contents.some((entry) => entry.type === "tree" && entry.name === "_posts"),
    notesVault: contents.find((entry) => notesVaultMarkers.has(entry.name))?.name ?? null,
    coursePlatform: findCoursePlatformMarker(contents),
    demoFolders: folders.filter((name) => demoFolderName.test(name)),
    wordNamedEntries: contents
      .filter(
        (entry) =>
          (entry.type === "tree" || documentExtension.test(entry.name)) && namedInWords.test(entry.name),
      )
      .map((entry) => entry.name),
  };
}

const tierPairs: ReadonlyArray<readonly [string, string]> = [
  ["backend", "frontend"],
  ["server", "client"],
  ["api", "web"],
  ["api", "frontend"],
  ["backend", "web"],
];

/**
 * "backend", or "learn-greek-easy-backend": a tier named alone or after its application, the same name
 * for both tiers. Examples named for what they show ("ejb-multi-server", "jaxrs-client") are no pair.
 */
const tierName = /^(.*?[-_.])?(backend|frontend|server|client|api|web)$/;

function findApplicationTiers(folders: readonly string[]): string | null {
  const byName = new Map(folders.map((folder) => [folder.toLowerCase(), folder]));
  for (const [name, folder] of byName) {
    const [, application = "", tier] = tierName.exec(name) ?? [];
    const partner = tierPairs.find(([first, second]) => first === tier && byName.has(application + second));
    if (partner) return `${folder}/ and ${byName.get(application + partner[1]) ?? ""}/ folders`;
  }
  return null;
}
