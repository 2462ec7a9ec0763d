import { describe, expect, it } from "vitest";
import { assessMetadata, assessReadme } from "@/server/filtering/assess-non-project";
import { readDescriptionEvidence } from "@/server/filtering/read-description-evidence";
import { findCompanionCode } from "@/server/filtering/read-companion-code";
import { isExampleName, readNameEvidence } from "@/server/filtering/read-name-evidence";
import { readOwnerEvidence } from "@/server/filtering/read-owner-evidence";
import { readContentsEvidence } from "@/server/filtering/read-contents-evidence";
import type { NonProjectInput } from "@/server/filtering/non-project-evidence";
import type { RepoContents } from "@/shared/repo-contents";

const folders = (...names: string[]): RepoContents => names.map((name) => ({ name, type: "tree" }));
const files = (...names: string[]): RepoContents => names.map((name) => ({ name, type: "blob" }));

function repo(overrides: Partial<NonProjectInput>): NonProjectInput {
  return { name: "project", description: null, topics: [], primaryLanguage: null, ...overrides };
}

/** The add-ons of a Home Assistant add-on repository: software, one folder each, nothing at the top. */
const addonNames = [
  "mariadb",
  "mosquitto",
  "samba",
  "ssh",
  "deconz",
  "dnsmasq",
  "letsencrypt",
  "vlc",
  "piper",
  "whisper",
];

const gradleTree: RepoContents = [
  ...folders(".github", "gradle", "src"),
  ...files(".gitignore", "build.gradle", "gradlew", "settings.gradle", "README.md", "LICENSE"),
];

describe("code that belongs to a text", () => {
  it("finds what a repository says of its own code, in several languages", () => {
    const cases: Array<[string, string]> = [
      ["Source code from Effective Java, Third Edition, made runnable.", "book"],
      ["Code for the book 'Grokking Algorithms'", "book"],
      ["All Algorithms implemented in Kotlin", "solutions"],
      ["JavaScript implementations of famous computer science algorithms", "solutions"],
      ["An annotated implementation of the Transformer paper.", "notes"],
      ["PyTorch implementations of Generative Adversarial Networks.", "examples"],
      ["Code from various chapters in OSTEP", "book"],
      ["Repositório do curso de Java da Cod3r", "course"],
      ["Material docente para la asignatura Infraestructura Virtual", "course"],
      ["Repositorio de trabajo del Workshop node4hackers", "course"],
      ["Дипломная работа по курсу «Базовый JavaScript в браузере»", "course"],
      ["Домашнее задание по курсу Нетологии NestJS", "course"],
      ["Homework for the Netology backend course", "course"],
      ["Учебный демо-проект от HTML Academy для 18 потока онлайн-курса «JavaScript»", "course"],
      ["Projeto desenvolvido durante o NLW Setup da Rocketseat, trilha Ignite", "course"],
      ["A chat app built during the Odin Project course", "course"],
      ["<자바스크립트를 위한 텐서플로우.js>(한빛미디어, 2022)의 코드 저장소", "book"],
      ["《深入理解计算机系统》配套代码", "book"],
      ["Spring 源码解析", "notes"],
      ["Source code và nội dung của ebook Machine Learning cơ bản", "book"],
      // Code for videos and talks is their tutorial's; code for a lecture series, its course's.
      ["Code for the manim-generated scenes used in 3blue1brown videos", "tutorial"],
      ["Code from my talks at PyCon", "tutorial"],
      ["This project is for the course Java Core", "course"],
    ];
    for (const [description, flavour] of cases)
      expect(findCompanionCode(description, null), description).toMatchObject({ flavour });
  });

  it("does not take a program's account of itself for a text's code", () => {
    for (const description of [
      "GitLab Community Edition",
      "A fast JSON parser implemented in Rust",
      "The source code of the BookStack wiki platform",
      "Create book from markdown files. Like Gitbook but implemented in Rust",
      "Algorithms for graph layout, as a library",
      "支持注释的 JSON 解析器",
      "Code for the paper 'High-Resolution Image Synthesis with Latent Diffusion Models'",
      "Code for training large language models on a single GPU",
      "書籍管理アプリ",
      "Reliable implementations of reinforcement learning algorithms",
      "Утилита для учёта времени работы по проектам",
      "A chat app built during a weekend hackathon",
      "Проект для автоматизации сборки фронтенда",
      "Interactive code examples for documentation, tutorials and blog posts",
    ])
      expect(findCompanionCode(description, null), description).toBeNull();
  });

  it("reads the app a course built as the course's, its description's 'application' included", () => {
    const app = repo({
      owner: "Rocketseat",
      name: "semana-omnistack-11",
      description:
        "Aplicação completa (Back-end, Front-end e Mobile) desenvolvida durante a Semana OmniStack 11.0",
      topics: ["nodejs", "reactjs", "react-native"],
      primaryLanguage: "JavaScript",
      contents: [...folders(".github", "backend", "frontend", "mobile"), ...files("LICENSE.md", "README.md")],
    });
    const readme =
      "# Be The Hero\n\n🚀 Semana OmniStack 11.0\n\n- [Node.js](https://nodejs.org)\n- [React](https://react.dev)\n- [React Native](https://reactnative.dev)\n- [Expo](https://expo.dev)\n";
    const verdict = assessReadme(app, readme);
    expect(verdict).toMatchObject({ verdict: "drop", kind: "learning" });
    expect(verdict.evidence.find((item) => item.text === "Aplicação")?.weight).toBeLessThan(2);
  });

  it("drops a collection of algorithms built like a library, naming the collection", () => {
    const assessment = assessReadme(
      repo({
        name: "Kotlin",
        description: "All Algorithms implemented in Kotlin",
        topics: ["algorithms", "kotlin"],
        primaryLanguage: "Kotlin",
        contents: [...gradleTree, ...files("DIRECTORY.md", "CONTRIBUTING.md")],
      }),
      "# The Algorithms - Kotlin\n\nThese implementations are for learning purposes only.\n",
    );
    expect(assessment.verdict).toBe("drop");
    expect(assessment.reason).toMatch(
      /^Looks like a collection of problem solutions: 'All Algorithms implemented in Kotlin'/,
    );
  });

  it("drops a book's listings that build, and keeps the same build without the book", () => {
    const listings = repo({
      name: "effective-java-3e-source-code",
      description:
        "Source code from Effective Java, Third Edition, with minor additions to make it runnable.",
      primaryLanguage: "Java",
      contents: gradleTree,
    });
    expect(assessReadme(listings, null).verdict).toBe("drop");
    const service = repo({
      name: "orders-service",
      description: "Order management service built with Spring Boot",
      primaryLanguage: "Java",
      contents: gradleTree,
    });
    expect(assessReadme(service, null).verdict).toBe("keep");
  });

  it("keeps a book-authoring tool whose description speaks of books", () => {
    const tool = repo({
      name: "mdBook",
      description: "Create book from markdown files. Like Gitbook but implemented in Rust",
      primaryLanguage: "Rust",
      contents: [
        ...folders(".github", "src", "tests", "guide"),
        ...files("Cargo.toml", "Cargo.lock", "CHANGELOG.md", "README.md"),
      ],
    });
    expect(assessReadme(tool, "# mdBook\n\n```\ncargo install mdbook\n```\n").verdict).toBe("keep");
  });
});

describe("a numbered list of what a reader should know", () => {
  it("heads the description as a guide, and a tool that teaches it stays a tool", () => {
    for (const description of [
      "33 JavaScript concepts every developer should know.",
      "97 Things Every Programmer Should Know",
    ])
      expect(readDescriptionEvidence(description), description).toContainEqual(
        expect.objectContaining({ kind: "learning", flavour: "guide", weight: 2.5 }),
      );
    const tool = readDescriptionEvidence("A CLI that teaches 10 things every developer should know");
    expect(tool.find((item) => item.kind === "software")?.weight).toBeGreaterThan(
      Math.max(...tool.filter((item) => item.kind === "learning").map((item) => item.weight)),
    );
  });
});

describe("a description written as a title", () => {
  it("reads a book's title as one, but not a product line that names what it ships", () => {
    expect(readDescriptionEvidence("The Dark Arts of Unsafe Rust Programming")).toContainEqual(
      expect.objectContaining({ kind: "learning", text: "The Dark Arts of Unsafe Rust Programming" }),
    );
    expect(readDescriptionEvidence("Chocolatey Community Maintained Packages")).toEqual([]);
  });
});

describe("translations of a text", () => {
  it("reads a translation in the description, in English and in other languages", () => {
    for (const description of [
      "Chinese translation of The Rust Programming Language",
      "React documentation website in Vietnamese",
      "Pro Git 第2版 日本語訳",
      "Перевод книги «Выразительный JavaScript»",
      "Tradução do livro Eloquent JavaScript",
      "러스트 프로그래밍 언어 한국어 번역",
      "你不知道的JavaScript 中文版",
    ]) {
      const evidence = readDescriptionEvidence(description).filter((item) => item.kind === "learning");
      expect(evidence.length, description).toBeGreaterThan(0);
    }
  });

  it("does not read a translation tool or translator as a translation", () => {
    for (const description of [
      "A translation management platform for developers",
      "Онлайн-переводчик для разработчиков",
      "번역기 API 클라이언트",
      "Machine translation toolkit",
    ]) {
      const learning = readDescriptionEvidence(description).filter((item) => item.kind === "learning");
      expect(learning, description).toEqual([]);
    }
  });

  it("drops a site that its description names as a translated text, whatever builds it", () => {
    const site = repo({
      name: "es.react.dev",
      description: "React documentation website in Spanish / sitio web de documentación de React en español",
      primaryLanguage: "JavaScript",
      languageSizes: [{ name: "JavaScript", size: 900_000 }],
      contents: [
        ...folders(".github", "plugins", "public", "scripts", "src"),
        ...files("package.json", "README.md"),
      ],
    });
    const readme = "# es.react.dev\n\n## Getting started\n\n```\nyarn\nyarn dev\n```\n";
    expect(assessReadme(site, readme).verdict).toBe("drop");
    // A language version of a program is still the program.
    const fork = repo({ ...site, name: "chat-web", description: "Chinese version of the chat web app" });
    expect(assessReadme(fork, readme).verdict).toBe("keep");
  });

  it("reads a locale subdomain as a site in that language, and a course handout by its Portuguese name", () => {
    for (const name of ["br.vuejs.org", "es.react.dev"])
      expect(
        readNameEvidence(name).some((item) => item.flavour === "translation"),
        name,
      ).toBe(true);
    expect(readNameEvidence("lodash.es.js").some((item) => item.flavour === "translation")).toBe(false);
    expect(readNameEvidence("Apostila_K19").some((item) => item.flavour === "course")).toBe(true);
    expect(readNameEvidence("manual-python").some((item) => item.flavour === "guide")).toBe(true);
    expect(readNameEvidence("projetos-de-c").some((item) => item.flavour === "exercises")).toBe(true);
    expect(readNameEvidence("android-tu-hoc").some((item) => item.flavour === "tutorial")).toBe(true);
    // A language named in full is a hint only: a program's translated UI is named the same way.
    const uiTranslation = readNameEvidence("kobo-tieng-viet").find((item) => item.flavour === "translation");
    expect(uiTranslation?.weight).toBeLessThan(1);
  });

  it("drops a translated documentation site whose build serves the text, naming the translation", () => {
    const site = repo({
      name: "vi.react.dev",
      description: "(Work in progress) React documentation website in Vietnamese",
      primaryLanguage: "JavaScript",
      languageSizes: [{ name: "JavaScript", size: 480_000 }],
      contents: [
        ...folders(".github", "public", "scripts", "src"),
        ...files("package.json", "next.config.js", "tailwind.config.js", "yarn.lock", "README.md"),
      ],
    });
    const readme =
      "# vi.react.dev\n\nRepo này chứa mã nguồn và tài liệu để build trang vi.react.dev — bản dịch tiếng Việt của tài liệu React.\n\n## Cài đặt\n\n```\nyarn\nyarn dev\n```\n";
    const assessment = assessReadme(site, readme);
    expect(assessment.verdict).toBe("drop");
    expect(assessment.reason).toMatch(/^Looks like a translation of a text: /);
  });

  it("reads a Vietnamese translation project in its words, and not a service", () => {
    const said = (text: string) =>
      readDescriptionEvidence(text).some((item) => item.flavour === "translation");
    expect(said("Dự án dịch sách Machine Learning Yearning.")).toBe(true);
    expect(said("Nhóm dịch thuật Machine Learning Cơ Bản.")).toBe(true);
    expect(said("Dự án dịch vụ thanh toán trực tuyến.")).toBe(false);
  });

  it("reads a locale in the name as a hint of a translation, not a package suffix", () => {
    expect(readNameEvidence("progit2-ja").map((item) => item.text)).toContain(
      "named 'progit2-ja' after a locale",
    );
    expect(readNameEvidence("vi.react.dev").some((item) => item.text.includes("after a locale"))).toBe(true);
    expect(readNameEvidence("rust-book-es").some((item) => item.flavour === "translation")).toBe(true);
    expect(readNameEvidence("translated-content").some((item) => item.flavour === "translation")).toBe(true);
    // A language and the word: as much as a locale. The word alone names translation software too.
    for (const name of ["Machine-Learning-Yearning-Vietnamese-Translation", "sicp-zh-translations"])
      expect(
        readNameEvidence(name).map((item) => item.text),
        name,
      ).toContain(`named '${name}' after a locale`);
    for (const name of ["machine-translation", "neural-machine-translation", "translation-api"])
      expect(
        readNameEvidence(name).some((item) => item.flavour === "translation"),
        name,
      ).toBe(false);
    for (const name of ["Swift-Docs-Korean", "redux-in-chinese", "Clean-Code---Tieng-Viet"])
      expect(
        readNameEvidence(name).some((item) => item.flavour === "translation"),
        name,
      ).toBe(true);
    for (const name of [
      "lodash-es",
      "just-do-it",
      "react-ar",
      "vue-fa",
      "japan",
      "core-js-pt",
      "korean-romanizer",
      "normalize-japanese-addresses",
    ])
      expect(
        readNameEvidence(name).some((item) => item.text.includes("after a locale")),
        name,
      ).toBe(false);
  });
});

describe("the materials of a workshop, a training or a talk", () => {
  it("reads them in other languages, and not a model's training", () => {
    for (const description of [
      "全栈工程师培训材料",
      "OSS Gateワークショップ関連資料",
      "스터디 발표 자료 모음",
      "Материалы воркшопа по Python",
      "Materiais das aulas de Algoritmos",
    ]) {
      const learning = readDescriptionEvidence(description).filter((item) => item.kind === "learning");
      expect(learning.length, description).toBeGreaterThan(0);
    }
    const modelTraining = readDescriptionEvidence("深度学习模型训练框架").filter(
      (item) => item.kind === "learning" && item.flavour === "course",
    );
    expect(modelTraining).toEqual([]);
  });
});

describe("examples that run like software", () => {
  const sampleTree: RepoContents = [
    ...folders(".github", "quickstart", "samples", "scenarios", "docs", "tools"),
    ...files("README.md", "LICENSE.md", "CONTRIBUTING.md"),
  ];
  const sampleReadme =
    "# Sample Repository for the Speech SDK\n\n## Features\n\n- Recognize speech\n\n## Getting Started\n\n```\nnpm install\nnpm start\n```\n";

  it("drops an examples owner's samples named after the SDK they show, and keeps the SDK itself", () => {
    const samples = repo({
      owner: "Azure-Samples",
      name: "cognitive-services-speech-sdk",
      description: "Sample code for the Microsoft Cognitive Services Speech SDK",
      contents: sampleTree,
    });
    const samplesVerdict = assessReadme(samples, sampleReadme);
    expect(samplesVerdict.verdict).toBe("drop");
    expect(samplesVerdict.reason).toMatch(/^Looks like a collection of examples: .*owned by 'Azure-Samples'/);
    const sdk = repo({
      owner: "microsoft",
      name: "cognitive-services-speech-sdk",
      description: "The Speech SDK for C++, C#, Java and Python",
      contents: [...folders(".github", "src", "tests"), ...files("CMakeLists.txt", "README.md")],
    });
    expect(assessReadme(sdk, sampleReadme).verdict).toBe("keep");
  });

  it("reads a documentation repository by its name or its owner, not a documentation tool", () => {
    expect(readNameEvidence("PowerShell-Docs").some((item) => item.kind === "learning")).toBe(true);
    expect(readOwnerEvidence("MicrosoftDocs").map((item) => item.text)).toEqual(["owned by 'MicrosoftDocs'"]);
    for (const owner of ["mkdocs", "readthedocs", "docsifyjs"])
      expect(readOwnerEvidence(owner), owner).toEqual([]);
    expect(readNameEvidence("docs-cli").filter((item) => item.kind === "learning")).toEqual([]);
  });

  it("drops a project's documentation website, named as a site and described as documentation", () => {
    const website = (name: string, description: string) =>
      repo({
        name,
        description,
        primaryLanguage: "JavaScript",
        languageSizes: [{ name: "JavaScript", size: 1_400_000 }],
        license: "CC-BY-4.0",
        contents: [
          ...folders(".github", "plugins", "public", "scripts", "src"),
          ...files("package.json", "next.config.js", "yarn.lock", "README.md", "LICENSE-DOCS.md"),
        ],
      });
    const readme =
      "# react.dev\n\nThis repo contains the source code and documentation powering react.dev.\n\n## Getting started\n\n### Installation\n\n1. `yarn`\n\n## Contributing\n\nRead the guidelines.\n";
    const docs = assessReadme(website("react.dev", "The React documentation website"), readme);
    expect(docs.verdict).toBe("drop");
    expect(docs.reason).toContain("a documentation website ('react.dev')");
    expect(
      assessReadme(website("keras-io", "Keras documentation, hosted live at keras.io"), readme).verdict,
    ).toBe("drop");
    // Or its description says it is a website, in any of the detector's languages.
    for (const description of ["The Scala Documentation website", "Документация Vue.js: исходный код сайта"])
      expect(assessReadme(website("docs.scala-lang", description), readme).verdict, description).toBe("drop");
    // Its name is an address: "api" names what the site documents, not a program.
    const api = repo({
      name: "api.jquery.com",
      description: "API documentation for jQuery Core",
      license: "MIT",
      languageSizes: [
        { name: "HTML", size: 60_000 },
        { name: "JavaScript", size: 18_000 },
      ],
      contents: [...folders("categories", "entries", "pages"), ...files("Gruntfile.js", "package.json")],
    });
    expect(assessReadme(api, "# api.jquery.com\n\nThe API documentation site.\n").verdict).toBe("drop");
    // The same site's generator, or a product's site that is no documentation, builds software.
    for (const [name, description] of [
      ["docs.dev", "Documentation site generator for React"],
      ["cal.com", "Scheduling infrastructure for everyone"],
      ["react-docs", "Hosted documentation service"],
    ] as const)
      expect(assessReadme(website(name, description), readme).verdict, name).toBe("keep");
  });

  it("drops a book built by a site generator, whose build serves the text", () => {
    const book = repo({
      name: "theByteBook",
      description: null,
      languageSizes: [
        { name: "JavaScript", size: 30_000 },
        { name: "Shell", size: 2_000 },
      ],
      contents: [
        ...folders(".vuepress", "architecture", "consensus", "network", "assets"),
        ...files("README.md", "package.json", "intro.md"),
      ],
    });
    const readme =
      "# 深入架构原理与实践\n\n这是一本关于架构设计的开源书，涵盖网络、容器与共识。\n\n## 本地运行\n\n```\nnpm install\nnpm run dev\n```\n";
    expect(assessReadme(book, readme).verdict).toBe("drop");
    // A theme for such sites is software, however it speaks of documentation.
    const theme = {
      ...book,
      name: "vuepress-theme-hope",
      description: "A VuePress theme with tons of features for documentation",
      license: "MIT",
    };
    expect(
      assessReadme(
        theme,
        "# vuepress-theme-hope\n\nA theme for docs.\n\n## Install\n\n```\nnpm i vuepress-theme-hope\n```\n",
      ).verdict,
    ).toBe("keep");
  });

  it("reads a sample application's own words as what it demonstrates", () => {
    const sample = repo({
      name: "spring-petclinic",
      description: "A sample Spring-based application",
      primaryLanguage: "Java",
      contents: [...folders(".github", "gradle", "src"), ...files("build.gradle", "Dockerfile", "README.md")],
    });
    const service = repo({
      ...sample,
      name: "spring-payments",
      description: "A Spring-based payments application",
    });
    expect(assessReadme(sample, null).score).toBeGreaterThan(assessReadme(service, null).score + 2);
  });

  it("reads a name that starts with 'example' as an example of the rest", () => {
    const evidence = readNameEvidence("example-voting-app");
    expect(evidence.filter((item) => item.kind === "learning").map((item) => item.flavour)).toContain(
      "examples",
    );
    expect(evidence.filter((item) => item.kind === "software").every((item) => item.weight < 1)).toBe(true);
  });

  it("takes a description that opens with examples as examples, but not a sample size or example-based tests", () => {
    expect(findCompanionCode("Example projects that demonstrate how to use Expo APIs", null)).toMatchObject({
      flavour: "examples",
    });
    expect(findCompanionCode("Samples for the Windows driver kit", null)).toMatchObject({
      flavour: "examples",
    });
    expect(findCompanionCode("Sample size calculator for A/B tests", null)).toBeNull();
    expect(findCompanionCode("Example-based testing for Rust", null)).toBeNull();
  });
});

describe("a collection that says so twice, and a README that indexes its folders", () => {
  const cmakeTree: RepoContents = [
    ...folders(".github", "Common", "Samples", "bin"),
    ...files("CMakeLists.txt", "README.md", "LICENSE", "CHANGELOG.md"),
  ];
  const buildReadme =
    "# CUDA Samples\n\n## Getting Started\n\n### Building CUDA Samples\n\n```\ncmake -B build && cmake --build build\n```\n";

  it("drops samples whose name and description both say so, however they build; keeps the toolkit", () => {
    const samples = repo({
      name: "cuda-samples",
      description: "Samples for CUDA Developers which demonstrates features in CUDA Toolkit",
      topics: ["cuda", "cuda-driver-api", "cuda-kernels"],
      contents: cmakeTree,
    });
    expect(assessReadme(samples, buildReadme).verdict).toBe("drop");
    const toolkit = repo({
      name: "cuda-toolkit",
      description: "Features for CUDA developers: the driver API and kernels",
      topics: samples.topics,
      contents: cmakeTree,
    });
    expect(assessReadme(toolkit, buildReadme).verdict).toBe("keep");
  });

  it("reads one sample named as such and an owner of algorithm collections", () => {
    expect(readNameEvidence("mediapipe-python-sample").some((item) => item.flavour === "examples")).toBe(
      true,
    );
    // "sample code" at the end heads the name as "sample" does: "Twitter-API-v2-sample-code".
    const sampleCode = readNameEvidence("Twitter-API-v2-sample-code");
    expect(sampleCode).toContainEqual(expect.objectContaining({ kind: "learning", flavour: "examples" }));
    expect(sampleCode.filter((item) => item.kind === "software").every((item) => item.weight < 1)).toBe(true);
    expect(readNameEvidence("openapi-sampler").some((item) => item.kind === "learning")).toBe(false);
    expect(readOwnerEvidence("TheAlgorithms").map((item) => item.text)).toEqual(["owned by 'TheAlgorithms'"]);
    expect(readOwnerEvidence("AllAlgorithms")).toHaveLength(1);
    expect(readOwnerEvidence("algorithmiaio")).toEqual([]);
    expect(readOwnerEvidence("Devpeople-study").map((item) => item.flavour)).toEqual(["notes"]);
    expect(readOwnerEvidence("studio")).toEqual([]);
  });

  it("reads a camel-cased samples name and a plugin that tests examples apart", () => {
    expect(readNameEvidence("EntityComponentSystemSamples").some((item) => item.flavour === "examples")).toBe(
      true,
    );
    const plugin = repo({
      name: "pytest-examples",
      description: "Pytest plugin for testing examples in docstrings and markdown files.",
      contents: [...folders(".github", "pytest_examples", "tests"), ...files("pyproject.toml", "README.md")],
    });
    expect(
      assessReadme(plugin, "# pytest-examples\n\n## Installation\n\n```\npip install pytest-examples\n```\n")
        .verdict,
    ).toBe("keep");
  });

  it("drops a list of links that says so twice, whatever renders it; keeps a linter for such lists", () => {
    const readme =
      "# Awesome Kotlin [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\nA curated list of awesome Kotlin related stuff.\n\n[![Build](https://github.com/KotlinBy/awesome-kotlin/actions/workflows/build.yml/badge.svg)](https://github.com/KotlinBy/awesome-kotlin/actions)\n\n## Contents\n\nRead the whole list with search on [kotlin.link](https://kotlin.link/).\n";
    const site = repo({
      name: "awesome-kotlin",
      description: "A curated list of awesome Kotlin related stuff Inspired by awesome-java.",
      topics: ["awesome-list", "kotlin-library"],
      license: "Apache-2.0",
      languageSizes: [{ name: "Kotlin", size: 3_000_000 }],
      contents: [
        ...folders(".github", "src", "app-frontend", "gradle"),
        ...files("build.gradle.kts", "settings.gradle.kts", "Dockerfile", "README.md"),
      ],
    });
    expect(assessReadme(site, readme).verdict).toBe("drop");
    const linter = repo({
      name: "awesome-lint",
      description: "Linter for Awesome lists",
      topics: ["awesome", "lint"],
      license: "MIT",
      languageSizes: [{ name: "JavaScript", size: 40_000 }],
      contents: [
        ...folders("rules", "test", "lib"),
        ...files("package.json", "cli.js", "index.js", "readme.md"),
      ],
    });
    expect(
      assessReadme(linter, "# awesome-lint\n\n## Install\n\n```\nnpm install --global awesome-lint\n```\n")
        .verdict,
    ).toBe("keep");
  });

  it("reads a README that indexes many of the repository's own folders, not its docs and packages", () => {
    const topics = ["hello", "activity_worker", "custom_converter", "encryption", "open_telemetry", "sentry"];
    const contents = [...folders(".github", ...topics, "tests"), ...files("pyproject.toml", "README.md")];
    const index = topics.map((topic) => `* [${topic}](${topic}) - what ${topic} shows.`).join("\n");
    const evidence = assessReadme(
      repo({ name: "temporal-python", contents }),
      `# Python\n\n${index}\n`,
    ).evidence;
    expect(evidence.map((item) => item.text)).toContain("a README that indexes 6 of its own folders");
    // The same number of links to a library's docs, examples, packages and language bindings say nothing.
    const parts = ["docs", "examples", "packages", "python", "java", "benchmarks"];
    const library = [...folders(".github", ...parts), ...files("package.json", "README.md")];
    const links = parts.map((part) => `- [${part}](./${part}/)`).join("\n");
    const libraryEvidence = assessReadme(
      repo({ name: "arrowlike", contents: library }),
      `# arrowlike\n\n${links}\n`,
    );
    expect(libraryEvidence.evidence.some((item) => item.text.includes("indexes"))).toBe(false);
  });

  it("does not count the index of a plugin collection twice", () => {
    const addons = addonNames;
    const contents = [...folders(".github", ...addons), ...files("repository.yaml", "README.md")];
    const readme = `# Add-ons\n\n${addons.map((addon) => `- [${addon}](/${addon}/README.md)`).join("\n")}\n`;
    const evidence = assessReadme(repo({ name: "addons", contents }), readme).evidence;
    expect(evidence.some((item) => item.text.includes("indexes"))).toBe(false);
  });
});

describe("a tree and a README with nothing to build", () => {
  const judges = ["UVa", "SPOJ", "LightOJ", "Timus", "Kattis"];
  const readme = "# OnlineJudge\n\nMy accepted submissions, one folder per judge.\n";

  it("adds the silence to what a repository says of itself, and only then", () => {
    const solutions = repo({
      name: "OnlineJudge-Solutions",
      primaryLanguage: "C++",
      languageSizes: [{ name: "C++", size: 900_000 }],
      contents: [...folders(...judges), ...files("README.md")],
    });
    const verdict = assessReadme(solutions, readme);
    expect(verdict.verdict).toBe("drop");
    expect(verdict.reason).toContain("nothing in the tree or the README that builds or installs");
    // The same name beside a manifest and a source folder: software shows itself, so no silence is read.
    const withBuild = repo({
      ...solutions,
      contents: [...folders("src", "tests"), ...files("package.json", "README.md")],
    });
    expect(
      assessReadme(withBuild, readme).evidence.some((item) => item.text.includes("nothing in the tree")),
    ).toBe(false);
  });

  it("keeps a bare collection of add-ons that says nothing of learning", () => {
    const addons = addonNames.flatMap((addon) => [addon, `${addon}_beta`]);
    const collection = repo({
      name: "addons",
      primaryLanguage: "Shell",
      // home-assistant/addons' own sizes: each add-on carries its scripts and image.
      languageSizes: [
        { name: "Shell", size: 160_000 },
        { name: "Python", size: 40_000 },
        { name: "Dockerfile", size: 30_000 },
      ],
      contents: [...folders(".github", ...addons), ...files("repository.yaml", "README.md")],
    });
    expect(assessReadme(collection, "# Home Assistant Add-ons\n\nAdd-ons extend your setup.\n").verdict).toBe(
      "keep",
    );
  });
});

describe("slides and documents at the top", () => {
  const handouts = (...documents: string[]) =>
    repo({
      name: "Tai-Lieu-PHP-Nang-Cao",
      description: null,
      primaryLanguage: "PHP",
      contents: [...folders("Lab_PHP", "source"), ...files(...documents)],
    });

  it("reads two or more slide decks or word-processor documents as a class's handouts", () => {
    const verdict = assessReadme(handouts("01.LabPHP.doc", "02.OOP.docx", "03.MySQLI.pptx"), null);
    expect(verdict.evidence).toContainEqual(
      expect.objectContaining({ text: "3 slide decks or documents", flavour: "course" }),
    );
    expect(verdict.verdict).toBe("drop");
  });

  it("reads nothing into one deck beside a program, nor into a licence written as a document", () => {
    for (const documents of [["prototypes.pptx"], ["COPYING.DOC", "LICENSE.docx"]])
      expect(
        assessReadme(handouts(...documents), null).evidence.map((item) => item.text),
        documents.join(", "),
      ).not.toContainEqual(expect.stringContaining("slide decks"));
  });
});

describe("a repository without a licence", () => {
  const mission = repo({
    owner: "next-step",
    name: "java-racingcar",
    description: "자동차 경주 게임 미션 저장소",
    primaryLanguage: "Java",
    languageSizes: [{ name: "Java", size: 3_100 }],
    contents: [...folders("gradle", "src"), ...files(".gitignore", "build.gradle", "gradlew", "README.md")],
  });
  const readme =
    "# 자동차 경주 게임\n\n## 진행 방법\n\n- 기능을 구현하기 전에 README.md에 기능 목록을 정리한다.\n";
  const withLicence = (input: NonProjectInput): NonProjectInput => ({
    ...input,
    contents: [...(input.contents ?? []), ...files("LICENSE")],
  });

  it("reads the missing licence as a hint beside what the repository says of itself", () => {
    const verdict = assessReadme(mission, readme);
    expect(verdict.verdict).toBe("drop");
    expect(verdict.reason).toContain("no licence");
    expect(assessReadme(withLicence(mission), readme).verdict).toBe("keep");
  });

  it("reads a course's own app as the course's code when it says so twice and has no licence", () => {
    const course = repo({
      owner: "carherco",
      name: "curso-angular",
      primaryLanguage: "TypeScript",
      languageSizes: [{ name: "TypeScript", size: 300_000 }],
      contents: [...folders("e2e", "src"), ...files("angular.json", "package.json", "README.md")],
    });
    const courseReadme = "# curso-angular\n\nCurso de Angular 8 con TypeScript.\n";
    const verdict = assessReadme(course, courseReadme);
    expect(verdict.verdict).toBe("drop");
    expect(verdict.reason).toMatch(/^Looks like course material/);
    // With a licence it is offered to others, and its build counts in full.
    expect(assessReadme(repo({ ...course, license: "MIT" }), courseReadme).verdict).toBe("keep");
  });

  it("reads a build named for lessons that says nothing of itself and has no licence as a learner's copy", () => {
    const copy = repo({
      owner: "sugimomoto",
      name: "java_honkaku_nyumon",
      description: null,
      primaryLanguage: "Java",
      contents: [
        ...folders(".settings", "src"),
        ...files(".classpath", ".project", "pom.xml", "sample.json"),
      ],
    });
    const verdict = assessReadme(copy, null);
    expect(verdict.verdict).toBe("drop");
    expect(verdict.reason).toMatch(/^Looks like a tutorial: named 'java_honkaku_nyumon'/);
    // Saying what it is, or offering a licence, makes it a program like any other.
    expect(assessReadme(repo({ ...copy, description: "A CSV import tool" }), null).verdict).toBe("keep");
    expect(assessReadme(withLicence(copy), null).verdict).toBe("keep");
  });

  it("reads a build around a few KB of code that calls itself a mission as the exercise's scaffold", () => {
    const scaffold = repo({
      owner: "next-step",
      name: "java-lotto",
      description: "로또 미션 진행을 위한 저장소",
      primaryLanguage: "Java",
      languageSizes: [{ name: "Java", size: 3_000 }],
      contents: [...folders("gradle", "src"), ...files(".gitignore", "build.gradle", "gradlew", "README.md")],
    });
    const steps =
      "# 로또\n## 진행 방법\n* 로또 요구사항을 파악한다.\n* 구현을 완료한 후 Pull Request를 보낸다.\n";
    expect(assessReadme(scaffold, steps)).toMatchObject({ verdict: "drop", kind: "learning" });
    // A program of that size, or a scaffold offered under a licence, keeps its build in full.
    const grown = repo({ ...scaffold, languageSizes: [{ name: "Java", size: 120_000 }] });
    expect(assessReadme(grown, steps).verdict).toBe("keep");
    expect(assessReadme(withLicence(scaffold), steps).verdict).toBe("keep");
  });

  it("reads a licensed scaffold as an assignment when its README says how to hand the work in", () => {
    const challenge = withLicence(
      repo({
        owner: "platzi",
        name: "escuelajs-reto-06",
        description: null,
        primaryLanguage: "JavaScript",
        languageSizes: [{ name: "JavaScript", size: 1_900 }],
        contents: [...folders("public", "src"), ...files("package.json", "webpack.config.js", "README.md")],
      }),
    );
    const handIn =
      "# Escuelajs-reto-06\nReto 6 Octubre 5: Curso Práctico de React JS\n\n### Instalación\n```\nnpm install\n```\n\n### Enviar solución de reto\nCrea un Pull Request.\n";
    const verdict = assessReadme(challenge, handIn);
    expect(verdict).toMatchObject({ verdict: "drop", kind: "learning" });
    expect(verdict.reason).toContain("a README section 'Enviar solución de reto'");
    // Without the hand-in, a small licensed program that mentions a course keeps its build in full.
    const noHandIn = handIn.replace("### Enviar solución de reto", "### Uso");
    expect(assessReadme(challenge, noHandIn).verdict).toBe("keep");
  });

  it("reads a lab of any size as the exercise's when its README says how to hand it in", () => {
    const lab = repo({
      owner: "ironhack-labs",
      name: "lab-javascript-vikings",
      description: null,
      primaryLanguage: "JavaScript",
      languageSizes: [{ name: "JavaScript", size: 24_000 }],
      contents: [...folders("src", "tests"), ...files("package.json", "README.md")],
    });
    const submission = (heading: string) =>
      `# LAB | JS Vikings\n\nIntroduction to the battle.\n\n## ${heading}\n\n- Fork this repo\n- Clone it\n`;
    for (const heading of ["Submission", "Como enviar tu solución", "Como entregar o desafio"])
      expect(assessReadme(lab, submission(heading)).evidence, heading).toContainEqual(
        expect.objectContaining({ handIn: true }),
      );
    expect(assessReadme(lab, submission("Submission")).verdict).toBe("drop");
    expect(assessReadme(lab, submission("Usage")).verdict).toBe("keep");
  });

  it("takes the licence GitHub recognised as a licence, whatever the tree lists", () => {
    expect(assessReadme(repo({ ...mission, license: "MIT" }), readme).evidence).not.toContainEqual(
      expect.objectContaining({ text: "no licence" }),
    );
  });

  it("counts LICENSE, COPYING and a LICENSES/ folder as a licence, in any case and with any extension", () => {
    for (const licence of [
      files("LICENSE.md"),
      files("licence"),
      files("COPYING.LESSER"),
      folders("LICENSES"),
    ])
      expect(
        assessReadme(repo({ ...mission, contents: [...(mission.contents ?? []), ...licence] }), readme)
          .verdict,
      ).toBe("keep");
  });

  it("decides nothing alone, nor for a program that publishes releases", () => {
    // A program that says nothing of learning, without a licence file.
    const tool = repo({
      name: "fetch-cache",
      description: "Caches HTTP responses on disk",
      primaryLanguage: "Go",
      contents: [...folders("cmd"), ...files("go.mod", "README.md")],
    });
    expect(assessReadme(tool, "# fetch-cache\n\nSmall and fast.\n").evidence).not.toContainEqual(
      expect.objectContaining({ text: "no licence" }),
    );
    // A tutorial-authoring crate with a changelog ships releases, licence file or not.
    const released = repo({
      ...mission,
      contents: [...(mission.contents ?? []), ...files("CHANGELOG.md")],
    });
    expect(assessReadme(released, readme).evidence).not.toContainEqual(
      expect.objectContaining({ text: "no licence" }),
    );
  });

  it("reads a tree shaped like material as pointing at it, unless the languages show a body of code", () => {
    // Notes and settings kept by topic: 3 KB of shell, folders and no code of its own, no licence.
    const notes = repo({
      owner: "nicothin",
      name: "web-development",
      primaryLanguage: "Shell",
      languageSizes: [{ name: "Shell", size: 3_000 }],
      contents: [
        ...folders("bash", "css-preprocessors", "git", "github", "npm", "sublime_text_3", "vscode", "atom"),
        ...files(".gitignore", "readme.md"),
      ],
    });
    const notesReadme = "# Веб-разработка\n\nНастройки, инструменты, применяемые в веб-разработке.\n";
    const verdict = assessReadme(notes, notesReadme);
    expect(verdict.verdict).toBe("drop");
    expect(verdict.reason).toContain("no licence");
    expect(assessReadme(withLicence(notes), notesReadme).verdict).toBe("keep");
    // The same folders holding 230 KB of code are a collection of programs, licence file or not.
    const programs = repo({ ...notes, languageSizes: [{ name: "Shell", size: 230_000 }] });
    expect(assessReadme(programs, notesReadme).verdict).toBe("keep");
  });

  it("adds to the silence of a repository that describes nothing: two omissions, two hints", () => {
    const silent = repo({ ...mission, description: null });
    const hints = (input: NonProjectInput) =>
      assessReadme(input, null)
        .evidence.map((item) => item.text)
        .filter((text) => text === "no licence" || text === "neither a description nor a README");
    expect(hints(silent)).toEqual(["neither a description nor a README", "no licence"]);
    expect(hints(withLicence(silent))).toEqual(["neither a description nor a README"]);
  });
});

describe("where a course is given, named in the repository's name", () => {
  it("reads a course provider anywhere in a name, run together too, but not a tool for its site", () => {
    for (const name of ["devops-netology", "netologyThreadsProject", "rocketseat-ignite", "hexlet-java"])
      expect(readNameEvidence(name), name).toContainEqual(
        expect.objectContaining({ kind: "learning", flavour: "course" }),
      );
    for (const name of ["coursera-dl", "udemy-api", "netology-bot"])
      expect(readNameEvidence(name), name).not.toContainEqual(expect.objectContaining({ kind: "learning" }));
    // A kit for writing the provider's exercises is headed by "kit": its other words only modify it.
    expect(readNameEvidence("hexlet-exercise-kit")).not.toContainEqual(
      expect.objectContaining({ kind: "learning", weight: 1.5 }),
    );
  });
});

describe("a solution, singular", () => {
  it("is a problem's answer when it is for a coding-challenge site or its problems, and a product otherwise", () => {
    const leetcode = readDescriptionEvidence("Go Solution for LeetCode algorithms problems, 100% coverage.");
    expect(leetcode).toContainEqual(expect.objectContaining({ kind: "learning", flavour: "solutions" }));
    expect(leetcode).not.toContainEqual(expect.objectContaining({ kind: "software" }));
    expect(readDescriptionEvidence("An open-source solution for monitoring servers")).toContainEqual(
      expect.objectContaining({ kind: "software", text: "solution" }),
    );
  });
});

describe("an example further in a description", () => {
  it("reads 'sample app' and 'demo application' as an example wherever they stand, and no more", () => {
    for (const description of [
      "Neo4j Movies Example application with Node/Express backend using the neo4j-javascript-driver",
      "Spring Boot sample app",
      "The Kubernetes demo application",
    ])
      expect(readDescriptionEvidence(description), description).toContainEqual(
        expect.objectContaining({ kind: "learning", flavour: "examples", weight: 2 }),
      );
    for (const description of ["Sample-size calculator app", "An app to collect example sentences"])
      expect(readDescriptionEvidence(description), description).not.toContainEqual(
        expect.objectContaining({ kind: "learning", flavour: "examples" }),
      );
  });
});

describe("software that looks like a study on the surface", () => {
  it("reads a Spanish or Portuguese name head first when a word for software leads it", () => {
    for (const name of ["plataforma-estudos", "gerenciador-de-cursos", "aplicativo-de-aulas"]) {
      const evidence = readNameEvidence(name);
      expect(evidence, name).toContainEqual(expect.objectContaining({ kind: "software", weight: 1.5 }));
      expect(
        evidence.filter((item) => item.kind === "learning" && item.weight > 1),
        name,
      ).toEqual([]);
    }
    // English names end in their head noun: "app-ideas" is a set of ideas, "curso-angular" a course.
    expect(readNameEvidence("app-ideas")).toContainEqual(
      expect.objectContaining({ kind: "learning", weight: 2 }),
    );
    expect(readNameEvidence("curso-angular")).not.toContainEqual(
      expect.objectContaining({ kind: "software" }),
    );
  });

  it("knows an Arduino library by its manifest and its PlatformIO registry badge, whatever its README links", () => {
    const library = repo({
      owner: "GyverLibs",
      name: "GSON",
      topics: ["arduino", "json"],
      contents: [
        ...folders(".github", "examples", "src"),
        ...files("LICENSE", "README.md", "library.properties"),
      ],
    });
    const links = Array.from(
      { length: 14 },
      (_, index) => `- [Пример ${index + 1}](https://example.org/${index})`,
    );
    const readme = [
      "[![PIO](https://badges.registry.platformio.org/packages/gyverlibs/library/GSON.svg)](https://registry.platformio.org/libraries/gyverlibs/GSON)",
      "# GSON",
      "Парсер и сборщик данных в формате JSON для Arduino",
      ...links,
    ].join("\n");
    const verdict = assessReadme(library, readme);
    expect(verdict.verdict).toBe("keep");
    expect(verdict.reason).toContain("library.properties");
    expect(verdict.reason).toContain("a badge of the PlatformIO registry");
  });

  it("counts an application's two tiers as its source when no source folder stands at the top", () => {
    const tiers = readContentsEvidence([...folders("backend", "frontend", "deploy"), ...files("README.md")]);
    expect(tiers).toContainEqual(
      expect.objectContaining({ kind: "software", text: "backend/ and frontend/ folders" }),
    );
    const withSource = readContentsEvidence([
      ...folders("src", "server", "client"),
      ...files("package.json"),
    ]);
    expect(withSource.filter((item) => item.kind === "software" && item.text.includes("/ and "))).toEqual([]);
  });

  it("reads a lesson's episodes as a course's units, as the Carpentries lay them out", () => {
    expect(readContentsEvidence([...folders("_episodes"), ...files("Makefile", "README.md")])).toContainEqual(
      expect.objectContaining({ text: "a folder of _episodes", flavour: "course" }),
    );
  });

  it("reads a book's front matter and its book tool's files (Atlas, GitBook) as a book", () => {
    const book = readContentsEvidence([
      ...folders("chapters", "code", "images"),
      ...files("atlas.json", "preface.asciidoc", "readme.md", "license.md"),
    ]);
    expect(book).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: "a book's table of contents (atlas.json)", flavour: "book" }),
        expect.objectContaining({ text: "a book's front matter (preface.asciidoc)", flavour: "book" }),
      ]),
    );
    // GitBook's list of a book's languages, and the folder its sync keeps beside the text.
    expect(readContentsEvidence([...folders("en", "pt"), ...files("LANGS.md", "README.md")])).toContainEqual(
      expect.objectContaining({ text: "a book's table of contents (LANGS.md)" }),
    );
    expect(readContentsEvidence([...folders(".gitbook", "chapter-1"), ...files("README.md")])).toContainEqual(
      expect.objectContaining({ text: "a book's table of contents (.gitbook)" }),
    );
    // A glossary or acknowledgements file is as common in programs.
    const program = readContentsEvidence([...folders("src"), ...files("package.json", "GLOSSARY.md")]);
    expect(program.some((item) => item.flavour === "book")).toBe(false);
  });

  it("reads folders with not one file beside them, not even a README, as separate exercises", () => {
    const bare = readContentsEvidence(
      folders("accountbook", "goroutine", "greeting", "guestbook", "imgconv"),
    );
    expect(bare).toContainEqual(
      expect.objectContaining({ kind: "learning", text: "5 folders and not one file beside them" }),
    );
    const withReadme = readContentsEvidence([
      ...folders("accountbook", "goroutine", "greeting", "guestbook", "imgconv"),
      ...files("README.md"),
    ]);
    expect(withReadme.some((item) => item.text.includes("not one file"))).toBe(false);
  });

  it("reads tiers named after their application, but not examples named for what they show", () => {
    const named = readContentsEvidence(
      folders("learn-greek-easy-backend", "learn-greek-easy-frontend", "docs"),
    );
    expect(named).toContainEqual(
      expect.objectContaining({
        kind: "software",
        text: "learn-greek-easy-backend/ and learn-greek-easy-frontend/ folders",
      }),
    );
    expect(readContentsEvidence(folders("api", "frontend", "functions"))).toContainEqual(
      expect.objectContaining({ kind: "software", text: "api/ and frontend/ folders" }),
    );
    const examples = readContentsEvidence(folders("ejb-multi-server", "jaxrs-client", "batch-processing"));
    expect(examples.some((item) => item.text.endsWith("/ folders") && item.kind === "software")).toBe(false);
  });
});

describe("who publishes a repository", () => {
  it("reads a technical publisher's repository as a book's listings, building or not", () => {
    const listings = repo({
      owner: "PacktPublishing",
      name: "Hands-On-Microservices-with-Go",
      description: "Chapter-wise code examples",
      primaryLanguage: "Go",
      languageSizes: [{ name: "Go", size: 120_000 }],
      contents: gradleTree,
    });
    const verdict = assessReadme(listings, "# Hands-On Microservices\n\n```\n./gradlew build\n```\n");
    expect(verdict.verdict).toBe("drop");
    expect(verdict.reason).toContain("owned by 'PacktPublishing', a publisher");
    // The owner alone is not enough, and other owners with "press" or "book" in them make software.
    const neutralReadme = "# Microservices\n\nReleased under the MIT licence.\n";
    expect(assessReadme({ ...listings, description: null }, neutralReadme).verdict).toBe("keep");
    for (const owner of ["pressbooks", "jupyter-book", "expressjs"])
      expect(readOwnerEvidence(owner), owner).toEqual([]);
  });
});

describe("what others start their own work from is software", () => {
  it("keeps a documentation theme and a solutions template", () => {
    const theme = repo({
      name: "hugo-book",
      description: "Hugo documentation theme as simple as plain book",
      topics: ["hugo", "hugo-theme", "book", "documentation"],
      contents: [
        ...folders(".github", "archetypes", "assets", "exampleSite", "i18n", "layouts", "static"),
        ...files("go.mod", "hugo.toml", "theme.toml", "README.md", "LICENSE"),
      ],
    });
    expect(assessReadme(theme, "# Hugo Book Theme\n\n## Features\n\n- Clean simple design\n").verdict).toBe(
      "keep",
    );
    const template = repo({
      name: "advent-of-code-rust",
      description: "Starter template for solving Advent of Code in Rust.",
      topics: ["advent-of-code", "rust", "template"],
      primaryLanguage: "Rust",
      languageSizes: [{ name: "Rust", size: 24_000 }],
      contents: [...folders(".github", "data", "src"), ...files("Cargo.toml", "Cargo.lock", "README.md")],
    });
    expect(
      assessReadme(template, "# Advent of Code\n\nSolutions for Advent of Code in Rust.\n").verdict,
    ).toBe("keep");
  });

  it("still drops a course's starter code", () => {
    const course = repo({
      name: "complete-javascript-course",
      description: "Starter files, final projects, and FAQ for my Complete JavaScript course",
    });
    expect(assessReadme(course, null).verdict).toBe("drop");
  });
});

describe("folders named in words", () => {
  it("reads chapters titled instead of numbered", () => {
    const chapters = ["attention-mechanisms", "computer-vision", "optimization", "recurrent-neural-networks"];
    const tree = [
      ...folders(...chapters.map((name) => `chapter_${name}`), "static"),
      ...files("setup.py", "README.md"),
    ];
    expect(readContentsEvidence(tree).map((item) => item.text)).toContain("4 chapter folders");
    const modules = [
      ...folders("module-core", "module-web", "module-cli", "unit-tests"),
      ...files("pom.xml"),
    ];
    expect(readContentsEvidence(modules).some((item) => item.kind === "learning")).toBe(false);
  });

  it("reads topics named in a natural language as a text's table of contents", () => {
    const tree = [
      ...folders("前沿技术", "源码解读", "设计模式", "编译原理", "TS 类型体操"),
      ...files("package.json", "helper.js", "readme.md"),
    ];
    const evidence = readContentsEvidence(tree).filter((item) => item.kind === "learning");
    expect(evidence.map((item) => item.text)).toContain(
      "5 folders or documents named in words ('前沿技术', '源码解读', '设计模式')",
    );
  });

  it("reads a blog's posts as articles, whatever builds the site", () => {
    const blog = [
      ...folders("_includes", "_layouts", "_posts", "css"),
      ...files("_config.yml", "Gemfile", "README.md"),
    ];
    expect(readContentsEvidence(blog).map((item) => item.text)).toContain("a blog's posts (_posts/)");
  });

  it("does not read two build folders or scripts named in words", () => {
    const tree = [
      ...folders("Build 2018 10 01 - Linux Python3", "Prebuilt for MAC OSX - Python 3", "src"),
      ...files("general (ALT).bat", "general (ALT2).bat", "general (FAKE TLS).bat", "setup.py"),
    ];
    expect(readContentsEvidence(tree).some((item) => item.text.includes("named in words"))).toBe(false);
  });
});

describe("where courses are given and what they set", () => {
  it("reads a year in the name as a course's or a challenge's edition, not a version", () => {
    for (const name of ["mipt-java-2016", "NLP_2026", "spring2024-assignments", "Programacion-01-2022-2023"])
      expect(
        readNameEvidence(name).some((item) => item.flavour === "course"),
        name,
      ).toBe(true);
    for (const name of ["python3", "log4j2", "ecma262", "win32-api", "EMNLP2021-retriever", "v2026"])
      expect(
        readNameEvidence(name).some((item) => item.flavour === "course"),
        name,
      ).toBe(false);
  });

  it("reads a course platform, a numbered assignment and a tutorial's title", () => {
    for (const description of [
      "Repository for Programming Assignment 2 for R Programming on Coursera",
      "Projects from my Udacity Nanodegree",
      "Rust for C++ programmers",
      "Python Enhancement Proposals",
      "Go Project Design Documents",
      "Решение заданий ЕГЭ по информатике на языке Python",
    ]) {
      const learning = readDescriptionEvidence(description).filter((item) => item.kind === "learning");
      expect(learning.length, description).toBeGreaterThan(0);
    }
  });

  it("keeps a downloader for a course platform and a tool for developers", () => {
    const downloader = repo({
      name: "coursera-dl",
      description: "Script for downloading Coursera.org videos and naming them.",
      primaryLanguage: "Python",
      contents: [...folders("coursera", "tests"), ...files("setup.py", "README.md")],
    });
    expect(assessReadme(downloader, "# coursera-dl\n\n```\npip install coursera-dl\n```\n").verdict).toBe(
      "keep",
    );
    for (const [name, description] of [
      ["udemy-clone", "Udemy clone built with Next.js and Stripe"],
      ["coursera-api", "Coursera API client for Node.js"],
      ["zh-translate", "Chinese translation plugin for VS Code"],
    ] as const)
      expect(assessReadme(repo({ name, description }), null).verdict, description).toBe("keep");
    const tool = repo({
      name: "gopls",
      description: "The Go language server for Go developers",
      primaryLanguage: "Go",
      contents: [...folders("internal", "cmd"), ...files("go.mod", "README.md")],
    });
    expect(assessReadme(tool, null).verdict).toBe("keep");
  });

  it("reads a course's challenges that build and test like software", () => {
    const challenges = repo({
      name: "retos-javascript-fundamentos",
      primaryLanguage: "JavaScript",
      contents: [
        ...folders("src"),
        ...files("package.json", "vitest.config.js", "CHANGELOG.md", "README.md"),
      ],
    });
    const readme =
      "# Curso de Fundamentos de JavaScript - Retos\n\nRetos prácticos del Curso de Fundamentos de JavaScript en Platzi.\n\n## Instalación\n\n```bash\nnpm install\n```\n";
    expect(assessReadme(challenges, readme).verdict).toBe("drop");
  });

  it("reads a dozen chapters beside one build script as a write-up", () => {
    const chapters = [
      "arrays",
      "borrowed",
      "closures",
      "control-flow",
      "data-types",
      "hello-world",
      "unique",
    ];
    const tree = [
      ...files(...chapters.map((name) => `${name}.md`), "compile_pdf.sh", "README.md", "LICENSE.md"),
    ];
    expect(readContentsEvidence(tree).map((item) => item.text)).toContain(
      "7 Markdown or document files and no code",
    );
  });
});

describe("study collections, course missions and what a README opens with", () => {
  const nodeTree: RepoContents = [
    ...folders("src"),
    ...files("package.json", "package-lock.json", "tsconfig.json", "README.md"),
  ];

  it("drops design patterns implemented one by one, however they build, and keeps a tool named after them", () => {
    const typescript = {
      primaryLanguage: "TypeScript",
      languageSizes: [{ name: "TypeScript", size: 60_000 }],
    };
    const patterns = repo({
      name: "design-patterns-typescript",
      topics: ["design-patterns"],
      ...typescript,
      contents: nodeTree,
    });
    const readme =
      "# Design Patterns in TypeScript\n\nThis repository is part of the Refactoring.Guru project.\n\n## Requirements\n\n```\nnpm install -g typescript\n```\n";
    expect(assessReadme(patterns, readme).verdict).toBe("drop");
    const tool = repo({
      name: "leetcode-cli",
      description: "A CLI tool for LeetCode",
      ...typescript,
      contents: nodeTree,
    });
    expect(assessReadme(tool, "# leetcode-cli\n\n```\nnpm install -g leetcode-cli\n```\n").verdict).toBe(
      "keep",
    );
  });

  it("reads a codelab as a course's and its source as the codelab's code", () => {
    expect(
      readDescriptionEvidence("The source for the Firebase codelab for building a chat app"),
    ).toContainEqual(expect.objectContaining({ kind: "learning", text: "codelab" }));
    expect(
      readDescriptionEvidence("This is the source code for the Firebase FriendlyChat codelab."),
    ).toContainEqual(expect.objectContaining({ kind: "learning", flavour: "book" }));
    // The tool that renders codelabs is named for what it does.
    expect(readDescriptionEvidence("A tool to author and render codelabs")).toContainEqual(
      expect.objectContaining({ kind: "software" }),
    );
  });

  it("drops a documentation site named for a language whose README says it translates the site", () => {
    const site = repo({
      name: "angular-ja",
      owner: "angular",
      description: null,
      topics: ["angular", "documentation", "japanese", "translation"],
      primaryLanguage: "TypeScript",
      languageSizes: [{ name: "TypeScript", size: 476_379 }],
      contents: [
        ...folders(".github", "adev-ja", "docs", "origin", "tools"),
        ...files("LICENSE", "README.md", "firebase.json", "package.json", "prh.yml", "tsconfig.json"),
      ],
    });
    const readme =
      "# angular-ja\n\n![CI](https://github.com/angular/angular-ja/workflows/build-and-test/badge.svg)\n\nこのリポジトリはAngularの公式サイト angular.io を日本語に翻訳するためのものです。\n";
    expect(assessReadme(site, readme)).toMatchObject({ verdict: "drop", kind: "learning" });
    // A program with a Japanese name says nothing of translating.
    const app = { ...site, name: "kakeibo-ja", topics: [] };
    expect(assessReadme(app, "# kakeibo-ja\n\n家計簿アプリです。\n").verdict).toBe("keep");
  });

  it("reads a tool's package family as the head of a name, and keeps a course provider's published config", () => {
    for (const name of ["eslint-config-rocketseat", "hugo-theme-splunk-workshop", "babel-preset-course"]) {
      expect(readNameEvidence(name), name).toContainEqual(
        expect.objectContaining({ kind: "software", weight: 1.5 }),
      );
      expect(readNameEvidence(name), name).not.toContainEqual(
        expect.objectContaining({ kind: "learning", weight: 2 }),
      );
    }
    const config = repo({
      name: "eslint-config-rocketseat",
      owner: "Rocketseat",
      description: "ESLint configuration used by Rocketseat",
      topics: ["eslint", "eslint-config"],
      primaryLanguage: "JavaScript",
      languageSizes: [{ name: "JavaScript", size: 3358 }],
      contents: files(".gitignore", "README.md", "next.js", "node.js", "package.json", "react.js"),
    });
    // Published as "@rocketseat/eslint-config": its own words in another order, installed by name.
    const readme =
      "# Rocketseat ESLint config\n\n## Setup\n\nInstall dependencies:\n```\nnpm i -D eslint @rocketseat/eslint-config\n```\n";
    const assessment = assessReadme(config, readme);
    expect(
      assessment.evidence.some(
        (item) => item.kind === "software" && item.text.startsWith("an install command"),
      ),
    ).toBe(true);
    expect(assessment.verdict).toBe("keep");
  });

  it("keeps an editor's plugin for a coding-challenge site, and a Jekyll-documented program's source", () => {
    expect(readNameEvidence("vscode-leetcode")).toContainEqual(expect.objectContaining({ kind: "software" }));
    // A learning platform's plugins are named for it the same way.
    expect(readNameEvidence("moodle-mod_studentquiz")).toContainEqual(
      expect.objectContaining({ kind: "software", weight: 1.5 }),
    );
    // A Portuguese or Spanish generator heads its name: a generator of handouts is a program.
    expect(readNameEvidence("gerador-de-apostilas")).toContainEqual(
      expect.objectContaining({ kind: "software", weight: 1.5 }),
    );
    for (const name of ["vscode-extension-samples", "vim-is-hard-lessons"])
      expect(readNameEvidence(name), name).not.toContainEqual(
        expect.objectContaining({ kind: "software", weight: 1.5 }),
      );
    const extension = repo({
      name: "vscode-leetcode",
      description: "Solve LeetCode problems in VS Code",
      primaryLanguage: "TypeScript",
      languageSizes: [{ name: "TypeScript", size: 119_079 }],
      contents: [
        ...folders(".github", "docs", "resources", "src"),
        ...files("_config.yml", "CHANGELOG.md", "package.json", "tsconfig.json", "README.md"),
      ],
    });
    const assessment = assessReadme(extension, "# LeetCode\n\n> Solve LeetCode problems in VS Code\n");
    expect(assessment.verdict).toBe("keep");
    expect(assessment.reason).toContain("a src/ folder");
  });

  it("reads studies, textbooks, courses and algorithm collections named in other languages", () => {
    for (const name of [
      "Estudo_Apostila_Caelum_Java_POO",
      "estudos-java",
      "giao-trinh",
      "mon-hoc-lap-trinh-java",
      "Cau-truc-du-lieu-va-giai-thuat",
      "estructuras-de-datos",
      "AlgoritmosJava",
      "AprendendoJava",
      "DataMiningAlgorithm",
      "DesignPatternsInPython",
      "programacion-python",
      "ThinkingInCPPChinese",
    ])
      expect(readNameEvidence(name), name).toContainEqual(expect.objectContaining({ kind: "learning" }));
  });

  it("keeps a GitHub Action whose code is its action.yml", () => {
    const action = repo({
      name: "free-disk-space",
      description: "Free disk space on Ubuntu GitHub Actions runners",
      languageSizes: [],
      contents: [...folders(".github"), ...files("LICENSE", "README.md", "action.yml")],
    });
    const readme =
      "# Free disk space\n\nA customizable GitHub Action.\n\n## Options\n\n- `android`: remove Android tools\n";
    expect(assessReadme(action, readme)).toMatchObject({ verdict: "keep" });
    expect(assessReadme(action, readme).reason).toContain("action.yml");
  });

  it("reads competitive programmers' solutions by name, run together too", () => {
    for (const name of ["kyopro", "kyopro-tessoku", "AdventOfCode2022", "atcoder-solutions", "USACO"])
      expect(readNameEvidence(name), name).toMatchObject([{ kind: "learning", flavour: "solutions" }]);
    expect(readNameEvidence("online-judge-tools")).toEqual([]);
    // A version after the head noun does not replace it: the CLI heads the name, the puzzles modify it.
    const cli = readNameEvidence("aoc-cli-2.0");
    expect(cli.find((item) => item.kind === "learning")?.weight).toBeLessThan(1);
  });

  it("reads a padded module number and a book's series or edition in a name, not a version", () => {
    const flavours = (name: string) => readNameEvidence(name).map((item) => item.flavour);
    for (const name of ["nlw-06-nodejs", "ignite-lab-00-aulas", "semana-javascript-expert06"])
      expect(flavours(name), name).toContain("course");
    for (const name of ["head-first-design-patterns-cpp", "spring-batch-in-action", "ml-book-3rd-edition"])
      expect(flavours(name), name).toContain("book");
    for (const name of ["x264", "mp3", "utf-8", "base64", "ipv6", "ps2-emulator", "action-runner"])
      expect(
        readNameEvidence(name).filter((item) => item.kind === "learning"),
        name,
      ).toEqual([]);
  });

  it("drops a bootcamp's mission repository that builds, and keeps the same build without the mission", () => {
    const gradle = (description: string, name: string) =>
      repo({
        owner: "woowacourse",
        name,
        description,
        primaryLanguage: "Java",
        languageSizes: [{ name: "Java", size: 3_000 }],
        contents: gradleTree,
      });
    const readme =
      "# java-chess\n\n체스 미션 저장소\n\n## 우아한테크코스 코드리뷰\n\n- 온라인 코드 리뷰 과정\n";
    expect(assessReadme(gradle("체스 미션 저장소", "java-chess"), readme).verdict).toBe("drop");
    expect(assessReadme(gradle("체스 게임 서버", "chess-server"), "# chess-server\n").verdict).toBe("keep");
  });

  it("reads the opening under a heading that only introduces it, and an AsciiDoc title", () => {
    const book = assessReadme(
      repo({
        name: "theByteBook",
        contents: [...folders(".vuepress", "network", "container"), ...files("package.json")],
      }),
      "# 深入高可用系统原理与设计\n\n## 这是什么？\n\n这是一本关于架构设计的开源书籍，已经出版。\n",
    );
    expect(book.evidence).toContainEqual(expect.objectContaining({ source: "readme", flavour: "book" }));
    const course = assessReadme(
      repo({ name: "course-java-core", contents: gradleTree }),
      "= course-java-core\n\nThis project is for the course 'Java Core'.\n",
    );
    expect(course.verdict).toBe("drop");
  });

  it("reads folders named after programming languages as people write them, not bindings or an R package", () => {
    const texts = (contents: RepoContents) => readContentsEvidence(contents).map((item) => item.text);
    expect(texts([...folders("JavaScript"), ...files("package.json", "README.md")])).toContain(
      "a folder named after a programming language (JavaScript)",
    );
    const bindings = [...folders("python", "java", "src", "R"), ...files("CMakeLists.txt", "DESCRIPTION")];
    expect(texts(bindings).some((text) => text.includes("named after"))).toBe(false);
  });

  it("drops a translated site its language community keeps, and keeps that community's own tools", () => {
    const site = [...folders("src", ".vuepress"), ...files("package.json", "yarn.lock", "README.md")];
    const readme =
      "# vi.vuejs.org\n\nĐây là phiên bản tiếng Việt chính thức của [trang chủ Vue.js](https://vuejs.org). Cũng như bản gốc tiếng Anh, bản dịch này được viết bằng [hexo](http://hexo.io/).\n\n## Cài đặt\n\n```\nnpm install\nnpm start\n```\n";
    const translation = repo({
      owner: "vuejs-vn",
      name: "vuejs.org",
      languageSizes: [
        { name: "JavaScript", size: 313_080 },
        { name: "Stylus", size: 32_714 },
      ],
      contents: site,
    });
    expect(assessReadme(translation, readme).verdict).toBe("drop");
    expect(assessReadme({ ...translation, owner: "vuejs" }, readme).verdict).toBe("keep");
    const rule = repo({
      owner: "textlint-ja",
      name: "textlint-rule-max-ten",
      description: "textlint rule that limit maxinum ten(、) count of sentence.",
      primaryLanguage: "JavaScript",
      languageSizes: [{ name: "JavaScript", size: 20_000 }],
      contents: [...folders("src", "test"), ...files("package.json", "README.md")],
    });
    expect(
      assessReadme(rule, "# textlint-rule-max-ten\n\n## Install\n\n    npm install textlint-rule-max-ten\n")
        .verdict,
    ).toBe("keep");
  });

  it("reads a week of classes, koans and a data-structures course by name, however they build", () => {
    const flavours = (name: string) => readNameEvidence(name).map((item) => item.flavour);
    expect(flavours("semana-omnistack-11")).toContain("course");
    expect(flavours("Data-Structure-and-Algorithm")).toContain("guide");
    expect(flavours("ApuntesJava")).toContain("notes");
    expect(isExampleName("godot-demo-projects")).toBe(true);
    expect(isExampleName("side-projects")).toBe(false);
    // One demo, as one example or one sample: "miniprogram-demo", "microservices-demo".
    expect(isExampleName("miniprogram-demo")).toBe(true);
    expect(isExampleName("democracy")).toBe(false);
    expect(flavours("CursoReact")).toContain("course");
    const koans = repo({
      name: "kotlin-koans",
      description: "Kotlin workshop",
      primaryLanguage: "Kotlin",
      languageSizes: [{ name: "Kotlin", size: 40_000 }],
      contents: [...gradleTree, ...folders("test")],
    });
    expect(assessReadme(koans, "# Kotlin Koans\n\nRun the tests to check your solutions.\n").verdict).toBe(
      "drop",
    );
  });

  it("does not take a word of a book's title for the repository's own account of itself", () => {
    const listings = repo({
      name: "ml-powered-applications",
      description: "<머신러닝 파워드 애플리케이션>(한빛미디어, 2021)의 코드 저장소",
      primaryLanguage: "Jupyter Notebook",
      languageSizes: [{ name: "Jupyter Notebook", size: 900_000 }],
      contents: [...folders("notebooks", "ml_editor", "images"), ...files("requirements.txt", "README.md")],
    });
    const readme = "# 머신러닝 파워드 애플리케이션\n\n```\npip install -r requirements.txt\n```\n";
    expect(assessReadme(listings, readme).verdict).toBe("drop");
    const app = { ...listings, name: "ml-app", description: "머신러닝 애플리케이션 서버" };
    expect(assessReadme(app, "# ml-app\n\n```\npip install -r requirements.txt\n```\n").verdict).toBe("keep");
  });

  it("reads study repositories, problem statements and Vietnamese programming courses by name, not a study timer", () => {
    const learning = (name: string) => readNameEvidence(name).filter((item) => item.kind === "learning");
    for (const name of [
      "algorithm-study",
      "study-html",
      "enunciados-miercoles-noche",
      "algorithm",
      "Lap-trinh-huong-doi-tuong-CPP",
    ])
      expect(learning(name).length, name).toBeGreaterThan(0);
    expect(learning("youtube-study-space")).toEqual([]);
    for (const name of ["study-timer", "algorithm-visualizer"]) {
      const evidence = readNameEvidence(name);
      expect(
        evidence.some((item) => item.kind === "software"),
        name,
      ).toBe(true);
    }
  });

  it("counts a documentation repository's site build for less, and keeps a documentation theme", () => {
    const site = [...folders("content", "src", "plugins"), ...files("package.json", "README.md")];
    const docs = repo({
      owner: "Khoa-Hoc-Du-Lieu",
      name: "docs",
      contents: site,
      languageSizes: [{ name: "JavaScript", size: 4_000 }],
    });
    const readme =
      "# Tài liệu\n\n- [Python](https://python.org)\n- [R](https://r-project.org)\n- [SQL](https://sql.org)\n- [Git](https://git-scm.com)\n";
    const manifestWeight = (repository: typeof docs) =>
      assessReadme(repository, readme).evidence.find((item) => item.text === "package.json")?.weight ?? 0;
    expect(manifestWeight(docs)).toBeLessThan(manifestWeight({ ...docs, name: "portal" }));
    const theme = repo({
      name: "just-the-docs",
      description: "A modern, highly customizable, and responsive Jekyll theme for documentation",
      contents: [
        ...folders("lib", "_layouts", "_includes"),
        ...files("just-the-docs.gemspec", "Gemfile", "README.md"),
      ],
    });
    expect(
      assessReadme(theme, "# Just the Docs\n\n## Installation\n\n    gem install just-the-docs\n").verdict,
    ).toBe("keep");
  });

  it("keeps a tutorial playground, which people run", () => {
    const playground = repo({
      name: "learn.nuxt.com",
      description: "Nuxt Tutorial Playground",
      topics: ["nuxt", "tutorial", "playground"],
      primaryLanguage: "Vue",
      languageSizes: [
        { name: "Vue", size: 205_895 },
        { name: "TypeScript", size: 56_451 },
      ],
    });
    expect(assessMetadata(playground).verdict).toBe("keep");
  });

  it("reads an owner named for teaching as a hint, but not GitHub's education tools or a forum", () => {
    expect(readOwnerEvidence("woowacourse")).toMatchObject([{ flavour: "course", weight: 1 }]);
    expect(readOwnerEvidence("rocketseat-education")).toMatchObject([{ flavour: "course" }]);
    expect(readOwnerEvidence("vuejs-translations")).toMatchObject([{ flavour: "translation" }]);
    // A course provider's own organisation, and one named in Portuguese.
    for (const owner of [
      "digitalinnovationone",
      "udacity",
      "netology-code",
      "alura-cursos",
      "htmlacademy",
      "ironhack-labs",
      "woowacourse-precourse",
    ])
      expect(readOwnerEvidence(owner), owner).toMatchObject([{ flavour: "course", weight: 1 }]);
    for (const owner of ["education", "discourse", "recourse", "concourse", "coursera-dl", "udemy-api"])
      expect(readOwnerEvidence(owner), owner).toEqual([]);
  });

  it("reads a repository that says nothing of itself as someone's own, once its tree is known", () => {
    const exercises = repo({
      name: "400-ejercicios",
      primaryLanguage: "Python",
      languageSizes: [{ name: "Python", size: 20_000 }],
      // One script beside the folders: with none, the bare folders would decide alone.
      contents: [...folders("Funciones POO", "POO", "bucles", "funciones"), ...files("main.py")],
    });
    expect(assessReadme(exercises, null)).toMatchObject({ verdict: "drop" });
    expect(assessReadme(exercises, null).reason).toContain("neither a description nor a README");
    // Said by a description, or not known because the details did not load: the name alone decides nothing.
    expect(assessReadme({ ...exercises, description: "Ejercicios de Python" }, null).reason).not.toContain(
      "neither a description nor a README",
    );
    expect(assessReadme({ ...exercises, contents: null }, null).verdict).toBe("keep");
    // A README of its title alone says no more; a line of prose says something.
    expect(assessReadme(exercises, "# 400\n").reason).toContain("no description, a README of a title");
    expect(assessReadme(exercises, "# 400\n\nNada más que decir.\n").reason).not.toContain(
      "a README of a title",
    );
    // Nor does a title over a bare link or a row of badges.
    for (const readme of [
      "# 400\n\nhttps://github.com/someone/python-basics\n",
      "# 400\n[![Python](https://img.shields.io/badge/python-3-blue.svg)](https://python.org)\n",
    ])
      expect(assessReadme(exercises, readme).reason, readme).toContain("no description, a README of a title");
    // Silence is only a hint: a program that says nothing of itself still builds.
    const program = repo({
      name: "inventory",
      contents: [...folders("src", "tests"), ...files("pyproject.toml")],
    });
    expect(assessReadme(program, null).verdict).toBe("keep");
  });
});
