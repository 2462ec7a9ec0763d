import { describe, expect, it } from "vitest";
import type { CatalogRepo } from "@/server/sources/catalog/demo-catalog";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { parseSearchQuery } from "@/server/sources/catalog/parse-search-query";
import { SearchQueryError } from "@/server/sources/catalog/parsed-search-query";
import { createCatalogSearch } from "@/server/sources/catalog/search-catalog";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import { searchFiltersSchema } from "@/shared/filters";

let nextId = 1;
function makeRepo(overrides: {
  fullName: string;
  language?: string | null;
  description?: string | null;
  topics?: string[];
  stars?: number;
  pushedAt?: string;
  createdAt?: string;
  license?: string | null;
  archived?: boolean;
  fork?: boolean;
  forks?: number;
  goodFirstIssues?: number;
  helpWantedIssues?: number;
  readme?: boolean;
}): CatalogRepo {
  const [owner = "", name = ""] = overrides.fullName.split("/");
  const license = overrides.license === undefined ? "MIT" : overrides.license;
  return {
    metadata: {
      githubId: nextId++,
      owner,
      name,
      fullName: overrides.fullName,
      url: `https://github.com/${overrides.fullName}`,
      description: overrides.description === undefined ? null : overrides.description,
      primaryLanguage: overrides.language === undefined ? "Python" : overrides.language,
      languages: overrides.language ? [overrides.language] : [],
      stars: overrides.stars ?? 100,
      forks: overrides.forks ?? 5,
      openIssues: 10,
      topics: overrides.topics ?? [],
      license: license === "NOASSERTION" ? null : license,
      pushedAt: overrides.pushedAt ?? "2026-11-01T10:00:00Z",
      createdAt: overrides.createdAt ?? "2022-01-01T00:00:00Z",
      goodFirstIssues: overrides.goodFirstIssues ?? 0,
      helpWantedIssues: overrides.helpWantedIssues ?? 0,
    },
    archived: overrides.archived ?? false,
    fork: overrides.fork ?? false,
    licenseKey: license === null ? null : license === "NOASSERTION" ? "other" : license.toLowerCase(),
    licenseSpdxId: license,
    domain: "web",
    readme: overrides.readme ? { path: "README.md", style: "standard" } : null,
  };
}

/** README texts for hand-made repositories, looked up by the repository object itself. */
const readmeTexts = new Map<CatalogRepo, string>();
function withReadme(repo: CatalogRepo, text: string): CatalogRepo {
  readmeTexts.set(repo, text);
  return repo;
}

function searchNames(repos: CatalogRepo[], query: string): string[] {
  const search = createCatalogSearch({ repos, readReadme: (repo) => readmeTexts.get(repo) ?? null });
  return search.search(query).matches.map((repo) => repo.metadata.fullName);
}

describe("catalog search: qualifiers", () => {
  const repos = [
    makeRepo({ fullName: "a/py", language: "Python", stars: 10 }),
    makeRepo({ fullName: "a/ts", language: "TypeScript", stars: 20 }),
    makeRepo({ fullName: "a/go", language: "Go", stars: 30 }),
    makeRepo({ fullName: "a/nb", language: "Jupyter Notebook", stars: 40 }),
    makeRepo({ fullName: "a/none", language: null, stars: 50 }),
  ];

  it("ORs repeated language qualifiers, case-insensitively", () => {
    expect(searchNames(repos, "language:python language:GO")).toEqual(["a/go", "a/py"]);
  });

  it("matches a multi-word language quoted or hyphenated", () => {
    expect(searchNames(repos, 'language:"Jupyter Notebook"')).toEqual(["a/nb"]);
    expect(searchNames(repos, "language:jupyter-notebook")).toEqual(["a/nb"]);
  });

  it("excludes a language with a leading minus", () => {
    expect(searchNames(repos, "-language:python -language:go")).toEqual(["a/none", "a/nb", "a/ts"]);
  });

  it("treats a quoted language with an embedded qualifier as one (non-existent) language", () => {
    expect(searchNames(repos, 'language:"Python stars:>0"')).toEqual([]);
  });

  it("ANDs repeated topic qualifiers", () => {
    const tagged = [
      makeRepo({ fullName: "t/both", topics: ["cli", "parser"] }),
      makeRepo({ fullName: "t/cli", topics: ["cli"] }),
      makeRepo({ fullName: "t/parser", topics: ["Parser"] }),
    ];
    expect(searchNames(tagged, "topic:cli topic:parser")).toEqual(["t/both"]);
    expect(searchNames(tagged, "topic:parser").sort()).toEqual(["t/both", "t/parser"]);
    expect(searchNames(tagged, "topic:cli -topic:parser")).toEqual(["t/cli"]);
  });

  it("reads star ranges inclusively at both ends, and every comparison form", () => {
    expect(searchNames(repos, "stars:20..40")).toEqual(["a/nb", "a/go", "a/ts"]);
    expect(searchNames(repos, "stars:>20")).toEqual(["a/none", "a/nb", "a/go"]);
    expect(searchNames(repos, "stars:>=20 stars:<40")).toEqual(["a/go", "a/ts"]);
    expect(searchNames(repos, "stars:<=10")).toEqual(["a/py"]);
    expect(searchNames(repos, "stars:30")).toEqual(["a/go"]);
    expect(searchNames(repos, "stars:*..20")).toEqual(["a/ts", "a/py"]);
    expect(searchNames(repos, "stars:40..*")).toEqual(["a/none", "a/nb"]);
    expect(searchNames(repos, "-stars:20..40")).toEqual(["a/none", "a/py"]);
  });

  it("reads pushed dates as whole UTC days", () => {
    const dated = [
      makeRepo({ fullName: "d/before", pushedAt: "2026-05-24T23:59:59Z" }),
      makeRepo({ fullName: "d/start", pushedAt: "2026-05-25T00:00:00Z" }),
      makeRepo({ fullName: "d/end", pushedAt: "2026-05-25T23:59:59Z" }),
      makeRepo({ fullName: "d/after", pushedAt: "2026-05-26T00:00:00Z" }),
    ];
    const names = (query: string) => searchNames(dated, query).sort();
    expect(names("pushed:>=2026-05-25")).toEqual(["d/after", "d/end", "d/start"]);
    expect(names("pushed:>2026-05-25")).toEqual(["d/after"]);
    expect(names("pushed:<2026-05-25")).toEqual(["d/before"]);
    expect(names("pushed:<=2026-05-25")).toEqual(["d/before", "d/end", "d/start"]);
    expect(names("pushed:2026-05-25")).toEqual(["d/end", "d/start"]);
    expect(names("pushed:2026-05-24..2026-05-25")).toEqual(["d/before", "d/end", "d/start"]);
    expect(names("created:>2021-12-31 pushed:>=2026-05-26T00:00:00Z")).toEqual(["d/after"]);
  });

  it("leaves forks out unless asked, and treats archived repositories as GitHub does", () => {
    const mixed = [
      makeRepo({ fullName: "m/plain", stars: 3 }),
      makeRepo({ fullName: "m/fork", fork: true, stars: 2 }),
      makeRepo({ fullName: "m/archived", archived: true, stars: 1 }),
    ];
    expect(searchNames(mixed, "stars:>=0")).toEqual(["m/plain", "m/archived"]);
    expect(searchNames(mixed, "archived:false fork:false")).toEqual(["m/plain"]);
    expect(searchNames(mixed, "archived:true")).toEqual(["m/archived"]);
    expect(searchNames(mixed, "fork:true")).toEqual(["m/plain", "m/fork", "m/archived"]);
    expect(searchNames(mixed, "fork:only")).toEqual(["m/fork"]);
  });

  it("matches licenses by GitHub's license key", () => {
    const licensed = [
      makeRepo({ fullName: "l/mit", license: "MIT" }),
      makeRepo({ fullName: "l/apache", license: "Apache-2.0" }),
      makeRepo({ fullName: "l/custom", license: "NOASSERTION" }),
      makeRepo({ fullName: "l/none", license: null }),
    ];
    expect(searchNames(licensed, "license:mit")).toEqual(["l/mit"]);
    expect(searchNames(licensed, "license:apache-2.0 license:mit").sort()).toEqual(["l/apache", "l/mit"]);
    expect(searchNames(licensed, "license:other")).toEqual(["l/custom"]);
  });

  it("filters by owner, repository and label counts", () => {
    const owned = [
      makeRepo({ fullName: "Octo/one", goodFirstIssues: 3, helpWantedIssues: 0 }),
      makeRepo({ fullName: "octo/two", goodFirstIssues: 0, helpWantedIssues: 2 }),
      makeRepo({ fullName: "other/three", goodFirstIssues: 1, helpWantedIssues: 1 }),
    ];
    expect(searchNames(owned, "user:octo").sort()).toEqual(["Octo/one", "octo/two"]);
    expect(searchNames(owned, "repo:OTHER/three")).toEqual(["other/three"]);
    expect(searchNames(owned, "good-first-issues:>=1 help-wanted-issues:>0")).toEqual(["other/three"]);
  });
});

describe("catalog search: the starter-issue qualifiers, as GitHub counts them", () => {
  type Issue = { state: "OPEN" | "CLOSED"; labels: string[] };
  const issuesOf = new Map<CatalogRepo, Issue[]>();
  function withIssues(repo: CatalogRepo, issues: Issue[]): CatalogRepo {
    issuesOf.set(repo, issues);
    return repo;
  }
  const open = (...labels: string[]): Issue => ({ state: "OPEN", labels });
  const closed = (...labels: string[]): Issue => ({ state: "CLOSED", labels });
  function searchWithIssues(repos: CatalogRepo[], query: string): string[] {
    const search = createCatalogSearch({ repos, readIssues: (repo) => issuesOf.get(repo) ?? [] });
    return search.search(query).matches.map((repo) => repo.metadata.fullName);
  }

  // Every repository's metadata says it has starter issues, as Scout's synonym-inclusive counts would.
  const repos = [
    withIssues(makeRepo({ fullName: "s/synonyms", goodFirstIssues: 3, helpWantedIssues: 2 }), [
      open("beginner"),
      open("easy", "up-for-grabs"),
      open("first-timers-only", "good-first-issue", "help-wanted"),
    ]),
    withIssues(makeRepo({ fullName: "s/capitalised", goodFirstIssues: 1, helpWantedIssues: 1 }), [
      open("Good First Issue"),
      open("Help Wanted", "bug"),
    ]),
    withIssues(makeRepo({ fullName: "s/closed", goodFirstIssues: 1, helpWantedIssues: 1 }), [
      closed("good first issue", "help wanted"),
      open("bug"),
    ]),
    withIssues(makeRepo({ fullName: "s/default", goodFirstIssues: 2, helpWantedIssues: 3 }), [
      open("good first issue", "help wanted"),
      open("good first issue", "help wanted"),
      open("help wanted"),
    ]),
  ];

  it("counts only the default labels, so a repository with only synonyms does not match", () => {
    expect(searchWithIssues(repos, "good-first-issues:>0")).not.toContain("s/synonyms");
    expect(searchWithIssues(repos, "help-wanted-issues:>0")).not.toContain("s/synonyms");
  });

  it("ignores the case of the label name", () => {
    expect(searchWithIssues(repos, "good-first-issues:>0 help-wanted-issues:>0")).toContain("s/capitalised");
  });

  it("does not count closed issues", () => {
    expect(searchWithIssues(repos, "good-first-issues:>0")).not.toContain("s/closed");
    expect(searchWithIssues(repos, "help-wanted-issues:0")).toContain("s/closed");
  });

  it("compares the counts as ranges, like any other count qualifier", () => {
    expect(searchWithIssues(repos, "good-first-issues:2")).toEqual(["s/default"]);
    expect(searchWithIssues(repos, "help-wanted-issues:>=3")).toEqual(["s/default"]);
    expect(searchWithIssues(repos, "-good-first-issues:0..1")).toEqual(["s/default"]);
  });

  it("sorts by the help-wanted count GitHub sees, not by the metadata's", () => {
    // Metadata would put s/default (3) first and s/synonyms (2) before s/capitalised (1).
    // s/closed and s/synonyms tie at 0 for GitHub; how GitHub breaks ties is not documented.
    expect(searchWithIssues(repos, "sort:help-wanted-issues").slice(0, 2)).toEqual([
      "s/default",
      "s/capitalised",
    ]);
    expect(searchWithIssues(repos, "sort:help-wanted-issues-asc").at(-1)).toBe("s/default");
  });

  it("sorts by the last push for sort:updated, newest first unless asked", () => {
    const pushed = [
      makeRepo({ fullName: "u/old", pushedAt: "2024-01-01T00:00:00Z", stars: 900 }),
      makeRepo({ fullName: "u/new", pushedAt: "2026-11-20T00:00:00Z", stars: 1 }),
      makeRepo({ fullName: "u/mid", pushedAt: "2025-06-01T00:00:00Z", stars: 50 }),
    ];
    expect(searchNames(pushed, "sort:updated")).toEqual(["u/new", "u/mid", "u/old"]);
    expect(searchNames(pushed, "sort:updated-asc")).toEqual(["u/old", "u/mid", "u/new"]);
  });
});

describe("catalog search: free text", () => {
  const repos = [
    makeRepo({ fullName: "x/json-parser", description: "Reads JSON quickly.", stars: 5 }),
    makeRepo({ fullName: "x/reader", description: "A fast JSON parser for big files.", stars: 900 }),
    makeRepo({ fullName: "x/tagged", description: "Data tools.", topics: ["json", "yaml"], stars: 50 }),
    withReadme(
      makeRepo({ fullName: "x/unrelated", description: "Nothing to see.", readme: true, stars: 10_000 }),
      "This README mentions json a lot.",
    ),
  ];

  it("searches name, description and topics, but not READMEs unless asked", () => {
    expect(searchNames(repos, "json").sort()).toEqual(["x/json-parser", "x/reader", "x/tagged"]);
    expect(searchNames(repos, "json in:readme")).toEqual(["x/unrelated"]);
    expect(searchNames(repos, "json in:name")).toEqual(["x/json-parser"]);
  });

  it("needs every word, matches whole words only, and keeps quoted phrases together", () => {
    expect(searchNames(repos, "json parser").sort()).toEqual(["x/json-parser", "x/reader"]);
    expect(searchNames(repos, "jso")).toEqual([]);
    expect(searchNames(repos, '"fast json"')).toEqual(["x/reader"]);
    expect(searchNames(repos, '"json fast"')).toEqual([]);
  });

  it("supports OR between words and NOT or a minus to exclude them", () => {
    expect(searchNames(repos, "yaml OR quickly").sort()).toEqual(["x/json-parser", "x/tagged"]);
    expect(searchNames(repos, "json NOT parser")).toEqual(["x/tagged"]);
    expect(searchNames(repos, "json -parser")).toEqual(["x/tagged"]);
  });

  it("ranks by best match: a name hit beats a popular description hit, with stars breaking ties", () => {
    expect(searchNames(repos, "parser")).toEqual(["x/json-parser", "x/reader"]);
    expect(searchNames(repos, "json")).toEqual(["x/json-parser", "x/tagged", "x/reader"]);
  });

  it("orders by stars when the query asks, and by stars when there is no text to rank", () => {
    expect(searchNames(repos, "json sort:stars")).toEqual(["x/reader", "x/tagged", "x/json-parser"]);
    expect(searchNames(repos, "json sort:stars-asc")).toEqual(["x/json-parser", "x/tagged", "x/reader"]);
    expect(searchNames(repos, "stars:>0")).toEqual(["x/unrelated", "x/reader", "x/tagged", "x/json-parser"]);
  });

  it("finds non-ASCII text: accents fold, and Japanese or Chinese words match inside a run", () => {
    const international = [
      makeRepo({ fullName: "i/journal", description: "Bibliothèque de journalisation structurée" }),
      makeRepo({ fullName: "i/hayai", description: "軽量で高速なHTTPクライアントライブラリ" }),
      makeRepo({ fullName: "i/cli", description: "一个简单易用的命令行工具框架" }),
      makeRepo({ fullName: "i/toml", description: "Простой и быстрый парсер TOML" }),
    ];
    expect(searchNames(international, "bibliotheque")).toEqual(["i/journal"]);
    expect(searchNames(international, "structurée")).toEqual(["i/journal"]);
    expect(searchNames(international, "http")).toEqual(["i/hayai"]);
    expect(searchNames(international, "高速")).toEqual(["i/hayai"]);
    expect(searchNames(international, "命令行")).toEqual(["i/cli"]);
    expect(searchNames(international, "парсер")).toEqual(["i/toml"]);
  });

  it("finds camelCase words both split and whole", () => {
    const named = [makeRepo({ fullName: "k/awesomeApp", description: "A WebSocket and gRPC toolkit." })];
    for (const query of ["awesome", "awesomeapp", "websocket", "web socket", "grpc"]) {
      expect(searchNames(named, query)).toEqual(["k/awesomeApp"]);
    }
  });
});

describe("catalog search: bad queries", () => {
  it("rejects what GitHub rejects, naming the culprit", () => {
    expect(() => parseSearchQuery("stars:lots")).toThrow(SearchQueryError);
    expect(() => parseSearchQuery("stars:lots")).toThrow('"stars:lots" is not a number or range');
    expect(() => parseSearchQuery("pushed:>=yesterday")).toThrow('"pushed:>=yesterday" is not a date');
    expect(() => parseSearchQuery("archived:maybe")).toThrow("must be true or false");
    expect(() => parseSearchQuery("sort:popularity")).toThrow("is not a sort GitHub supports");
    expect(() => parseSearchQuery("x".repeat(257))).toThrow("at most 256 characters");
    expect(() => parseSearchQuery("good-first-issues:many")).toThrow(
      '"good-first-issues:many" is not a number or range',
    );
    expect(() => parseSearchQuery("help-wanted-issues:>some")).toThrow("is not a number or range");
  });

  it("allows five AND, OR and NOT operators and refuses a sixth", () => {
    expect(() => parseSearchQuery("a OR b OR c AND d NOT e OR f")).not.toThrow();
    expect(() => parseSearchQuery("a OR b OR c AND d NOT e OR f OR g")).toThrow(
      "it has 6 AND, OR and NOT operators; GitHub allows at most 5",
    );
    // Quoted or lower-case, they are words, not operators.
    expect(() => parseSearchQuery('a "OR" b or c OR d OR e OR f OR g OR h')).not.toThrow();
  });

  it("reads an unknown qualifier as ordinary text", () => {
    expect(parseSearchQuery("owner:me").text).toEqual([{ phrases: ["owner:me"], negated: false }]);
  });
});

describe("catalog search over the demo catalog", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const catalog = generateDemoCatalog({ now });
  const search = createCatalogSearch({ repos: catalog.repos, readReadme: catalog.readReadme });

  it("returns only repositories that satisfy a built query, in best-match order", () => {
    const filters = searchFiltersSchema.parse({
      languages: ["Python", "TypeScript"],
      minStars: 20,
      maxStars: 5000,
      topics: [],
    });
    const { matches, totalCount } = search.search(buildSearchQuery({ filters, today: now }));
    expect(totalCount).toBe(matches.length);
    expect(matches.length).toBeGreaterThan(50);
    for (const repo of matches) {
      expect(["Python", "TypeScript"]).toContain(repo.metadata.primaryLanguage);
      expect(repo.metadata.stars).toBeGreaterThanOrEqual(20);
      expect(repo.metadata.stars).toBeLessThanOrEqual(5000);
      expect(Date.parse(repo.metadata.pushedAt ?? "")).toBeGreaterThanOrEqual(
        Date.parse("2026-05-25T00:00:00Z"),
      );
      expect(repo.archived || repo.fork).toBe(false);
    }
    const stars = matches.map((repo) => repo.metadata.stars);
    expect(stars).toEqual([...stars].sort((left, right) => right - left));
  });

  it("counts GitHub's starter labels on the issues the catalog writes, leaving synonym-only repositories out", () => {
    const byIssues = createCatalogSearch({
      repos: catalog.repos,
      readIssues: (repo) => catalog.readActivity(repo).issues,
    });
    const query = "good-first-issues:>0 language:Python";
    const github = byIssues.search(query).matches;
    const scout = search.search(query).matches;
    expect(github.length).toBeGreaterThan(0);
    expect(github.length).toBeLessThan(scout.length);
    for (const repo of github) {
      const labels = catalog
        .readActivity(repo)
        .issues.filter((issue) => issue.state === "OPEN")
        .flatMap((issue) => issue.labels.map((label) => label.toLowerCase()));
      expect(labels).toContain("good first issue");
    }
    // The demo data has the awkward cases: a capitalised default label, and a synonym-only repository.
    const allLabels = (repo: CatalogRepo) =>
      catalog.readActivity(repo).issues.flatMap((issue) => issue.labels);
    expect(github.some((repo) => allLabels(repo).includes("Good First Issue"))).toBe(true);
    expect(scout.some((repo) => !github.includes(repo) && allLabels(repo).includes("beginner"))).toBe(true);
  });

  it("can match more than GitHub's 1,000 for broad searches", () => {
    const { totalCount } = search.search("stars:>=0 pushed:>=2020-01-01");
    expect(totalCount).toBeGreaterThan(1000);
  });
});
