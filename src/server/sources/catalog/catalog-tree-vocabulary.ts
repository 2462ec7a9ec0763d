/**
 * The other names demo-catalog trees are built from (write-top-level-tree.ts, write-learning-tree.ts):
 * what projects add around their code, and how learning material names its parts. Written for this
 * project; a name ending in "/" is a folder.
 */

/** Files almost every project has at the top. */
export const dotfiles = [".gitignore", ".editorconfig", ".gitattributes", ".dockerignore"] as const;

/** Continuous integration that lives outside .github. */
export const otherCiConfigs = [".gitlab-ci.yml", ".travis.yml", ".circleci/", "azure-pipelines.yml"] as const;

/** Folders a project may add next to its code. */
export const projectFolders = ["docs", "examples", "scripts", "benchmarks", "assets", "tools"] as const;

/** Top-level folders that are git submodules now and then (type "commit"). */
export const submoduleNames = ["third_party", "vendor-sdk", "docs-theme", "testdata-corpus"] as const;

/** How learning material numbers its parts: `{n}` is the number, padded as the style says. */
export const partFolderStyles = {
  lessons: ["lesson-{n}-{topic}", "Lesson{n}", "{n}-{topic}"],
  days: ["Day-{n}", "day{n}", "Day {n}", "day-{n}"],
  weeks: ["week-{n}", "Week{n}", "week{n}-{topic}"],
  chapters: ["chapter{n}", "Chapter-{n}", "ch{n}-{topic}"],
  lectures: ["lecture-{n}", "Lecture{n}-{topic}"],
} as const;
export type PartStyle = keyof typeof partFolderStyles;

/** Subjects a lesson or chapter folder is named after, in order of a typical syllabus. */
export const syllabusTopics = [
  "introduction",
  "variables",
  "control-flow",
  "functions",
  "collections",
  "strings",
  "modules",
  "error-handling",
  "classes",
  "iterators",
  "files",
  "testing",
  "concurrency",
  "networking",
  "databases",
  "web-apps",
  "packaging",
  "final-project",
] as const;

/** Topic folders of interview preparation. */
export const interviewTopics = [
  "arrays",
  "strings",
  "linked-lists",
  "stacks-and-queues",
  "trees",
  "graphs",
  "sorting",
  "dynamic-programming",
  "system-design",
  "behavioral",
  "concurrency",
  "databases",
] as const;

/** Runnable examples, one folder each. */
export const exampleTopics = [
  "hello-world",
  "http-server",
  "http-client",
  "json",
  "file-io",
  "cli-arguments",
  "regex",
  "concurrency",
  "channels",
  "sqlite",
  "websockets",
  "logging",
  "testing",
  "templates",
  "env-config",
  "rate-limiter",
  "image-resize",
  "csv-report",
] as const;

/** Where learning material keeps its pictures. */
export const mediaFolders = ["images", "assets", "img", "media", "figures"] as const;
