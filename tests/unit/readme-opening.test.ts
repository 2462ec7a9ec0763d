import { describe, expect, it } from "vitest";
import { assessReadme } from "@/server/filtering/assess-non-project";
import { readReadmeOpening, readReadmeOpeningEvidence } from "@/server/filtering/read-readme-opening";

describe("a README's opening, read like a description", () => {
  it("takes the title and the first line of prose, past badges and pictures, and stops at the next section", () => {
    const readme = [
      '<p align="center"><img src="logo.png"></p>',
      "# Lộ Trình Học Lập Trình",
      "[![CI](https://example.com/badge.svg)](https://example.com)",
      "",
      "Tài liệu học tập cho người mới bắt đầu, từ cơ bản đến nâng cao.",
      "",
      "## Cài đặt",
      "Chạy lệnh sau.",
    ].join("\n");
    expect(readReadmeOpening(readme)).toEqual({
      title: "Lộ Trình Học Lập Trình",
      paragraph: "Tài liệu học tập cho người mới bắt đầu, từ cơ bản đến nâng cao.",
    });
    expect(readReadmeOpening("# Tool\n\n## Install\n\nnpm install tool\n")).toEqual({
      title: "Tool",
      paragraph: null,
    });
  });

  it("passes over a notice that stands above the README's own title", () => {
    const readme = [
      "# ⚠️ アーカイブのお知らせ / Archived",
      "",
      "> **本リポジトリの更新は終了し、アーカイブされました。**",
      "",
      "---",
      "",
      "# Colab NLP Templates",
      "",
      "このリポジトリは、自然言語処理を学ぶための教材用リポジトリです。",
    ].join("\n");
    expect(readReadmeOpening(readme)).toEqual({
      title: "Colab NLP Templates",
      paragraph: "このリポジトリは、自然言語処理を学ぶための教材用リポジトリです。",
    });
    // A section under the title still ends the opening, in HTML as in Markdown.
    expect(
      readReadmeOpening("<h1>Hi, I am Ana</h1>\n<h3>Developer</h3>\n\nI build apps.\n").paragraph,
    ).toBeNull();
  });

  it("takes a short line of Chinese, Japanese or Korean, whose characters each say more than a letter", () => {
    expect(readReadmeOpening("# eomcs-java\n자바 강의 예제 모음").paragraph).toBe("자바 강의 예제 모음");
    expect(readReadmeOpening("# tool\nWIP soon").paragraph).toBeNull();
  });

  it("takes a title underlined with = or -, as Markdown and reStructuredText write one", () => {
    const readme =
      "python-novice-inflammation\n==========================\n\nIntroduction to Python for non-programmers.\n";
    expect(readReadmeOpening(readme)).toEqual({
      title: "python-novice-inflammation",
      paragraph: "Introduction to Python for non-programmers.",
    });
  });

  it("passes over YAML front matter, as a notes vault's README has it", () => {
    const readme =
      "---\ntags: \ncategories: \ntitle: README\ndate created: 2023-07-09\n---\n\n# Hung Nguyen's Knowledge Garden\n\nTrang web này phục vụ như một kho lưu trữ kiến thức và ghi chú học tập của tôi.\n";
    expect(readReadmeOpening(readme)).toEqual({
      title: "Hung Nguyen's Knowledge Garden",
      paragraph: "Trang web này phục vụ như một kho lưu trữ kiến thức và ghi chú học tập của tôi.",
    });
  });

  it("passes over a bare link, and reads emphasised words as words", () => {
    const readme =
      "# Big Game Survey\n\n# Sobre o projeto\n\nhttps://wmazoni-sds1.netlify.app\n\nBig Game Survey é uma aplicação construída durante a **Semana DevSuperior** (#sds1).\n";
    expect(readReadmeOpening(readme).paragraph).toBe(
      "Big Game Survey é uma aplicação construída durante a Semana DevSuperior (#sds1).",
    );
  });

  it("passes over a line that only greets the reader", () => {
    const readme =
      "***Welcome to Itsy Bitsy Data Structures!***\n\nIn here are simplified examples of data structures.\n";
    expect(readReadmeOpening(readme).paragraph).toBe("In here are simplified examples of data structures.");
    expect(readReadmeOpening("# x\n\nWelcome to the docs of a fast HTTP server.\n").paragraph).toBe(
      "Welcome to the docs of a fast HTTP server.",
    );
  });

  it("drops a course whose description says nothing, on what its README says it is", () => {
    const course = { name: "bootcamp-modulos", description: null, topics: [] };
    const readme = "# Bootcamp\n\nEste repositório contém o código das aulas do curso, módulo a módulo.\n";
    expect(assessReadme(course, readme)).toMatchObject({ verdict: "drop", kind: "learning" });
  });

  it("weighs less than a description and adds nothing the description already says", () => {
    const readme = "# Sandbox\n\nInteractive examples and tutorials for your documentation.\n";
    const alone = readReadmeOpeningEvidence(readme);
    expect(alone.length).toBeGreaterThan(0);
    expect(
      alone.every((item) => item.source === "readme" && item.text.endsWith("in the README's opening")),
    ).toBe(true);
    const repeated = readReadmeOpeningEvidence(
      readme,
      "Interactive examples and tutorials for your documentation",
    );
    expect(repeated.filter((item) => item.kind === "learning")).toEqual([]);
  });

  it("weighs one paragraph that says 'learn' several ways as one paragraph, keeping a quiz site", () => {
    const readme =
      "# freeCodeCamp Developer Quiz\n\nThe developerquiz.org website is the companion to Learn to Code RPG Game, a visual novel game developed by freeCodeCamp to help you learn how to code.\n";
    const opening = readReadmeOpeningEvidence(readme);
    expect(opening.length).toBeGreaterThanOrEqual(3);
    expect(opening.reduce((sum, item) => sum + item.weight, 0)).toBeLessThanOrEqual(3.5);
    const quizSite = {
      name: "Developer_Quiz_Site",
      description: "This is a quiz site for developers with over 1000+ questions on a variety of topics.",
      topics: ["quiz", "react"],
      primaryLanguage: "TypeScript",
      languageSizes: [{ name: "TypeScript", size: 1_257_777 }],
      contents: [
        { name: "Dockerfile", type: "blob" as const },
        { name: "LICENSE.md", type: "blob" as const },
        { name: "e2e", type: "tree" as const },
        { name: "package.json", type: "blob" as const },
        { name: "src", type: "tree" as const },
      ],
    };
    expect(assessReadme(quizSite, readme).verdict).toBe("keep");
  });

  it("reads 'Building the book' as a book's set-up, not a program's", () => {
    const book = { name: "ml-notes", description: null, topics: [] };
    const readme =
      "# Machine learning notes\n\n## Building the book\n\n```\npip install -r requirements.txt\njupyter-book build .\n```\n";
    const assessment = assessReadme(
      {
        ...book,
        contents: [
          { name: "_toc.yml", type: "blob" },
          { name: "_config.yml", type: "blob" },
        ],
      },
      readme,
    );
    expect(assessment.evidence).toContainEqual(
      expect.objectContaining({ kind: "learning", text: "a README section 'Building the book'" }),
    );
    expect(assessment.evidence).toContainEqual(
      expect.objectContaining({ kind: "learning", text: "a book's table of contents (_toc.yml)" }),
    );
    expect(
      assessment.evidence.some(
        (item) => item.text.includes("'Building the book'") && item.kind === "software",
      ),
    ).toBe(false);
  });
});
