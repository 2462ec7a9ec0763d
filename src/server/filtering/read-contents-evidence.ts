import type { LearningFlavour } from "@/server/filtering/non-project-cues";
import type { Evidence } from "@/server/filtering/non-project-evidence";
import { summarizeRepoContents, type ContentsSummary } from "@/server/filtering/summarize-repo-contents";
import type { Machinery } from "@/server/filtering/repo-contents-names";
import type { RepoContents } from "@/shared/repo-contents";

/**
 * Evidence from what the repository contains, which reads the same whatever language its description is
 * written in. Software ships a package manifest, source and test folders, CI and release machinery;
 * learning material is laid out in numbered chapters, lessons, days or weeks, or is almost all Markdown.
 * Each signal is weighed like any other, and the source is capped (assess-non-project.ts), so a course
 * that happens to carry a package.json is not kept by that alone, nor is a small tool with a docs folder
 * dropped.
 */

const MANIFEST_WEIGHT = 1.5;
const SOURCE_FOLDER_WEIGHT = 1;
const TEST_FOLDER_WEIGHT = 1;
const MACHINERY_WEIGHT = 0.5;
const machineryWords: Record<Machinery, string> = {
  ci: "CI configuration",
  changelog: "a changelog",
  "release-tooling": "release tooling",
  docker: "a Dockerfile",
};
/** Projects side by side with nothing at the top to build them: a set of small projects or examples. */
export const COLLECTION_FOLDERS = 8;
/** Topics as folders: two can be a build's output ("Prebuilt for MAC OSX"), three are a table of contents. */
const WORD_NAMED_ENTRIES = 3;

/** Sequenced units at the top level: a few can be an examples folder's neighbours, a dozen is a syllabus. */
function unitWeight(count: number): number {
  if (count >= 12) return 3;
  if (count >= 6) return 2.5;
  if (count >= 4) return 2;
  return 1.5;
}

function softwareEvidence(weight: number, text: string): Evidence {
  return { kind: "software", source: "contents", weight, text };
}

function learningEvidence(weight: number, text: string, flavour: LearningFlavour): Evidence {
  return { kind: "learning", source: "contents", weight, text, flavour };
}

/**
 * Generators whose pages or chapters live in src/ (Docusaurus, Gatsby, Astro, mdBook, VitePress). Jekyll,
 * Hugo and MkDocs keep theirs elsewhere, so beside their configuration a src/ folder is a program's.
 */
const pagesInSrc = /^(?:docusaurus\.config|gatsby-config|astro\.config|book\.toml|\.vitepress|\.vuepress)/i;

/** Source folders that hold code: beside a site generator that keeps its pages in src/, src/ holds them. */
function codeFolders(summary: ContentsSummary): string[] {
  return summary.siteGenerator === null || !pagesInSrc.test(summary.siteGenerator)
    ? summary.sourceFolders
    : summary.sourceFolders.filter((name) => name.toLowerCase() !== "src");
}

function hasCode(summary: ContentsSummary, context: ContentsContext): boolean {
  const folders = context.mostlyProse ? 0 : codeFolders(summary).length + summary.testFolders.length;
  return folders > 0 || summary.codeFiles > 0;
}

/**
 * What the byte counts per language say beside the tree: when nearly all of them are prose, notebooks or
 * pages, a src/ or tests/ folder holds chapters or pages (a LaTeX book's src/), and counts for little.
 */
export type ContentsContext = { mostlyProse: boolean };

/**
 * A dozen chapters beside a build script ("compile_pdf.sh") is a write-up: the code at the top is one or
 * two files among many documents, with no source or test folder.
 */
function isMostlyDocuments(summary: ContentsSummary): boolean {
  return (
    summary.documents >= 6 &&
    summary.codeFiles * 4 <= summary.documents &&
    codeFolders(summary).length === 0 &&
    summary.testFolders.length === 0
  );
}

function readSoftwareSignals(summary: ContentsSummary, context: ContentsContext): Evidence[] {
  const folderWeight = context.mostlyProse ? 0.25 : 1;
  const evidence: Evidence[] = [];
  const [manifest] = summary.manifests;
  // A manifest beside no code at all is how documentation sites and write-ups get their linters and
  // site generators; it still counts, for less.
  if (manifest !== undefined)
    evidence.push(
      hasCode(summary, context)
        ? softwareEvidence(MANIFEST_WEIGHT, manifest)
        : softwareEvidence(MANIFEST_WEIGHT / 2, `${manifest} and no source folder`),
    );
  const [sourceFolder] = codeFolders(summary);
  if (sourceFolder !== undefined)
    evidence.push(softwareEvidence(SOURCE_FOLDER_WEIGHT * folderWeight, `a ${sourceFolder}/ folder`));
  else if (summary.applicationTiers !== null)
    evidence.push(softwareEvidence(SOURCE_FOLDER_WEIGHT * folderWeight, summary.applicationTiers));
  const [testFolder] = summary.testFolders;
  if (testFolder !== undefined)
    evidence.push(softwareEvidence(TEST_FOLDER_WEIGHT * folderWeight, `a ${testFolder}/ folder`));
  const [machinery] = summary.releaseMachinery;
  if (machinery !== undefined) evidence.push(softwareEvidence(MACHINERY_WEIGHT, machineryWords[machinery]));
  return evidence;
}

/**
 * Release machinery (CI, a changelog) is kept by software, so the shape of a write-up does not count beside
 * it; a manifest does not count by itself, since write-ups get one for their site generator. A changelog
 * alone is kept by guides too.
 */
function hasSoftwareShape(summary: ContentsSummary, context: ContentsContext): boolean {
  return (
    (hasCode(summary, context) && !isMostlyDocuments(summary)) ||
    summary.releaseMachinery.some((kind) => kind !== "changelog")
  );
}

function readLearningSignals(summary: ContentsSummary, context: ContentsContext): Evidence[] {
  const evidence: Evidence[] = [];
  const units = summary.teachingUnits;
  if (units !== null) evidence.push(learningEvidence(unitWeight(units.count), units.text, units.flavour));
  // 22 labelled non-projects keep two or more years side by side (courses, talks, puzzles); no program does.
  const years = summary.yearFolders;
  if (years.length >= 2)
    evidence.push(
      learningEvidence(
        unitWeight(years.length),
        `${years.length} folders by year (${years.slice(0, 2).join(", ")}…)`,
        "general",
      ),
    );

  if (summary.bookMarker !== null)
    evidence.push(learningEvidence(2, `a book's table of contents (${summary.bookMarker})`, "book"));
  if (summary.frontMatter !== null)
    evidence.push(learningEvidence(1.5, `a book's front matter (${summary.frontMatter})`, "book"));
  // Only a printed text keeps a list of its corrections; a program has a changelog and an issue tracker.
  if (summary.errata !== null)
    evidence.push(learningEvidence(1.5, `a book's errata (${summary.errata})`, "book"));

  if (summary.translationFiles >= 3)
    evidence.push(
      learningEvidence(1.5, `a translation (${summary.translationFiles} .po files)`, "translation"),
    );
  if (summary.builtBooks > 0) evidence.push(learningEvidence(1.5, "a PDF or EPUB of the text", "book"));
  // One deck can be a design sketch beside a program; two or more are a class's slides and handouts.
  if (summary.officeDocuments >= 2)
    evidence.push(learningEvidence(1, `${summary.officeDocuments} slide decks or documents`, "course"));

  // A site with no program of its own serves its pages; a theme is a program for others' sites.
  if (summary.siteGenerator !== null && summary.siteTheme === null && !hasCode(summary, context))
    evidence.push(learningEvidence(1.5, `a website (${summary.siteGenerator})`, "guide"));

  // Beside code or not: a program's folders are named in identifiers, a text's in the words of its topics.
  const wordNamed = summary.wordNamedEntries;
  if (wordNamed.length >= WORD_NAMED_ENTRIES)
    evidence.push(
      learningEvidence(
        wordNamed.length >= 8 ? 2.5 : 1.5,
        `${wordNamed.length} folders or documents named in words (${wordNamed
          .slice(0, 3)
          .map((name) => `'${name}'`)
          .join(", ")})`,
        "notes",
      ),
    );

  const softwareShape = hasSoftwareShape(summary, context);
  // Folders named after a programming language as people write it ("JavaScript", "C++") sort code by
  // language for a reader. A program's bindings are lower case ("python/"), and an R package's R/ is its
  // source. Beside the weaker "folders by programming language" of a tree with no code, counted once.
  const written = summary.languageFolders.filter((name) => name !== name.toLowerCase() && name !== "R");
  const languageFoldersCounted = !softwareShape && summary.languageFolders.length >= 3;
  if (written.length > 0 && !languageFoldersCounted)
    evidence.push(
      learningEvidence(
        written.length >= 2 ? 1.5 : 1,
        `${written.length === 1 ? "a folder" : "folders"} named after ${written.length === 1 ? "a programming language" : "programming languages"} (${written.slice(0, 3).join(", ")})`,
        "examples",
      ),
    );

  const subjects = summary.subjectFolders;
  if (subjects.length >= 2)
    evidence.push(
      learningEvidence(
        subjects.length >= 3 ? 2.5 : 1.5,
        `folders by subject of study (${subjects.slice(0, 3).join(", ")})`,
        "notes",
      ),
    );

  if (summary.notesVault !== null)
    evidence.push(learningEvidence(2, `a note-taking app's vault (${summary.notesVault})`, "notes"));
  if (summary.coursePlatform !== null)
    evidence.push(learningEvidence(2, `a course platform's '${summary.coursePlatform}'`, "course"));
  if (summary.demoFolders.length >= 3)
    evidence.push(
      learningEvidence(
        summary.demoFolders.length >= 5 ? 2.5 : 1.5,
        `${summary.demoFolders.length} demo or example folders (${summary.demoFolders.slice(0, 3).join(", ")})`,
        "examples",
      ),
    );

  if (summary.blogPosts) evidence.push(learningEvidence(1.5, "a blog's posts (_posts/)", "notes"));

  const teaching = summary.teachingFolders;
  if (teaching.names.length >= 2)
    evidence.push(
      learningEvidence(
        teaching.names.length >= 3 ? 2.5 : 1.5,
        `folders of ${teaching.names.slice(0, 3).join(", ")}`,
        teaching.flavour,
      ),
    );

  if (!softwareShape) {
    // The absence only speaks once something else in the tree points at writing rather than code.
    if (summary.documentShare >= 0.8 && summary.documents >= 6)
      evidence.push(
        learningEvidence(
          summary.documents >= 15 ? 2 : 1.5,
          `${summary.documents} Markdown or document files and no code`,
          "notes",
        ),
      );
    if (summary.localeFolders >= 3)
      evidence.push(
        learningEvidence(
          summary.localeFolders >= 10 ? 2.5 : summary.localeFolders >= 6 ? 2 : 1.5,
          `the same text in ${summary.localeFolders} languages`,
          "guide",
        ),
      );
    if (teaching.names.length === 1)
      evidence.push(learningEvidence(1, `a folder of ${teaching.names[0] ?? ""}`, teaching.flavour));
    if (summary.texFiles > 0) evidence.push(learningEvidence(1.5, "a LaTeX document", "book"));
    if (summary.onlyReadme) evidence.push(learningEvidence(1.5, "nothing but a README", "guide"));
    else if (summary.onlyProse)
      evidence.push(learningEvidence(1.5, "nothing but prose and pictures", "notes"));
    // Software shows at least a README, a licence or a manifest at the top; separate exercises need none.
    else if (!summary.hasFilesAtTop && summary.plainFolders >= 2)
      evidence.push(
        learningEvidence(1.5, `${summary.plainFolders} folders and not one file beside them`, "examples"),
      );
    // Numbered units explain their folders already: the count would say the same thing twice.
    else if (summary.plainFolders >= COLLECTION_FOLDERS && summary.manifests.length === 0 && units === null)
      evidence.push(
        learningEvidence(
          // Plugin and add-on monorepos look the same from the top, so this stays weak evidence.
          summary.plainFolders >= 20 ? 1.5 : 1,
          `${summary.plainFolders} folders and no code of its own`,
          "examples",
        ),
      );
    if (summary.languageFolders.length >= 3)
      evidence.push(
        learningEvidence(
          1.5,
          `folders by programming language (${summary.languageFolders.slice(0, 3).join(", ")})`,
          "solutions",
        ),
      );
    // Named first in a reason: "no package manifest, 38 chapter folders".
    const absent = summary.manifests.length === 0 ? "no package manifest" : "no source folder";
    if (evidence.length > 0)
      evidence.unshift({ kind: "no-code", source: "contents", weight: 0.5, text: absent });
  }
  return evidence;
}

/** Evidence for both sides from the top-level entries; nothing when they are unknown or empty. */
export function readContentsEvidence(
  contents: RepoContents | null | undefined,
  context: ContentsContext = { mostlyProse: false },
): Evidence[] {
  if (!contents || contents.length === 0) return [];
  const summary = summarizeRepoContents(contents);
  return [...readSoftwareSignals(summary, context), ...readLearningSignals(summary, context)];
}
