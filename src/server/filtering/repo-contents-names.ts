/**
 * The names by which ecosystems mark software at the top of a repository (manifests, source and test
 * folders, release machinery) and the names of prose, for summarize-repo-contents.ts.
 */
import type { RepoContents } from "@/shared/repo-contents";

/** A GitHub Action's metadata, which the Marketplace publishes; a composite action's steps live in it. */
export const actionManifests = ["action.yml", "action.yaml"];

export const exactManifests = new Set(
  [
    "package.json",
    "cargo.toml",
    "go.mod",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "settings.gradle.kts",
    "gemfile",
    "composer.json",
    "mix.exs",
    "package.swift",
    "pubspec.yaml",
    "cmakelists.txt",
    "meson.build",
    "configure.ac",
    "build.zig",
    "stack.yaml",
    "deno.json",
    "deno.jsonc",
    "project.toml",
    "rebar.config",
    "dune-project",
    "build.sbt",
    "project.clj",
    "deps.edn",
    "shard.yml",
    "description",
    "go.work",
    "workspace",
    "workspace.bazel",
    "module.bazel",
    "vcpkg.json",
    "conanfile.py",
    "conanfile.txt",
    "makefile.pl",
    "cpanfile",
    "dist.ini",
    "v.mod",
    "gleam.toml",
    "elm.json",
    "spago.dhall",
    "bower.json",
    // A Hugo theme's own manifest: a theme is a program for the site generator, not a site.
    "theme.toml",
    // An Arduino library's and a PlatformIO library's manifests.
    "library.properties",
    "library.json",
    ...actionManifests,
  ].map((name) => name.toLowerCase()),
);
export const manifestExtensions =
  /\.(?:csproj|fsproj|vbproj|sln|gemspec|cabal|nimble|podspec|rockspec|vcxproj|xcodeproj)$/i;

export const sourceFolderNames = new Set([
  "src",
  "source",
  "sources",
  "lib",
  "libs",
  "pkg",
  "cmd",
  "internal",
  "crates",
  "packages",
  "include",
  "core",
  "app",
  "apps",
  "server",
  "client",
  "plugins",
]);
export const testFolderNames = new Set([
  "test",
  "tests",
  "spec",
  "specs",
  "__tests__",
  "testing",
  "e2e",
  "t",
  "test-suite",
]);

/** The kinds of machinery software keeps for building, checking and shipping itself. */
export type Machinery = "ci" | "changelog" | "release-tooling" | "docker";

export const machinery: ReadonlyArray<readonly [RegExp, Machinery]> = [
  [
    /^(?:\.travis\.ya?ml|\.circleci|\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|appveyor\.ya?ml|jenkinsfile|\.drone\.ya?ml|\.buildkite|codecov\.ya?ml|\.codecov\.ya?ml|\.cirrus\.ya?ml)$/i,
    "ci",
  ],
  [/^(?:changelog|changes|history|news|releases?)(?:\.(?:md|rst|txt|markdown))?$/i, "changelog"],
  [
    /^(?:\.goreleaser\.ya?ml|\.releaserc(?:\.\w+)?|release-please-config\.json|\.changeset|lerna\.json|\.npmignore|manifest\.in)$/i,
    "release-tooling",
  ],
  [/^(?:dockerfile|docker-compose\.ya?ml|compose\.ya?ml)$/i, "docker"],
];

export const languageFolderNames = new Set([
  "python",
  "python3",
  "java",
  "javascript",
  "js",
  "c",
  "cpp",
  "c++",
  "go",
  "golang",
  "rust",
  "ruby",
  "kotlin",
  "swift",
  "csharp",
  "c#",
  "php",
  "scala",
  "typescript",
  "haskell",
  "dart",
  "julia",
  "elixir",
  "lua",
  "perl",
  "sql",
]);

export const documentExtension =
  /\.(?:md|markdown|mdx|rst|txt|adoc|asciidoc|asc|org|tex|pdf|ipynb|docx?|pptx?|epub)$/i;
/** LICENSE, LICENCE.md, LICENSE-MIT, COPYING.LESSER, UNLICENSE, a REUSE-style LICENSES/ folder. */
export const licenceFile = /^(?:licen[cs]es?|copying|unlicen[cs]e)(?:[._-].*)?$/i;
/** Files every kind of repository has; they say nothing about which kind this is. */
export const metaFile =
  /^(?:readme|license|licence|copying|contributing|code_of_conduct|security|authors|contributors|notice|funding|support|governance|maintainers|changelog|citation)(?:[._-].*)?$/i;

/**
 * Folders a syllabus is split into, in the languages learning material is often written in: a course's
 * exercises beside its solutions, a class's slides beside its notes. Each entry names the kind it points at.
 */
export const teachingFolderWords: ReadonlyArray<readonly [RegExp, "exercises" | "course" | "notes"]> = [
  [
    /^(?:exercises?|solutions?|sol|answers?|problems?|problem-?sets?|homeworks?|assignments?|quiz(?:zes)?|challenges|katas|practice|editorials?|exercicios|exercícios|desafios|ejercicios|soluciones|respuestas|retos|упражнения|задачи|решения|练习|習題|习题|答案|题解|演習|解答|問題|과제|문제|bai-?tap|bài tập|loi-?giai|tasks?|tareas|tarefas|atividades|actividades|activities|practicas|prácticas|praticas|práticas)(?:$|[-_ .])/u,
    "exercises",
  ],
  [
    /^(?:lectures?|lecture-?notes|lessons|_?episodes|slides|labs|workshops?|handouts|syllabus|curriculum|tutorials|chapters|aulas|clases|lecciones|модули|лекции|уроки|课件|讲义|講義|スライド|실습|강의|materials?|materiais|materiales|apostilas)(?:$|[-_ .])/u,
    "course",
  ],
  [
    /^(?:notes|notas|apuntes|anotacoes|anotações|resumos|конспекты|заметки|笔记|筆記|ノート|정리|ghi-?chu)(?:$|[-_ .])/u,
    "notes",
  ],
];

/**
 * Folders named after a subject of study, as notes, interview preparation and algorithm collections sort
 * their pages ("Data Structures", "dynamic_programming", "Kien_Truc_May_Tinh", "알고리즘"). A program names
 * its parts after what they do; "algorithms/" and "datastructures/" side by side are a library's modules
 * as often as a student's chapters, so these only count together with more.
 */
export const studySubjectFolder =
  /^(?:\d{1,3}[-_. ]*)?(?:algorithms?|data[-_ ]?structures?|dynamic[-_ ]?programming|graph[-_ ]?theory|graphs|sorting|searching|greedy|backtracking|recursion|bit[-_ ]?manipulation|bitwise|linked[-_ ]?lists?|binary[-_ ]?trees?|two[-_ ]?pointers|sliding[-_ ]?window|divide[-_ ]?and[-_ ]?conquer|number[-_ ]?theory|operating[-_ ]?systems?|computer[-_ ]?networks?|computer[-_ ]?architecture|discrete[-_ ]?math(?:ematics)?|design[-_ ]?patterns?|oop|system[-_ ]?design|leetcode|codeforces|hackerrank|atcoder|baekjoon|boj|swea|interviews?|co[-_ ]?so[-_ ]?du[-_ ]?lieu|kien[-_ ]?truc[-_ ]?may[-_ ]?tinh|cau[-_ ]?truc[-_ ]?du[-_ ]?lieu|giai[-_ ]?thuat|算法|数据结构|操作系统|计算机网络|设计模式|アルゴリズム|データ構造|알고리즘|자료구조|운영체제|디자인패턴|алгоритмы|структуры[-_ ]?данных)$/iu;
/** Subjects whose names a program's folders also have ("math/", "strings/", "network/"): counted beside the above. */
export const sharedSubjectFolder =
  /^(?:\d{1,3}[-_. ]*)?(?:dp|graph|trees|heaps?|stacks?|queues?|strings|arrays?|math|os|network|networking|databases?|dbms|compilers?|sort|search|hashing|hash[-_ ]?tables?)$/i;

/**
 * What a course platform keeps at the top of the exercises it hands out: Trybe's `.trybe/`, TechTrain's
 * `.techtrain/`, Flatiron School's and 4Geeks Academy's `.learn`, JetBrains Academy's `course-info.yaml`,
 * Codio's `.codio`, CS50's `.cs50.yml`. Whatever builds beside it is the exercise.
 */
const coursePlatformMarkers = new Set([
  ".trybe",
  ".techtrain",
  ".learn",
  "course-info.yaml",
  ".codio",
  ".cs50.yml",
  ".cs50.yaml",
]);

/** The course platform's marker at the top of a tree, or null. */
export function findCoursePlatformMarker(contents: RepoContents | null | undefined): string | null {
  return contents?.find((entry) => coursePlatformMarkers.has(entry.name.toLowerCase()))?.name ?? null;
}

/** What note-taking apps keep at the top of a vault: Obsidian's and Foam's settings, Logseq's graph. */
export const notesVaultMarkers = new Set([".obsidian", ".foam", "logseq", ".logseq", "dendron.yml"]);

/**
 * A folder named as one demo, example or sample ("demo-async", "example_03", "spring-boot-sample-web"). One
 * or two beside a program show how to use it; several side by side are a collection of demos.
 */
export const demoFolderName = /^(?:demos?|examples?|samples?)[-_]|[-_](?:demos?|examples?|samples?)$/i;

/** A locale folder ("zh-CN", "pt_BR"): a document translated into several languages keeps one per language. */
export const regionLocaleFolder = /^[a-z]{2,3}[-_][A-Za-z]{2,4}$/;
/** Bare language codes, counted only when several stand side by side, since "go" or "js" mean code too. */
export const bareLocaleFolders = new Set(
  "en de fr es it pt ru ja ko zh nl pl tr uk vi ar fa he hi id cs sv fi da el hu ro bg th ms bn ta".split(
    " ",
  ),
);

/** Folders of pictures and downloads that say nothing about which kind a repository is. */
export const assetFolders = new Set([
  "images",
  "image",
  "img",
  "imgs",
  "assets",
  "media",
  "static",
  "pics",
  "pictures",
  "screenshots",
  "resources",
  "res",
  "imagens",
  "imagenes",
  "图片",
]);

/** Folders of writing rather than code: beside them and a README, a repository holds nothing to run. */
export const proseFolders = new Set([
  "docs",
  "doc",
  "notes",
  "articles",
  "posts",
  "pages",
  "content",
  "images",
  "img",
  "assets",
  "subjects",
  "contents",
  "static",
  "media",
  "materials",
  "readings",
  "study",
  "questions",
  "topics",
]);

/**
 * The table of contents of a book written with GitBook, mdBook, bookdown, Jupyter Book or O'Reilly's Atlas:
 * at the top of a repository it is the book itself (software keeps its own book in a docs folder). So are
 * GitBook's list of a book's languages (LANGS.md) and the `.gitbook/` folder its sync keeps beside the text.
 */
export const bookMarkerFiles = new Set([
  "atlas.json",
  "langs.md",
  "summary.md",
  "book.toml",
  "book.json",
  "_bookdown.yml",
  "_quarto.yml",
  "_toc.yml",
]);

/** Slides and word-processor documents: a class's handouts when several stand at the top. */
export const officeDocumentFile = /\.(?:docx?|pptx?|odt|odp)$/i;

/** A book's front matter at the top: "preface.asciidoc", "foreword.md". Software has no preface. */
export const frontMatterFile =
  /^(?:preface|foreword|prologue|colophon|dedication)\.(?:md|markdown|asciidoc|adoc|rst|txt|html|tex|xml)$/i;

/** What books call their list of corrections, in the languages they are written in. */
export const errataWords = "errata|erratum|corrigenda|fe de erratas|正誤表|勘误表?|勘誤表?|정오표|오탈자";
/** A book's list of corrections, a file or a folder: "errata.md", "errata/", "正誤表.md". */
export const errataName = new RegExp(`^(?:${errataWords})(?:$|[._-])`, "iu");

/**
 * The configuration of a static-site or book generator at the top: the repository is a website, whose
 * manifest installs the generator and whose src/ holds pages, not a program's code.
 */
export const siteGeneratorFiles =
  /^(?:docusaurus\.config\.[cm]?[jt]s|mkdocs\.ya?ml|_config\.ya?ml|book\.toml|hugo\.(?:toml|ya?ml)|gatsby-config\.[cm]?[jt]s|astro\.config\.[cm]?[jt]s|_quarto\.yml|antora\.yml|\.vitepress|\.vuepress)$/i;
