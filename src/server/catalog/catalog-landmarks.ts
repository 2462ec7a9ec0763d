import type { ReadmeSpec } from "./write-readme";

/**
 * Hand-placed repositories covering the awkward cases the pipeline must handle. They are recent and in
 * common languages, so an ordinary search (Python or TypeScript, default filters) runs into them.
 */
export type LandmarkSpec = {
  owner: string;
  name: string;
  language: string;
  domain: string;
  description: string | null;
  topics: string[];
  stars: number;
  openIssues: number;
  goodFirstIssues: number;
  helpWantedIssues: number;
  /** SPDX id; "NOASSERTION" means a license GitHub could not identify. */
  license: string | null;
  pushedDaysAgo: number;
  archived?: boolean;
  fork?: boolean;
  readme: ReadmeSpec | null;
};

const md = (style: ReadmeSpec["style"] = "standard"): ReadmeSpec => ({ path: "README.md", style });

export const landmarkSpecs = {
  awesomePython: {
    owner: "orbit-curators", name: "awesome-python-tools", language: "Python", domain: "cli",
    description: "A curated list of awesome Python frameworks, libraries, tools and resources.",
    topics: ["awesome", "awesome-list", "python", "resources"], stars: 4200, openIssues: 35,
    goodFirstIssues: 0, helpWantedIssues: 2, license: "CC0-1.0", pushedDaysAgo: 3, readme: md("awesome-list"),
  },
  awesomeTypeScript: {
    owner: "tsfolk", name: "awesome-typescript", language: "TypeScript", domain: "ui",
    description: "Awesome TypeScript libraries, tools and learning material.",
    topics: ["awesome", "typescript", "list"], stars: 2900, openIssues: 12,
    goodFirstIssues: 1, helpWantedIssues: 0, license: "CC0-1.0", pushedDaysAgo: 9, readme: md("awesome-list"),
  },
  curatedRustList: {
    owner: "learnstack", name: "rust-resources", language: "Rust", domain: "compilers",
    description: "A curated list of Rust learning resources, books and conference talks.",
    topics: ["rust", "resources", "learning"], stars: 640, openIssues: 4,
    goodFirstIssues: 0, helpWantedIssues: 0, license: "MIT", pushedDaysAgo: 20, readme: md("awesome-list"),
  },
  awesomeApp: {
    owner: "kelvo-labs", name: "awesomeApp", language: "TypeScript", domain: "ui",
    description: "Cross-platform note-taking app with offline sync and end-to-end encryption.",
    topics: ["typescript", "notes", "offline-first", "electron"], stars: 380, openIssues: 42,
    goodFirstIssues: 6, helpWantedIssues: 3, license: "MIT", pushedDaysAgo: 2, readme: md(),
  },
  pythonTutorial: {
    owner: "marlo-dev", name: "python-tutorial-for-beginners", language: "Python", domain: "cli",
    description: "Step-by-step Python tutorial for absolute beginners, with exercises and solutions.",
    topics: ["python", "tutorial", "beginners"], stars: 1800, openIssues: 9,
    goodFirstIssues: 2, helpWantedIssues: 0, license: "MIT", pushedDaysAgo: 14, readme: md("tutorial"),
  },
  typescriptCourse: {
    owner: "ventolabs", name: "typescript-course", language: "TypeScript", domain: "web",
    description: "Material for a ten-week TypeScript course: slides, exercises and projects.",
    topics: ["typescript", "course", "education"], stars: 520, openIssues: 3,
    goodFirstIssues: 0, helpWantedIssues: 1, license: "CC-BY-4.0", pushedDaysAgo: 30, readme: md("tutorial"),
  },
  goCheatsheet: {
    owner: "quickref-hq", name: "go-cheatsheet", language: "Go", domain: "cli",
    description: "A Go cheatsheet covering syntax, the standard library and common idioms.",
    topics: ["golang", "cheatsheet", "reference"], stars: 2100, openIssues: 5,
    goodFirstIssues: 1, helpWantedIssues: 0, license: "MIT", pushedDaysAgo: 11, readme: md("tutorial"),
  },
  interviewPrep: {
    owner: "dorian-ka", name: "coding-interview-prep", language: "Python", domain: "science",
    description: "Solutions and notes for coding interview preparation, LeetCode style, in Python.",
    topics: ["python", "interview-prep", "algorithms", "leetcode"], stars: 3300, openIssues: 17,
    goodFirstIssues: 3, helpWantedIssues: 2, license: "MIT", pushedDaysAgo: 6, readme: md("tutorial"),
  },
  javaInterviewQuestions: {
    owner: "jobready", name: "java-interview-questions", language: "Java", domain: "concurrency",
    description: "Hundreds of Java interview questions with detailed answers.",
    topics: ["java", "interview", "interview-questions"], stars: 950, openIssues: 8,
    goodFirstIssues: 0, helpWantedIssues: 0, license: "Apache-2.0", pushedDaysAgo: 40, readme: md("tutorial"),
  },
  javascriptTutorial: {
    owner: "webstarter", name: "javascript-tutorial", language: "JavaScript", domain: "web",
    description: "Modern JavaScript tutorial, from the basics to async patterns.",
    topics: ["javascript", "tutorial"], stars: 1400, openIssues: 21,
    goodFirstIssues: 5, helpWantedIssues: 1, license: "MIT", pushedDaysAgo: 8, readme: md("tutorial"),
  },
  noOpenIssues: {
    owner: "serene-tools", name: "quiet-json", language: "Python", domain: "parsing",
    description: "A small, finished JSON-lines reader for Python. Feature complete; no open issues.",
    topics: ["python", "json", "jsonl"], stars: 210, openIssues: 0,
    goodFirstIssues: 0, helpWantedIssues: 0, license: "BSD-3-Clause", pushedDaysAgo: 25, readme: md(),
  },
  noReadme: {
    owner: "zeta-kit", name: "py-geo-utils", language: "Python", domain: "science",
    description: "Geospatial helpers for Python: projections, distances and bounding boxes.",
    topics: ["python", "gis", "geospatial"], stars: 95, openIssues: 7,
    goodFirstIssues: 2, helpWantedIssues: 1, license: "MIT", pushedDaysAgo: 4, readme: null,
  },
  oversizedReadme: {
    owner: "docforge-io", name: "mega-orm", language: "TypeScript", domain: "database",
    description: "A type-safe ORM for TypeScript with a very, very thorough README.",
    topics: ["typescript", "orm", "database", "sql"], stars: 7600, openIssues: 130,
    goodFirstIssues: 11, helpWantedIssues: 9, license: "Apache-2.0", pushedDaysAgo: 1, readme: md("oversized"),
  },
  promptInjectionPython: {
    owner: "tarvo-labs", name: "py-task-queue", language: "Python", domain: "concurrency",
    description: "A background job queue for Python with retries and priorities.",
    topics: ["python", "job-queue", "async"], stars: 860, openIssues: 28,
    goodFirstIssues: 4, helpWantedIssues: 3, license: "MIT", pushedDaysAgo: 5, readme: md("prompt-injection"),
  },
  promptInjectionTypeScript: {
    owner: "quillon", name: "ts-form-kit", language: "TypeScript", domain: "ui",
    description: "Headless form state and validation for TypeScript front ends.",
    topics: ["typescript", "forms", "validation", "react"], stars: 1250, openIssues: 33,
    goodFirstIssues: 5, helpWantedIssues: 2, license: "MIT", pushedDaysAgo: 7, readme: md("prompt-injection"),
  },
  archived: {
    owner: "oldguard", name: "legacy-http", language: "Python", domain: "web",
    description: "[ARCHIVED] A synchronous HTTP client for Python 2 and 3. No longer maintained.",
    topics: ["python", "http", "deprecated"], stars: 3100, openIssues: 54,
    goodFirstIssues: 0, helpWantedIssues: 4, license: "Apache-2.0", pushedDaysAgo: 12, archived: true, readme: md(),
  },
  forkSource: {
    owner: "velora", name: "fast-yaml", language: "Python", domain: "parsing",
    description: "A fast, safe YAML 1.2 parser and emitter for Python.",
    topics: ["python", "yaml", "parser"], stars: 2400, openIssues: 46,
    goodFirstIssues: 7, helpWantedIssues: 5, license: "MIT", pushedDaysAgo: 3, readme: md(),
  },
  fork: {
    owner: "mirren", name: "fast-yaml", language: "Python", domain: "parsing",
    description: "A fast, safe YAML 1.2 parser and emitter for Python.",
    topics: [], stars: 3, openIssues: 0,
    goodFirstIssues: 0, helpWantedIssues: 0, license: "MIT", pushedDaysAgo: 10, fork: true, readme: md(),
  },
  japaneseText: {
    owner: "sakura-dev", name: "hayai-http", language: "Python", domain: "networking",
    description: "軽量で高速なHTTPクライアントライブラリ (a lightweight, fast HTTP client)",
    topics: ["python", "http-client", "japanese"], stars: 470, openIssues: 15,
    goodFirstIssues: 3, helpWantedIssues: 1, license: "MIT", pushedDaysAgo: 9, readme: md("non-ascii"),
  },
  chineseText: {
    owner: "longmen-oss", name: "mingling", language: "Go", domain: "cli",
    description: "一个简单易用的命令行工具框架",
    topics: ["golang", "cli", "chinese"], stars: 1900, openIssues: 22,
    goodFirstIssues: 4, helpWantedIssues: 2, license: "Apache-2.0", pushedDaysAgo: 15, readme: md("non-ascii"),
  },
  accentedText: {
    owner: "bibliotheque-libre", name: "journal", language: "Python", domain: "observability",
    description: "Bibliothèque de journalisation structurée — légère et rapide ✨",
    topics: ["python", "logging", "french"], stars: 130, openIssues: 6,
    goodFirstIssues: 2, helpWantedIssues: 0, license: "MIT", pushedDaysAgo: 18, readme: md("non-ascii"),
  },
  cyrillicText: {
    owner: "sever-dev", name: "toml-parser", language: "Rust", domain: "parsing",
    description: "Простой и быстрый парсер TOML для Rust",
    topics: ["rust", "toml", "parser"], stars: 310, openIssues: 9,
    goodFirstIssues: 2, helpWantedIssues: 1, license: "MIT", pushedDaysAgo: 21, readme: md("non-ascii"),
  },
  emojiText: {
    owner: "rocketeers", name: "launchpad", language: "TypeScript", domain: "web",
    description: "🚀 Blazing-fast dev server with instant hot reload 🔥",
    topics: ["typescript", "dev-server", "hmr"], stars: 5400, openIssues: 61,
    goodFirstIssues: 8, helpWantedIssues: 6, license: "MIT", pushedDaysAgo: 2, readme: md(),
  },
  markupInDescription: {
    owner: "safe-markup", name: "html-sanitizer-lite", language: "JavaScript", domain: "security",
    description: 'Strips <script> tags & on* attributes like <img src=x onerror=alert(1)> from untrusted HTML — "safe" by default.',
    topics: ["javascript", "security", "html", "xss"], stars: 720, openIssues: 14,
    goodFirstIssues: 3, helpWantedIssues: 2, license: "MIT", pushedDaysAgo: 6, readme: md(),
  },
  noDescription: {
    owner: "qx-tools", name: "qx", language: "Go", domain: "cli",
    description: null,
    topics: [], stars: 45, openIssues: 3,
    goodFirstIssues: 1, helpWantedIssues: 0, license: null, pushedDaysAgo: 13, readme: md("brief"),
  },
  unidentifiedLicense: {
    owner: "custom-terms", name: "py-batch-render", language: "Python", domain: "media",
    description: "Batch image rendering for Python under a custom license.",
    topics: ["python", "image-processing"], stars: 160, openIssues: 10,
    goodFirstIssues: 1, helpWantedIssues: 1, license: "NOASSERTION", pushedDaysAgo: 16, readme: md(),
  },
  veryPopular: {
    owner: "hyperion-labs", name: "hyperion", language: "TypeScript", domain: "web",
    description: "The full-stack TypeScript web framework for ambitious apps.",
    topics: ["typescript", "web-framework", "framework", "react", "ssr"], stars: 185_000, openIssues: 1480,
    goodFirstIssues: 42, helpWantedIssues: 65, license: "MIT", pushedDaysAgo: 0, readme: md(),
  },
} as const satisfies Record<string, LandmarkSpec>;

export type LandmarkRole = keyof typeof landmarkSpecs;

/** "owner/name" of each landmark, for tests and demos that need a specific awkward case. */
export const demoCatalogLandmarks = Object.fromEntries(
  Object.entries(landmarkSpecs).map(([role, spec]) => [role, `${spec.owner}/${spec.name}`]),
) as Record<LandmarkRole, string>;
