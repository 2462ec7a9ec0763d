import { describe, expect, it } from "vitest";
import { formatRunAsCsv, neutralizeFormula, quoteCsvField } from "@/server/export/format-csv";
import { formatRunAsJson } from "@/server/export/format-json";
import { formatRunAsMarkdown } from "@/server/export/format-markdown";
import { escapeMarkdownText } from "@/server/export/markdown-text";
import { searchFiltersSchema } from "@/shared/filters";
import { type StarterIssue } from "@/shared/repos";
import { type ScoutSearchResult } from "@/shared/runs";
import { makeRepo } from "../support/llm-analysis-fixtures";

const origin = "https://github.com";

function starterIssue(repo: string, number: number, title: string, claimed = false): StarterIssue {
  return {
    number,
    title,
    url: `https://github.com/${repo}/issues/${number}`,
    labels: ["good first issue"],
    createdAt: "2025-05-01T10:00:00Z",
    updatedAt: "2025-05-02T10:00:00Z",
    comments: 1,
    claimed,
  };
}

const hostileReason =
  "# Owned\n[click me](https://evil.example) <img src=x onerror=alert(1)> | a | b |\n```js\nalert(1)\n``` *bold* www.evil.example $x$";

function makeRun(overrides: Partial<ScoutSearchResult> = {}): ScoutSearchResult {
  const parser = makeRepo("acme/parser", {
    githubId: 1,
    stars: 4321,
    primaryLanguage: "TypeScript",
    starterIssues: [
      starterIssue("acme/parser", 12, "Fix the [docs](http://evil.example) <b>now</b>"),
      starterIssue("acme/parser", 13, "Claimed already", true),
    ],
  });
  const cli = makeRepo("acme/cli", { githubId: 2, stars: 99, primaryLanguage: "-1", license: "@SUM(A1:A2)" });
  return {
    runId: "run-42",
    status: "completed",
    totalDiscovered: 30,
    totalFiltered: 12,
    totalAnalyzed: 3,
    results: [
      {
        repo: "acme/parser",
        fitScore: 8.5,
        reason: hostileReason,
        contributions: ["Write docs, tests", "Add a CLI flag"],
        reject: false,
        rejectReason: null,
        pickedIssues: [
          { number: 12, why: 'Small, "quoted" and\nmulti-line' },
          { number: 13, why: "claimed: never listed" },
        ],
        newSinceLastRun: true,
      },
      {
        repo: "acme/cli",
        fitScore: 6,
        reason: '=HYPERLINK("http://evil.example","click")',
        contributions: ["+1 for tests", "@SUM(A1:A2)"],
        reject: false,
        rejectReason: null,
        newSinceLastRun: false,
      },
    ],
    rejected: [
      {
        repo: "acme/other",
        fitScore: 1,
        reason: "Not a fit",
        contributions: [],
        reject: true,
        rejectReason: "x",
      },
    ],
    repos: [parser, cli],
    skipped: [],
    warnings: [],
    startedAt: "2026-06-01T12:00:00.000Z",
    finishedAt: "2026-06-01T12:03:30.000Z",
    usage: { githubRequests: 10, llmInputTokens: 1000, llmOutputTokens: 200 },
    filters: searchFiltersSchema.parse({
      languages: ["TypeScript", "Rust"],
      minStars: 50,
      maxStars: 5000,
      topics: ["cli"],
      pushedAfter: "2026-01-01",
      license: "mit",
      query: "parser | [x](y)",
    }),
    ...overrides,
  };
}

/** A minimal CSV reader (RFC 4180), enough to read back what the formatter wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index += 1;
    } else field += char;
  }
  return rows;
}

describe("escapeMarkdownText", () => {
  it("turns Markdown and HTML syntax into plain characters on one line", () => {
    expect(escapeMarkdownText("# Title\n[a](http://x) <b>`c`</b> | d *e* _f_ ~g~ $h$ &amp;")).toBe(
      "\\# Title \\[a\\]\\(http\\://x\\) \\<b\\>\\`c\\`\\</b\\> \\| d \\*e\\* \\_f\\_ \\~g\\~ \\$h\\$ \\&amp;",
    );
  });

  it("neutralizes what would start a block or an autolink", () => {
    expect(escapeMarkdownText("- item")).toBe("\\- item");
    expect(escapeMarkdownText("1. first")).toBe("1\\. first");
    expect(escapeMarkdownText("  ## deep")).toBe("\\#\\# deep");
    expect(escapeMarkdownText("see www.evil.example or me@evil.example")).toBe(
      "see www\\.evil.example or me\\@evil.example",
    );
    expect(escapeMarkdownText("a\r\nb\u2028c\u0000d")).toBe("a b c d");
  });

  it("leaves ordinary prose readable", () => {
    expect(escapeMarkdownText("Well-documented, small issues; good tests.")).toBe(
      "Well-documented, small issues; good tests.",
    );
  });
});

describe("formatRunAsMarkdown", () => {
  const report = formatRunAsMarkdown({ run: makeRun(), githubWebOrigin: origin });
  const lines = report.split("\n");

  it("is a readable report: title, when, status, filters and the ranked list", () => {
    expect(lines[0]).toBe("# GitHub Scout report");
    expect(report).toContain("- Started: 2026-06-01 12:00 UTC");
    expect(report).toContain("- Finished: 2026-06-01 12:03 UTC");
    expect(report).toContain("- Status: completed");
    expect(report).toContain("- Repositories: 30 found, 12 passed the filters, 3 analyzed, 2 ranked");
    expect(report).toContain("- Languages: TypeScript, Rust");
    expect(report).toContain("- Stars: 50 to 5000");
    expect(report).toContain("- Topics: cli");
    expect(report).toContain("- Active since: 2026-01-01");
    expect(report).toContain("- License: mit");
    expect(report).toContain("- Search text: parser \\| \\[x\\]\\(y\\)");
    expect(report).toContain("### 1. [acme/parser](<https://github.com/acme/parser>)");
    expect(report).toContain("fit 8.5/10 · ★ 4,321 · TypeScript · new since your last search");
    expect(report).toContain("### 2. [acme/cli](<https://github.com/acme/cli>)");
    expect(report).toContain("fit 6/10 · ★ 99 · \\-1\n");
    expect(report).toContain("- Write docs, tests");
    expect(report).not.toContain("acme/other");
  });

  it("links picked issues to GitHub, leaving out claimed ones", () => {
    expect(report).toContain(
      '- [\\#12 Fix the \\[docs\\]\\(http\\://evil.example\\) \\<b\\>now\\</b\\>](<https://github.com/acme/parser/issues/12>): Small, "quoted" and multi-line',
    );
    expect(report).not.toContain("#13");
    expect(report).not.toContain("Claimed already");
  });

  it("keeps hostile README and issue text from adding headings, links, HTML, code or table rows", () => {
    const why = lines.find((line) => line.startsWith("Why: \\# Owned"));
    expect(why).toBe(
      "Why: \\# Owned \\[click me\\]\\(https\\://evil.example\\) \\<img src=x onerror=alert\\(1\\)\\> \\| a \\| b \\| \\`\\`\\`js alert\\(1\\) \\`\\`\\` \\*bold\\* www\\.evil.example \\$x\\$",
    );
    const headings = lines.filter((line) => /^#/.test(line));
    expect(headings).toEqual([
      "# GitHub Scout report",
      "## Filters",
      "## Ranked repositories",
      "### 1. [acme/parser](<https://github.com/acme/parser>)",
      "### 2. [acme/cli](<https://github.com/acme/cli>)",
    ]);
    expect(report).not.toMatch(/(^|[^\\])<img/);
    expect(report).not.toMatch(/(^|[^\\])```/);
    expect(report).not.toMatch(/(^|[^\\])\]\(https?:\/\/evil/);
  });

  it("links only to the configured GitHub, and marks demo issues", () => {
    const run = makeRun();
    const [parser] = run.repos;
    if (!parser?.starterIssues?.[0]) throw new Error("fixture");
    parser.url = "https://evil.example/acme/parser";
    parser.starterIssues[0].url = "https://demo.invalid/acme/parser/issues/12";
    const text = formatRunAsMarkdown({ run, githubWebOrigin: origin });
    expect(text).toContain("### 1. acme/parser\n");
    expect(text).toContain("(demo data, not on GitHub)");
    expect(text).not.toContain("evil.example/acme");
  });

  it("says when nothing was ranked and when the filters were not recorded", () => {
    const text = formatRunAsMarkdown({
      run: makeRun({ results: [], filters: undefined }),
      githubWebOrigin: origin,
    });
    expect(text).toContain("No repository was ranked.");
    expect(text).toContain("Not recorded for this run.");
  });
});

describe("formatRunAsCsv", () => {
  const csv = formatRunAsCsv({ run: makeRun(), githubWebOrigin: origin });
  const rows = parseCsv(csv);

  it("has a header and one row per ranked result, with CRLF line ends", () => {
    expect(rows[0]).toEqual([
      "rank",
      "repo",
      "url",
      "fit_score",
      "stars",
      "language",
      "license",
      "new_since_last_run",
      "reason",
      "contributions",
      "picked_issues",
      "picked_issue_urls",
    ]);
    expect(rows).toHaveLength(3);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(rows[1]?.slice(0, 8)).toEqual([
      "1",
      "acme/parser",
      "https://github.com/acme/parser",
      "8.5",
      "4321",
      "TypeScript",
      "MIT",
      "true",
    ]);
    expect(rows[1]?.[10]).toBe(
      '#12 Fix the [docs](http://evil.example) <b>now</b>: Small, "quoted" and\nmulti-line',
    );
    expect(rows[1]?.[11]).toBe("https://github.com/acme/parser/issues/12");
  });

  it("quotes fields with commas, quotes and line breaks (RFC 4180), and reads back the same text", () => {
    expect(quoteCsvField('say "hi", then\r\ngo')).toBe('"say ""hi"", then\r\ngo"');
    expect(quoteCsvField("plain")).toBe("plain");
    expect(rows[1]?.[8]).toBe(hostileReason);
  });

  it("keeps cells that a spreadsheet would run as a formula as text", () => {
    expect(rows[2]?.slice(5, 10)).toEqual([
      "'-1",
      "'@SUM(A1:A2)",
      "false",
      `'=HYPERLINK("http://evil.example","click")`,
      "'+1 for tests; @SUM(A1:A2)",
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(neutralizeFormula(`${start}cmd|' /C calc'!A0`)).toBe(`'${start}cmd|' /C calc'!A0`);
    }
    expect(neutralizeFormula("fine = ok")).toBe("fine = ok");
  });
});

describe("formatRunAsJson", () => {
  it("is the ScoutSearchResult itself", () => {
    const run = makeRun();
    expect(JSON.parse(formatRunAsJson({ run }))).toEqual(run);
  });
});
