import { describe, expect, it } from "vitest";
import { assessMetadata, assessReadme, isFinalWithoutDetails } from "@/server/filtering/assess-non-project";
import { screenBeforeDetails } from "@/server/filtering/detect-non-project-repo";
import { readContentsEvidence } from "@/server/filtering/read-contents-evidence";
import { summarizeRepoContents } from "@/server/filtering/summarize-repo-contents";
import type { NonProjectInput } from "@/server/filtering/non-project-evidence";
import type { RepoContents } from "@/shared/repo-contents";

const folders = (...names: string[]): RepoContents => names.map((name) => ({ name, type: "tree" }));
const files = (...names: string[]): RepoContents => names.map((name) => ({ name, type: "blob" }));
const numbered = (count: number, name: (index: number) => string): string[] =>
  Array.from({ length: count }, (_, index) => name(index + 1));
const pad = (value: number) => String(value).padStart(2, "0");

function repo(overrides: Partial<NonProjectInput>): NonProjectInput {
  return {
    name: "project",
    description: null,
    topics: [],
    primaryLanguage: null,
    ...overrides,
  };
}

/** The learning evidence a tree gives, in words. */
const learningTexts = (contents: RepoContents) =>
  readContentsEvidence(contents)
    .filter((item) => item.kind === "learning")
    .map((item) => item.text);

const libraryTree: RepoContents = [
  ...folders(".github", "src", "tests", "docs"),
  ...files(".gitignore", "package.json", "tsconfig.json", "README.md", "LICENSE", "CHANGELOG.md"),
];

describe("what a repository contains, as evidence", () => {
  it("drops a course whose description has no tell-tale word, naming its lesson folders and the missing manifest", () => {
    const course = repo({
      name: "web-dev",
      description: "Desarrollo web para todos",
      primaryLanguage: "JavaScript",
      contents: [
        ...folders(...numbered(24, (index) => `${pad(index)}-leccion`), "images"),
        ...files("README.md", "LICENSE"),
      ],
    });
    const assessment = assessReadme(course, null);
    expect(assessment.verdict).toBe("drop");
    expect(assessment.reason).toMatch(
      /^Looks like course material: .*no package manifest, 24 lesson folders/,
    );
  });

  it("reads the units of books and courses in other scripts", () => {
    const chinese = summarizeRepoContents(files(...numbered(8, (index) => `第${index}章.md`), "README.md"));
    expect(chinese.teachingUnits).toMatchObject({ count: 8, flavour: "book", text: "8 chapter files" });
    const korean = summarizeRepoContents(folders(...numbered(5, (index) => `${index}주차`)));
    expect(korean.teachingUnits).toMatchObject({ count: 5, flavour: "course", text: "5 week folders" });
    const russian = summarizeRepoContents(folders(...numbered(6, (index) => `Урок ${index}`)));
    expect(russian.teachingUnits).toMatchObject({ count: 6, text: "6 lesson folders" });
    const challenge = summarizeRepoContents(folders(...numbered(30, (index) => `Day-${pad(index)}`)));
    expect(challenge.teachingUnits).toMatchObject({
      count: 30,
      flavour: "challenge",
      text: "30 day folders",
    });
  });

  it("reads a class's own short prefix numbered in sequence, five at least, but not a program's versions", () => {
    const lecture = summarizeRepoContents([
      ...folders(...numbered(11, (index) => `lx${pad(index)}`), "lib", "project"),
      ...files("build.sbt", "Readme.md"),
    ]);
    expect(lecture.teachingUnits).toMatchObject({ count: 11, text: "11 numbered folders (lx01…)" });
    const api = summarizeRepoContents([...folders("v1", "v2", "v3", "src"), ...files("go.mod")]);
    expect(api.teachingUnits).toBeNull();
    const bundles = summarizeRepoContents(folders("i18n", "l10n", "k8s", "src"));
    expect(bundles.teachingUnits).toBeNull();
  });

  it("counts a lesson once when its folder and its notes share a number", () => {
    const summary = summarizeRepoContents([
      ...folders("lesson-1", "lesson-2", "lesson-3"),
      ...files("lesson-1.md", "lesson-2.md", "lesson-3.md"),
    ]);
    expect(summary.teachingUnits?.count).toBe(3);
  });

  it("keeps software about learning once its manifest, source, tests and changelog are known", () => {
    const authoringLibrary = repo({
      name: "tutorial-kit",
      description: "Interactive tutorials and exercises for your documentation",
      topics: ["tutorial", "education"],
      primaryLanguage: "TypeScript",
    });
    const before = assessMetadata(authoringLibrary);
    expect(before.verdict).toBe("drop");
    // Not clear enough to stand without the details, so the pipeline fetches them.
    expect(isFinalWithoutDetails(before)).toBe(false);
    expect(screenBeforeDetails(authoringLibrary)).toBeNull();

    const after = assessReadme({ ...authoringLibrary, contents: libraryTree }, null);
    expect(after.verdict).toBe("keep");
    expect(after.reason).toContain("package.json");
  });

  it("does not decide for software on a manifest alone: a course with a package.json stays dropped", () => {
    const course = repo({
      name: "javascript-course",
      description: "A 30 day course: 30 lessons and exercises",
      topics: ["course", "tutorial"],
      primaryLanguage: "JavaScript",
      contents: [
        ...folders(...numbered(30, (index) => `day-${index}`)),
        ...files("package.json", "README.md"),
      ],
    });
    expect(assessReadme(course, null).verdict).toBe("drop");
  });

  it("reads a top level of Markdown notes and folders by language, but only without a software shape", () => {
    const notes = readContentsEvidence(
      files(...numbered(16, (index) => `topic-${"abcdefghijklmnop"[index - 1]}.md`)),
    );
    expect(notes.map((item) => item.text)).toEqual([
      "no package manifest",
      "16 Markdown or document files and no code",
    ]);
    const solutions = readContentsEvidence(folders("python", "java", "cpp", "go", "images"));
    expect(solutions.map((item) => item.text)).toContain(
      "folders by programming language (python, java, cpp)",
    );
    const bindings = readContentsEvidence([
      ...folders("python", "java", "cpp", "src"),
      ...files("CMakeLists.txt"),
    ]);
    expect(bindings.every((item) => item.kind === "software")).toBe(true);
  });

  it("says nothing when the tree is unknown or empty", () => {
    expect(readContentsEvidence(undefined)).toEqual([]);
    expect(readContentsEvidence(null)).toEqual([]);
    expect(readContentsEvidence([])).toEqual([]);
    const plain = repo({ description: "A fast HTTP router" });
    expect(assessReadme({ ...plain, contents: null }, null)).toEqual(assessReadme(plain, null));
  });

  it("does not mistake versioned or numbered software folders for lessons", () => {
    const summary = summarizeRepoContents([
      ...folders("python3", "vue2", "es6", "v8-bindings", "3rdparty", "src"),
      ...files("go.mod"),
    ]);
    expect(summary.teachingUnits).toBeNull();
    expect(summary.manifests).toEqual(["go.mod"]);
  });

  it("reads syllabus folders, translations and a lone README in any language", () => {
    const exercises = summarizeRepoContents(folders("aulas", "exercicios", "desafios", "imagens"));
    expect(exercises.teachingFolders).toEqual({
      names: ["aulas", "exercicios", "desafios"],
      flavour: "exercises",
    });
    const translated = summarizeRepoContents([
      ...folders("en", "de-DE", "zh-CN", "pt-BR", "ja-JP"),
      ...files("Makefile"),
    ]);
    expect(translated.localeFolders).toBe(5);
    // Bare codes stand for languages only in company: "go" and "js" beside "src" are code.
    expect(summarizeRepoContents(folders("go", "js", "src")).localeFolders).toBe(0);
    expect(summarizeRepoContents([...files("README.md", "LICENSE"), ...folders("images")]).onlyReadme).toBe(
      true,
    );
    expect(summarizeRepoContents(files("README.md", "index.js")).onlyReadme).toBe(false);

    const guide = readContentsEvidence([...files("README.md", "LICENSE"), ...folders(".github", "images")]);
    expect(guide.map((item) => item.text)).toEqual(["no package manifest", "nothing but a README"]);
  });

  it("reads a collection of projects and a top level of prose, unless release machinery says software", () => {
    const projects = folders(
      ...["blockcode", "crawler", "dagoba", "interpreter", "ocr", "sampler", "spreadsheet", "web-server"],
    );
    const collection = readContentsEvidence([...projects, ...files("README.md", "LICENSE.md")]);
    expect(collection.map((item) => item.text)).toEqual([
      "no package manifest",
      "8 folders and no code of its own",
    ]);
    const withCi = readContentsEvidence([...projects, ...files("README.md", ".travis.yml")]);
    expect(withCi.filter((item) => item.kind !== "software")).toEqual([]);

    const glossary = readContentsEvidence([
      ...folders(".github"),
      ...files("readme.md", "license", "contributing.md", "package.json", ".eslintrc.json"),
    ]);
    expect(glossary.map((item) => item.text)).toEqual([
      "package.json and no source folder",
      "no source folder",
      "nothing but prose and pictures",
    ]);
    const notes = summarizeRepoContents([...folders("Notes", "Images"), ...files("README.md")]);
    expect(notes.onlyProse).toBe(true);
  });

  it("reads a site generator's src/ and manifest as the site's, and a LaTeX document as a book", () => {
    const bookSite = readContentsEvidence([
      ...folders(".github", "docs", "src", "static"),
      ...files("README.md", "docusaurus.config.js", "package.json", "sidebars.js"),
    ]);
    expect(bookSite.map((item) => item.text)).toEqual([
      "package.json and no source folder",
      "no source folder",
      "a website (docusaurus.config.js)",
    ]);
    // A site generator beside real code folders is a project with its own site.
    const themed = readContentsEvidence([
      ...folders("lib", "test", "_layouts"),
      ...files("_config.yml", "Gemfile", "theme.gemspec", "README.md"),
    ]);
    expect(themed.every((item) => item.kind === "software")).toBe(true);

    const latex = readContentsEvidence([
      ...folders("chapters", "figures", "code"),
      ...files("README.md", "index.tex", "book.pdf"),
    ]);
    expect(latex.map((item) => item.text)).toEqual([
      "no package manifest",
      "a PDF or EPUB of the text",
      "a folder of chapters",
      "a LaTeX document",
    ]);
  });

  it("reads translations and shipped documents, and a src/ of prose as no code", () => {
    const translation = readContentsEvidence([
      ...folders("library", "tutorial", "howto"),
      ...files("README.rst", "Makefile", "conf.py", "about.po", "bugs.po", "glossary.po"),
    ]);
    expect(translation.map((item) => item.text)).toContain("a translation (3 .po files)");

    const texBook = [...folders("src", "fonts"), ...files("README.md", "ctfp.pdf", ".travis.yml")];
    const asCode = readContentsEvidence(texBook);
    const asProse = readContentsEvidence(texBook, { mostlyProse: true });
    const weightOf = (evidence: typeof asCode, text: string) =>
      evidence.find((item) => item.text === text)?.weight ?? 0;
    expect(weightOf(asCode, "a src/ folder")).toBe(1);
    expect(weightOf(asProse, "a src/ folder")).toBe(0.25);
    expect(asProse.map((item) => item.text)).toContain("a PDF or EPUB of the text");
  });

  it("does not let a changelog alone stand for software, nor a page at the top for code", () => {
    const guide = readContentsEvidence([
      ...folders("contents", "media"),
      ...files("README.md", "CHANGELOG.md", "PLUGINS.md", "index.html"),
    ]);
    expect(guide.map((item) => item.text)).toEqual([
      "a changelog",
      "no package manifest",
      "nothing but prose and pictures",
    ]);
  });

  it("reads a repository named for GitHub Pages as a site, not a program, under the old name too", () => {
    for (const name of ["course-notes.github.io", "emacs-jp.github.com"]) {
      const site = assessMetadata(repo({ name, description: "Public notes" }));
      expect(site.evidence, name).toContainEqual(
        expect.objectContaining({ kind: "learning", text: "a GitHub Pages site" }),
      );
    }
    expect(assessMetadata(repo({ name: "github.com", description: null })).evidence).not.toContainEqual(
      expect.objectContaining({ text: "a GitHub Pages site" }),
    );
  });

  it("reads folders named after subjects of study as notes, but not a library's two modules", () => {
    const problemSolving = [
      ...folders("bitwise", "data_structure", "dynamic_programming", "graph", "leetcode", "sort"),
      ...files("README.md", ".gitignore"),
    ];
    expect(learningTexts(problemSolving)).toContain(
      "folders by subject of study (bitwise, data_structure, dynamic_programming)",
    );
    const vietnameseNotes = [...folders("Co_So_Du_Lieu", "Kien_Truc_May_Tinh"), ...files("README.md")];
    expect(learningTexts(vietnameseNotes)).toContain(
      "folders by subject of study (Co_So_Du_Lieu, Kien_Truc_May_Tinh)",
    );
    // Folders a program also has count only beside one no program has.
    const library = [...folders("math", "strings", "network", "src"), ...files("go.mod", "README.md")];
    expect(learningTexts(library).some((item) => item.startsWith("folders by subject"))).toBe(false);
  });

  it("reads a notes vault, a Leanpub manuscript, chapters named by number and a row of demos", () => {
    expect(
      learningTexts([...folders(".obsidian", "Personal", "Technical"), ...files("Home.md", "README.md")]),
    ).toContain("a note-taking app's vault (.obsidian)");
    expect(learningTexts([...folders("manuscript", "extras"), ...files("README.md", "LICENSE")])).toContain(
      "a book's table of contents (manuscript)",
    );
    expect(
      learningTexts([
        ...files("001.md", "002.md", "003.md", "004.md", "Gemfile", "README.md"),
        ...folders("images"),
      ]),
    ).toContain("4 numbered files");
    const demos = folders("demo-async", "demo-cache-redis", "demo-docker", "demo-email", "demo-flyway");
    expect(learningTexts([...demos, ...files("pom.xml", "README.md")])).toContain(
      "5 demo or example folders (demo-async, demo-cache-redis, demo-docker)",
    );
    // A program with an example or two beside its source shows how to use it.
    const library = [...folders("src", "examples", "example-react", "demo-app"), ...files("package.json")];
    expect(learningTexts(library).some((item) => item.includes("demo or example folders"))).toBe(false);
  });

  it("drops a course platform's exercise, whose build and tests are what the students fill in", () => {
    const exercise = repo({
      name: "sd-015-a-project-zoo-functions",
      owner: "tryber",
      languageSizes: [{ name: "JavaScript", size: 24_000 }],
      contents: [
        ...folders(".github", ".trybe", "data", "src", "test"),
        ...files(".eslintrc.json", "README.md", "package.json", "package-lock.json"),
      ],
    });
    const readme =
      "Ao iniciar este projeto, você concorda com o Manual da Pessoa Estudante.\n\n## Boas vindas ao repositório do projeto de ES6!\n\nVocê já usa o GitHub diariamente para desenvolver os exercícios.\n";
    const assessment = assessReadme(exercise, readme);
    expect(assessment.verdict).toBe("drop");
    expect(assessment.reason).toContain("Looks like course material: a course platform's '.trybe'");
    // The same app without the platform's folder is kept: its build speaks for it.
    const app = { ...exercise, contents: exercise.contents?.filter((entry) => entry.name !== ".trybe") };
    expect(assessReadme(app, readme).verdict).toBe("keep");
    // A platform's name elsewhere in a tree is no marker: "learn-json/" is a program's folder.
    expect(learningTexts([...folders("src", "learn-json"), ...files("package.json")])).toEqual([]);
  });

  it("reads a book's errata, a file or a folder, in any of the languages books keep them in", () => {
    expect(learningTexts([...folders("errata", "jupyter-notebook", "src"), ...files("README.md")])).toContain(
      "a book's errata (errata)",
    );
    expect(learningTexts([...files("正誤表.md", "README.md"), ...folders("src")])).toContain(
      "a book's errata (正誤表.md)",
    );
    // A program keeps a changelog, not errata.
    expect(learningTexts(libraryTree).some((item) => item.includes("errata"))).toBe(false);
  });
  it("reads folders by year as editions side by side: a course's terms, a conference's talks, a year's puzzles", () => {
    expect(
      learningTexts([...folders("_2019", "_2020", "_2026", "_layouts"), ...files("Gemfile", "_config.yml")]),
    ).toContain("3 folders by year (_2019, _2020…)");
    expect(learningTexts([...folders("2018-spring", "2019-fall", "data"), ...files("README.md")])).toContain(
      "2 folders by year (2018-spring, 2019-fall…)",
    );
    // One year is a folder among others; a version, a port or a count is no year.
    expect(learningTexts([...folders("2019", "src"), ...files("package.json")])).toEqual([]);
    expect(
      learningTexts([...folders("v2019", "1024", "2019x", "3000", "src"), ...files("package.json")]).some(
        (item) => item.includes("by year"),
      ),
    ).toBe(false);
  });
  it("reads a site with no program of its own as its pages, and a theme as a program", () => {
    const playbook = repo({
      name: "Engineering-Playbook",
      description: null,
      primaryLanguage: "JavaScript",
      languageSizes: [
        { name: "JavaScript", size: 6_000 },
        { name: "CSS", size: 2_000 },
      ],
      contents: [
        ...folders("docs", "src", "static"),
        ...files("docusaurus.config.js", "sidebars.js", "package.json", "README.md", "LICENSE"),
      ],
    });
    const readme =
      "# Truss Engineering Playbook\n\nThis is the engineering playbook of Truss, our best practices for building software.\n\n## Running locally\n\n```\nbrew install nodenv\nnpm install\nnpm start\n```\n";
    expect(learningTexts(playbook.contents ?? [])).toContain("a website (docusaurus.config.js)");
    expect(assessReadme(playbook, readme).verdict).toBe("drop");
    // A theme's manifest, example site or gem: the same files are a program others build sites with.
    for (const marker of [files("theme.toml"), folders("exampleSite"), files("minima.gemspec")])
      expect(
        learningTexts([...folders("layouts", "assets"), ...files("hugo.toml", "_config.yml"), ...marker]),
      ).not.toContain("a website (hugo.toml)");
  });
});
