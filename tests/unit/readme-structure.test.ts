import { describe, expect, it } from "vitest";
import { assessReadme, DROP_THRESHOLD } from "@/server/filtering/assess-non-project";
import type { Evidence, NonProjectInput } from "@/server/filtering/non-project-evidence";
import { readReadmeEvidence } from "@/server/filtering/read-readme-evidence";
import { readReadmeStructure } from "@/server/filtering/read-readme-structure";
import {
  readCjkNumber,
  readNumberedUnit,
  readSoftwareSection,
} from "@/server/filtering/readme-structure-cues";

/** A repository the metadata says nothing about, so that the verdict is the README's. */
function vague(name: string): NonProjectInput {
  return {
    name,
    description: null,
    topics: [],
    primaryLanguage: null,
    languages: [],
    languageSizes: undefined,
  };
}

function texts(evidence: readonly Evidence[], kind?: Evidence["kind"]): string[] {
  return evidence.filter((item) => kind === undefined || item.kind === kind).map((item) => item.text);
}

function weightOf(evidence: readonly Evidence[], kind: Evidence["kind"]): number {
  return evidence.filter((item) => item.kind === kind).reduce((sum, item) => sum + item.weight, 0);
}

const fence = "```";

const chineseCourse = `# 从零开始学 Go

本仓库是我们 Go 语言课程的讲义和示例代码，每周更新一章。

## 目录

- [第1章 环境搭建](chapter01/README.md)
- [第2章 基本语法](chapter02/README.md)
- [第3章 函数与方法](chapter03/README.md)
- [第4章 并发编程](chapter04/README.md)
- [第5章 网络编程](chapter05/README.md)
- [第六章 测试](chapter06/README.md)

## 课后习题

每章末尾附有习题，参考答案见 answers 目录。
`;

const japaneseCourse = `# Python入門講座

社会人向けPython講座の教材です。

## 講義一覧

| 回 | テーマ | 資料 |
|---|---|---|
| 第1回 | 環境構築 | [スライド](slides/01.pdf) |
| 第2回 | 変数と型 | [スライド](slides/02.pdf) |
| 第3回 | 制御構文 | [スライド](slides/03.pdf) |
| 第4回 | 関数 | [スライド](slides/04.pdf) |
| 第5回 | クラス | [スライド](slides/05.pdf) |
| 第6回 | ファイル操作 | [スライド](slides/06.pdf) |
`;

const koreanStudy = `# 자바스크립트 스터디

매주 한 장씩 읽고 정리합니다.

## 목차

1. [1장 변수와 자료형](docs/01-variables.md)
2. [2장 함수](docs/02-functions.md)
3. [3장 객체](docs/03-objects.md)
4. [4장 비동기](docs/04-async.md)
5. [5장 모듈](docs/05-modules.md)
`;

const russianCourse = `# Курс по алгоритмам

Материалы курса для студентов второго курса.

## Урок 1. Сложность алгоритмов
## Урок 2. Сортировки
## Урок 3. Бинарный поиск
## Урок 4. Графы

## Домашнее задание

Решения присылайте через форму.
`;

const spanishBook = `# Aprende Rust

Un libro gratuito para aprender Rust desde cero.

## Capítulo 1: Instalación de herramientas
## Capítulo 2: Variables y tipos
## Capítulo 3: Propiedad y préstamos
`;

const portugueseCourse = `# Curso de JavaScript

- Aula 01 - Introdução
- Aula 02 - Variáveis
- Aula 03 - Funções
- Aula 04 - Arrays
- Aula 05 - Objetos
`;

const vietnameseCourse = `# Lập trình C cơ bản

### Tuần 1
- Bài 1: Giới thiệu
- Bài 2: Biến và kiểu dữ liệu
### Tuần 2
- Bài 3: Câu lệnh điều kiện
- Bài 4: Vòng lặp
### Tuần 3
- Bài 5: Mảng
`;

const interviewQuestions = `# Frontend interview questions

## JavaScript
### What is a closure?
### What is the difference between == and ===?
### How does the event loop work?
### What is hoisting?
## CSS
### What is the box model?
### How is specificity calculated?
### How does flexbox differ from grid?
### What is a block formatting context?
## React
### What is the virtual DOM?
### Why do list items need keys？
### When should you use useMemo?
`;

const bookContents = `# Practical Lisp

A free book on Lisp programming, written chapter by chapter.

## Contents

1. [Preface](chapters/00-preface.md)
2. [Getting started](chapters/01-getting-started.md)
3. [Lists and conses](chapters/02-lists.md)
4. [Functions](chapters/03-functions.md)
5. [Macros](chapters/04-macros.md)
6. [Objects](chapters/05-objects.md)
7. [Conditions](chapters/06-conditions.md)
8. [A small interpreter](chapters/07-interpreter.md)
9. [Afterword](chapters/08-afterword.md)

## License

CC BY-SA 4.0
`;

const essayParagraph =
  "Most of what I know about running a small team came from getting it wrong first. The first year I treated every disagreement as a problem to solve, when most of them were information about what people cared about. Later I learned to ask what a decision would cost to undo before arguing about it, because cheap decisions deserve quick answers and expensive ones deserve slow, written ones. None of this is new, but writing it down helped me notice when I forgot it.";
const essay = `# Notes on leading a team\n\n${Array.from({ length: 9 }, () => essayParagraph).join("\n\n")}\n`;

const npmLibrary = `# tiny-cache

[![npm](https://img.shields.io/npm/v/tiny-cache.svg)](https://www.npmjs.com/package/tiny-cache)
[![CI](https://github.com/acme/tiny-cache/actions/workflows/ci.yml/badge.svg)](https://github.com/acme/tiny-cache/actions)
[![codecov](https://codecov.io/gh/acme/tiny-cache/branch/main/graph/badge.svg)](https://codecov.io/gh/acme/tiny-cache)

A tiny LRU cache for Node and browsers.

## Install

${fence}sh
npm install tiny-cache
${fence}

## Usage

${fence}js
import { createCache } from "tiny-cache";

const cache = createCache({ max: 100 });
cache.set("answer", 42);
${fence}

## API

### createCache(options)

## FAQ

### Does it work in Deno?
### Can entries expire?
### Is it safe across workers?
### Why not a Map?
### How big can it get?
`;

const chineseCli = `# gitstat

一个统计 Git 仓库提交数据的命令行工具。

## 安装

${fence}bash
go install github.com/zhangsan/gitstat@latest
${fence}

## 使用方法

${fence}bash
gitstat --since 2024-01-01 ./my-repo
${fence}

## 配置

配置文件位于 \`~/.gitstat.yaml\`。
`;

const russianLibrary = `# bystro

Быстрый парсер конфигурационных файлов для Python.

## Установка

${fence}
pip install bystro
${fence}

## Использование

${fence}python
import bystro

config = bystro.load("settings.toml")
${fence}

## Настройка
`;

const framework = `# Koalite

A minimal web framework for Deno.

## Getting started

${fence}ts
import { App } from "jsr:@koalite/koalite";

const app = new App();
app.get("/", () => "hello");
app.listen(8000);
${fence}

## API

### app.get(path, handler)
### app.listen(port)

## Configuration

## Contributing
`;

describe("numbered units in any language", () => {
  it.each([
    ["Lesson 1", "lesson", 1],
    ["Day 01", "day", 1],
    ["Week 3", "week", 3],
    ["Chapter 2", "chapter", 2],
    ["第1章 概要", "chapter", 1],
    ["第十二章", "chapter", 12],
    ["第1回", "session", 1],
    ["1장 소개", "chapter", 1],
    ["Глава 1", "chapter", 1],
    ["Урок 3", "lesson", 3],
    ["Capítulo 1", "chapter", 1],
    ["Aula 2", "lesson", 2],
    ["Lección 4", "lesson", 4],
    ["Bài 1", "lesson", 1],
    ["Tuần 2", "week", 2],
  ] as const)("reads %s", (text, kind, number) => {
    expect(readNumberedUnit(text)).toMatchObject({ kind, number });
  });

  it("reads no unit in years, versions or words that merely contain a unit word", () => {
    for (const text of ["Day 2024", "Released 2024-01-01", "Holiday 3", "chapters", "v1.2.3", "Weekly 5"])
      expect(readNumberedUnit(text), text).toBeNull();
  });

  it("reads Chinese numerals", () => {
    expect([
      readCjkNumber("六"),
      readCjkNumber("十二"),
      readCjkNumber("二十三"),
      readCjkNumber("一百零五"),
    ]).toEqual([6, 12, 23, 105]);
    expect(readCjkNumber("１２")).toBe(12);
  });
});

describe("software section names in any language", () => {
  it.each([
    "installation",
    "usage examples",
    "api",
    "安装方法",
    "使用",
    "快速开始",
    "インストール",
    "使い方",
    "설치하기",
    "사용법",
    "установка",
    "быстрый старт",
    "instalación",
    "configuração",
    "cài đặt",
    "hướng dẫn sử dụng",
  ])("reads '%s' as a software section", (name) => {
    expect(readSoftwareSection(name)).toBe("strong");
  });

  it("reads 'Getting started' and 'Contributing' as weak, and words that merely begin alike as nothing", () => {
    expect([readSoftwareSection("getting started"), readSoftwareSection("contributing")]).toEqual([
      "weak",
      "weak",
    ]);
    for (const name of ["usos y costumbres", "apis of the web", "installments", "hướng dẫn", "introduction"])
      expect(readSoftwareSection(name), name).toBeNull();
  });
});

describe("the README stage reads learning material from structure", () => {
  it("reads a Chinese course: numbered chapters, a contents of its own pages, an exercises section", () => {
    const evidence = readReadmeEvidence(chineseCourse, "go-study");
    expect(texts(evidence, "learning")).toEqual([
      "6 numbered chapter units in the README",
      "a README of 6 chapter links",
      "a README section '课后习题'",
    ]);
    expect(assessReadme(vague("go-study"), chineseCourse)).toMatchObject({
      verdict: "drop",
      kind: "learning",
    });
  });

  it("reads a class's repository by the sections that introduce its course and its teacher", () => {
    const vietnamese =
      "# IS216 - LẬP TRÌNH JAVA\n\n## GIỚI THIỆU MÔN HỌC\n* Mã môn học: IS216\n\n## GIẢNG VIÊN HƯỚNG DẪN\n* ThS. Tạ Việt Phương\n";
    expect(texts(readReadmeEvidence(vietnamese, "IS216-Lap-trinh-Java"), "learning")).toEqual([
      "a README section 'GIỚI THIỆU MÔN HỌC'",
    ]);
    const english = "# CS 101\n\n## Instructors\n\nProf. Ada\n\n## Team\n\nAlice, Bob\n";
    expect(texts(readReadmeEvidence(english, "cs101"), "learning")).toEqual([
      "a README section 'Instructors'",
    ]);
    // A program's team and maintainers are no teachers.
    const program = "# tool\n\n## Maintainers\n\nAlice\n\n## Team\n\nBob\n";
    expect(texts(readReadmeEvidence(program, "tool"), "learning")).toEqual([]);
  });

  it("reads how a class hands its work in, and its numbered problems, as a course's", () => {
    const lab =
      "# LAB | JS Vikings\n\n## Introduction\n\nLet's work with our Viking friends.\n\n## Requirements\n\n- Fork this repo.\n\n## Submission\n\n- Create a Pull Request so that your TAs can check your work.\n";
    expect(texts(readReadmeEvidence(lab, "lab-javascript-vikings"), "learning")).toEqual([
      "a README section 'Submission'",
    ]);
    const challenge =
      "# escuelajs-reto-09\n\n## Problema 1\n1. Crear tu base de datos.\n\n## Problema 2\n1. Subir la información.\n\n## Problema 3 (opcional)\n1. Crear un CRUD.\n\n### Enviar solución de reto\nDebes de crear un Fork.\n";
    expect(texts(readReadmeEvidence(challenge, "escuelajs-reto-09"), "learning")).toEqual([
      "3 numbered problem units in the README",
      "a README section 'Enviar solución de reto'",
    ]);
    // A program's contribution guide asks for pull requests too, under its own heading.
    const program = "# tool\n\n## Usage\n\nRun it.\n\n## Submitting a pull request\n\nFork the repo.\n";
    expect(texts(readReadmeEvidence(program, "tool"), "learning")).toEqual([]);
  });

  it("reads a class's deliverables, due date and learning objectives in the seven languages", () => {
    for (const heading of [
      "Entregáveis",
      "Data de entrega",
      "Objetivos de aprendizaje",
      "¿Qué aprenderás?",
      "学習目標",
      "学习目标",
      "학습 목표",
      "Цели обучения",
      "Mục tiêu khóa học",
      "Due date",
    ])
      expect(
        texts(readReadmeEvidence(`# Proyecto\n\n## ${heading}\n\n- Algo\n`, "proyecto"), "learning"),
        heading,
      ).toEqual([`a README section '${heading.replace(/^¿/, "")}'`]);
    // A program's goals are no class's: "Mục tiêu" alone, "Objetivos del proyecto".
    for (const heading of ["Mục tiêu", "Objetivos del proyecto", "目标"])
      expect(texts(readReadmeEvidence(`# tool\n\n## ${heading}\n\nFast.\n`, "tool"), "learning")).toEqual([]);
  });

  it("reads a book's errata section in any language", () => {
    for (const heading of ["Errata", "正誤表", "勘误表", "정오표"])
      expect(
        texts(
          readReadmeEvidence(`# 으뜸 파이썬\n\n## ${heading}\n\n- p.12: typo\n`, "Prime-Python"),
          "learning",
        ),
        heading,
      ).toEqual([`a README section '${heading}'`]);
  });

  it("reads links to a judge's problems as solutions, whatever the README's language", () => {
    const baekjoon = [
      "# 백준 풀이",
      "",
      "| 번호 | 문제 | 풀이 |",
      "|---|---|---|",
      "| 1000 | [A+B](https://www.acmicpc.net/problem/1000) | [C++](./1000.cpp) |",
      "| 1001 | [A-B](https://www.acmicpc.net/problem/1001) | [C++](./1001.cpp) |",
      "| 2557 | [Hello World](https://www.acmicpc.net/problem/2557) | [C++](./2557.cpp) |",
    ].join("\n");
    expect(texts(readReadmeEvidence(baekjoon, "algorithm"), "learning")).toContain(
      "links to 3 problems of Baekjoon",
    );
    // A client for the site links one problem as an example of what it fetches.
    const client =
      "# leetcode-cli\n\n## Install\n\n```\nnpm install -g leetcode-cli\n```\n\n## Usage\n\n`leetcode show two-sum` opens https://leetcode.com/problems/two-sum/ and https://leetcode.com/problems/two-sum/ again.\n";
    expect(texts(readReadmeEvidence(client, "leetcode-cli"), "learning")).toEqual([]);
  });

  it("reads a Japanese course's table of sessions", () => {
    const evidence = readReadmeEvidence(japaneseCourse, "python-kouza");
    expect(texts(evidence, "learning")).toEqual([
      "6 numbered session units in the README",
      "a README of 6 session links",
    ]);
  });

  it("reads Korean, Russian, Spanish, Portuguese and Vietnamese units", () => {
    expect(texts(readReadmeEvidence(koreanStudy, "js-study"), "learning")).toEqual([
      "5 numbered chapter units in the README",
      "a README of 5 chapter links",
    ]);
    expect(texts(readReadmeEvidence(russianCourse, "algo-course"), "learning")).toEqual([
      "4 numbered lesson units in the README",
      "a README section 'Домашнее задание'",
    ]);
    expect(texts(readReadmeEvidence(spanishBook, "aprende-rust"), "learning")).toEqual([
      "3 numbered chapter units in the README",
    ]);
    expect(texts(readReadmeEvidence(portugueseCourse, "curso-js"), "learning")).toEqual([
      "5 numbered lesson units in the README",
    ]);
    expect(texts(readReadmeEvidence(vietnameseCourse, "lap-trinh-c"), "learning")).toEqual([
      "5 numbered lesson units in the README",
    ]);
  });

  it("reads an interview question bank", () => {
    const evidence = readReadmeEvidence(interviewQuestions, "fe-questions");
    expect(evidence).toEqual([
      expect.objectContaining({ kind: "learning", flavour: "interview", text: "a README of 11 questions" }),
    ]);
  });

  it("reads a book's table of contents", () => {
    const evidence = readReadmeEvidence(bookContents, "practical-lisp");
    expect(texts(evidence, "learning")).toEqual(["a README of 9 numbered links to its own pages"]);
  });

  it("reads a table of contents written as a table with numbered rows", () => {
    const rows = ["Intro", "Types", "Generics", "Traits", "Errors", "Async"]
      .map((topic, index) => `| ${index + 1} | ${topic} | [notes](notes/${topic.toLowerCase()}.md) |`)
      .join("\n");
    const readme = `# Rust notes\n\n| # | Topic | Notes |\n|---|---|---|\n${rows}\n`;
    expect(texts(readReadmeEvidence(readme, "rust-notes"))).toEqual([
      "a README of 6 numbered links to its own pages",
    ]);
  });

  it("reads a table of contents written as headings that link to the pages", () => {
    const chapters = [
      ["はじめに", "introduction"],
      ["条件分岐", "basic"],
      ["関数とスコープ", "scope"],
      ["リスト", "list"],
      ["文字列処理", "string"],
      ["ファイル操作", "file"],
      ["再帰", "recursion"],
      ["クラス", "class"],
    ]
      .map(([title, folder]) => `## [${title ?? ""}](${folder ?? ""}/README.md)\n\n* 講義スライド\n* 余談\n`)
      .join("\n");
    expect(readReadmeEvidence(`# ゼロから学ぶPython\n\n${chapters}`, "python-zero")).toEqual([
      expect.objectContaining({ weight: 1, text: "a README of 8 links to its own pages" }),
    ]);
  });

  it("reads a question bank written without question marks, in a table and as list items", () => {
    const topics = ["closures", "hoisting", "promises", "the event loop", "prototypes", "modules"];
    const table = topics
      .map((topic, index) => `| ${index + 1} | [What are ${topic}](#what-are-${index}) |`)
      .join("\n");
    const answers = topics.map((topic, index) => `${index + 1}. ### What are ${topic}\n\n   An answer.\n`);
    const readme = `# JavaScript questions\n\n| No. | Questions |\n|---|---|\n${table}\n\n${answers.join("\n")}`;
    expect(texts(readReadmeEvidence(readme, "js-questions"))).toEqual(["a README of 12 questions"]);
  });

  it("reads a long essay with nothing to install", () => {
    expect(readReadmeEvidence(essay, "team-notes")).toEqual([
      expect.objectContaining({
        kind: "learning",
        text: "a README of long prose with no install or usage section",
      }),
    ]);
  });

  it("reads notes in numbered sections, in Arabic or Chinese numbering", () => {
    const arabic = ["Overview", "Processes", "Threads", "Scheduling", "Memory", "Files"]
      .map((title, index) => `## ${index + 1}. ${title}\n\nA few lines of notes.\n`)
      .join("\n");
    expect(texts(readReadmeEvidence(`# OS notes\n\n${arabic}`, "os-notes"))).toEqual([
      "6 numbered sections in the README",
    ]);
    const chinese = ["概述", "进程", "线程", "调度", "内存", "文件"]
      .map((title, index) => `## ${"一二三四五六"[index] ?? ""}、${title}\n`)
      .join("\n");
    expect(texts(readReadmeEvidence(`# 操作系统笔记\n\n${chinese}`, "os-notes"))).toEqual([
      "6 numbered sections in the README",
    ]);
  });

  it("reads no numbered sections in a changelog's versions", () => {
    const versions = ["1.6.0", "1.5.2", "1.5.1", "1.5.0", "1.4.0", "1.3.0", "1.2.0"]
      .map((version, index) => `## ${version} (2024-0${index + 1}-01)\n\n- Fixed a bug.\n`)
      .join("\n");
    expect(texts(readReadmeEvidence(`# tiny-cache\n\n${versions}`, "tiny-cache"), "learning")).toEqual([]);
  });

  it("reads a Chinese interview question bank, whose questions are links", () => {
    const questions = [
      "什么是闭包",
      "事件循环是什么",
      "原型链如何工作",
      "什么是防抖",
      "什么是节流",
      "深拷贝怎么实现",
    ]
      .map((question) => `- [${question}？](#${question})`)
      .join("\n");
    expect(texts(readReadmeEvidence(`# 前端面试题\n\n${questions}\n`, "fe-interview"), "learning")).toEqual([
      "a README of 6 questions",
    ]);
  });

  it("never drops on one structural cue alone", () => {
    for (const [readme, name] of [
      [interviewQuestions, "fe-questions"],
      [bookContents, "practical-lisp"],
      [essay, "team-notes"],
    ] as const) {
      const readmeOnly = readReadmeEvidence(readme, name).filter((item) => item.kind === "learning");
      for (const item of readmeOnly) expect(item.weight, item.text).toBeLessThan(DROP_THRESHOLD);
    }
  });
});

describe("the README stage reads software from structure", () => {
  it("reads a library README: install command, sections, badges and code importing itself", () => {
    const evidence = readReadmeEvidence(npmLibrary, "tiny-cache");
    expect(texts(evidence)).toEqual([
      "an install command ('npm install tiny-cache') in the README",
      "README sections 'Install', 'Usage', 'API'",
      "a badge of npm",
      "CI and coverage badges",
      "example code importing 'tiny-cache'",
    ]);
    // The FAQ's questions are the software's, not an interview bank.
    expect(weightOf(evidence, "learning")).toBe(0);
  });

  it("reads a Chinese CLI README with 安装 and 使用方法 sections", () => {
    const evidence = readReadmeEvidence(chineseCli, "gitstat");
    expect(texts(evidence)).toEqual([
      "an install command ('go install github.com/zhangsan/gitstat@latest') in the README",
      "README sections '安装', '使用方法', '配置'",
    ]);
  });

  it("reads Chinese sections numbered 一、二、 and quotes headings without their emoji", () => {
    const readme = `# cow\n\n# 🚀 快速开始\n\n## 一、准备\n\n## 二、配置\n\n## 三、运行\n\n# 🏷 更新日志\n`;
    expect(texts(readReadmeEvidence(readme, "cow"))).toEqual([
      "README sections '快速开始', '二、配置', '更新日志'",
    ]);
  });

  it("reads a Russian library README", () => {
    expect(texts(readReadmeEvidence(russianLibrary, "bystro"))).toEqual([
      "an install command ('pip install bystro') in the README",
      "README sections 'Установка', 'Использование', 'Настройка'",
      "example code importing 'bystro'",
    ]);
  });

  it("reads a framework README with an API section", () => {
    const evidence = readReadmeEvidence(framework, "koalite");
    expect(texts(evidence)).toEqual([
      "README sections 'Getting started', 'API', 'Configuration', 'Contributing'",
      "example code importing 'jsr:@koalite/koalite'",
    ]);
    expect(assessReadme({ ...vague("koalite"), topics: ["tutorial"] }, framework).verdict).toBe("keep");
  });

  it("keeps software whose README also has a tutorial made of numbered steps", () => {
    const readme = `${npmLibrary}\n## Tutorial\n\n- [Lesson 1](docs/tutorial/01.md)\n- [Lesson 2](docs/tutorial/02.md)\n- [Lesson 3](docs/tutorial/03.md)\n`;
    expect(assessReadme(vague("tiny-cache"), readme).verdict).toBe("keep");
  });

  it("reads no self-import in a repository named after its language", () => {
    const readme = `# Java\n\n${fence}java\nimport java.util.List;\n${fence}\n`;
    expect(readReadmeEvidence(readme, "Java")).toEqual([]);
    expect(texts(readReadmeEvidence(readme, "java-collections-lite"))).toEqual([]);
    expect(texts(readReadmeEvidence(readme.replace("java.util", "com.acme.tinyjson"), "tinyjson"))).toEqual([
      "example code importing 'com.acme.tinyjson.List'",
    ]);
  });

  it("does not read an in-page table of contents as a list of links", () => {
    const sections = [
      "Install",
      "Usage",
      "Options",
      "Events",
      "Errors",
      "Plugins",
      "Recipes",
      "Testing",
      "License",
    ];
    const contents = sections.map((name) => `- [${name}](#${name.toLowerCase()})`).join("\n");
    expect(texts(readReadmeEvidence(`# tiny-cache\n\n${contents}\n`, "tiny-cache"))).toEqual([]);
  });

  it("still counts an in-page table of contents along with a list of links", () => {
    const contents = ["Internet", "Audio", "Video"].map((name) => `- [${name}](#${name.toLowerCase()})`);
    const apps = ["Ajenti", "Calibre", "Deluge", "Mailpile", "Quod Libet"].map(
      (name) =>
        `- [${name}](https://github.com/example/${name.toLowerCase().replace(" ", "-")}) - an application.`,
    );
    const readme = `# Awesome apps\n\n## Contents\n\n${contents.join("\n")}\n\n## Internet\n\n${apps.join("\n")}\n`;
    expect(readReadmeEvidence(readme, "awesome-apps")).toEqual([
      expect.objectContaining({
        kind: "link-list",
        weight: 3,
        text: "8 of 8 README list items are bare links",
      }),
    ]);
  });

  it("reads list items that open with a status emoji before their link as bare links", () => {
    const marks = [":white_check_mark:", ":clock8:", "✅", "⭐️", ":x:", "🚧"];
    const items = marks.map(
      (mark, index) => `* ${mark} [App ${index}](https://app${index}.example.com/)：一个网站，打开即用`,
    );
    expect(texts(readReadmeEvidence(`## 项目列表\n\n${items.join("\n")}\n`, "indie-list"))).toEqual([
      "6 of 6 README list items are bare links",
    ]);
    // A feature list with emoji is no list of links.
    const features = ["✅ Fast", "🚀 Small", "⭐ Typed", "🔒 Safe"].map((item) => `- ${item} by design`);
    expect(readReadmeEvidence(`# tool\n\n${features.join("\n")}\n`, "tool")).toEqual([]);
  });

  it("reads 'Getting started' and 'Contributing' only along with a section only software has", () => {
    const course =
      "# Course\n\n## Getting started\n\nClone it.\n\n## Contributing\n\nPull requests welcome.\n";
    expect(readReadmeEvidence(course, "course")).toEqual([]);
    expect(texts(readReadmeEvidence(`${course}\n## Usage\n`, "course"))).toEqual([
      "README sections 'Getting started', 'Contributing', 'Usage'",
    ]);
  });

  it("does not read a monorepo's list of packages as a table of contents", () => {
    const packages = Array.from(
      { length: 10 },
      (_, index) => `- [@acme/part-${index}](packages/part-${index})`,
    );
    const evidence = readReadmeEvidence(`# acme\n\n## Packages\n\n${packages.join("\n")}\n`, "acme");
    expect(texts(evidence, "learning")).toEqual([]);
  });
});

describe("a software manual is not a course", () => {
  it("does not read a generated API reference index as a table of contents", () => {
    const pages = ["jwtVerify", "jwtDecrypt", "importJWK", "exportJWK", "generateSecret", "decodeJwt"]
      .flatMap((name) => [
        `- [${name}](docs/jwt/functions/${name}.md)`,
        `- [${name} class](docs/classes/${name}.md)`,
      ])
      .join("\n");
    expect(texts(readReadmeEvidence(`# jose\n\n## Documentation\n\n${pages}\n`, "jose"), "learning")).toEqual(
      [],
    );
  });

  it("does not read function signatures with optional parameters as questions", () => {
    const signatures = ["parseINI", "parseJSON", "parseYAML", "parseTOML", "stringifyINI", "stringifyJSON"]
      .map((name) => `### \`${name}(text, options?)\``)
      .join("\n");
    expect(readReadmeEvidence(`# confbox\n\n## API\n\n${signatures}\n`, "confbox")).toEqual([
      expect.objectContaining({ kind: "software", text: "README sections 'API'" }),
    ]);
  });
});

describe("the README structure reader", () => {
  it("reads underlined and HTML headings, and leaves fenced code out of the structure", () => {
    const structure = readReadmeStructure(
      `Title\n=====\n\n<h2 align="center">Installation</h2>\n\n${fence}\n## not a heading\n- not an item\n${fence}\n`,
    );
    expect(structure.headings.map((heading) => [heading.level, heading.text])).toEqual([
      [1, "Title"],
      [2, "Installation"],
    ]);
    expect(structure.items).toEqual([]);
    expect(structure.codeLines).toEqual(["## not a heading", "- not an item"]);
  });
});

describe("hostile READMEs cost linear time", () => {
  const size = 100_000;
  const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const hostile: Array<[string, string]> = [
    ["a heading with a long run of spaces", `# a${" ".repeat(size)}b`],
    ["headings with long runs of spaces", repeat(`# a${" ".repeat(1_990)}b\n`)],
    ["a heading of hashes and spaces", `# ${repeat("# ")}x`],
    ["unclosed brackets", repeat("[")],
    ["unclosed links", repeat("[a](")],
    ["unclosed images", repeat("![a](")],
    ["nested brackets on list items", repeat("- [[[[[[[[[[[[[[[[[[[[](((((((((\n")],
    ["an install word and spaces", `npm${" ".repeat(size)}x`],
    ["unit words and spaces", repeat("Lesson       ")],
    ["many unit words", repeat("第第第第一一一一")],
    ["a pipe-heavy table row", `|${repeat("a|")}`],
    ["many downloaders piped nowhere", repeat("curl curl curl | ")],
    ["many image tags", repeat("<img <img src=")],
    ["many questions", repeat("- why?\n")],
    ["an awesome badge without end", repeat("sindresorhus/awesome/")],
    ["a long single line of words", repeat("lesson chapter install usage ")],
    ["many short lines", repeat("- [Lesson 1](lesson-1.md)\n# Install\n| 1 | x |\n")],
  ];

  /** The same text as lines just under the reader's line cap, so that every line is read in full. */
  const asLongLines = (text: string) =>
    Array.from({ length: Math.ceil(size / 1_999) }, (_, index) =>
      text.slice(index * 1_999, (index + 1) * 1_999),
    )
      .map((line) => line.replace(/\n/g, " "))
      .join("\n");
  const cases = hostile.flatMap(([label, readme]): Array<[string, string]> => [
    [label, readme],
    [`${label}, in lines of 1,999 characters`, asLongLines(readme)],
  ]);

  it.each(cases)("reads %s in well under a second", (_label, readme) => {
    const start = performance.now();
    readReadmeEvidence(readme, "some-repo");
    assessReadme(vague("some-repo"), readme);
    expect(performance.now() - start).toBeLessThan(750);
  });

  it("reads only the first 200 KB of a huge README", () => {
    const huge = "- [Lesson 1](a.md)\n".repeat(50_000);
    const start = performance.now();
    const structure = readReadmeStructure(huge);
    expect(performance.now() - start).toBeLessThan(750);
    expect(structure.text.length).toBe(200_000);
  });
});
