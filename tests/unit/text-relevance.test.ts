import { describe, expect, it } from "vitest";
import {
  scoreBm25,
  stemWord,
  tokenizeText,
  tokenizeTextWithSurface,
} from "@/server/analysis/heuristic/text-relevance";

describe("tokenizeText", () => {
  it("lowercases, drops stop-words, URLs and markup, and stems", () => {
    expect(
      tokenizeText("The <b>Networking</b> libraries for async servers, see https://example.com/docs"),
    ).toEqual(["network", "library", "async", "server", "see"]);
  });

  it("keeps C++, C# and Node.js recognisable", () => {
    expect(tokenizeText("Bindings for C++ and C# on Node.js")).toEqual([
      "binding",
      "cpp",
      "csharp",
      "nodejs",
    ]);
  });

  it("splits non-ASCII text on letters, not bytes", () => {
    expect(tokenizeText("Schnelle Datenbank für Rust — 数据库")).toEqual([
      "schnell",
      "datenbank",
      "für",
      "rust",
      "数据库",
    ]);
  });

  it("drops extra stop-words in both surface and stemmed form, and keeps the surface form", () => {
    const tokens = tokenizeTextWithSurface("I want to contribute to projects about parsing", {
      extraStopWords: new Set(["want", "contribute", "project"]),
    });
    expect(tokens).toEqual([{ stem: "pars", surface: "parsing" }]);
  });
});

describe("stemWord", () => {
  it("maps the common forms of a word to one key", () => {
    expect(new Set(["parse", "parsing", "parsed", "parses"].map(stemWord))).toEqual(new Set(["pars"]));
    expect(new Set(["cache", "caching", "caches"].map(stemWord))).toEqual(new Set(["cach"]));
    expect(stemWord("running")).toBe(stemWord("run"));
    expect(stemWord("libraries")).toBe("library");
    expect(stemWord("processes")).toBe("process");
  });

  it("leaves short words and words ending in -ss, -us, -is alone", () => {
    for (const word of ["go", "rust", "class", "status", "redis", "js"]) expect(stemWord(word)).toBe(word);
  });
});

describe("scoreBm25", () => {
  const documents = [
    tokenizeText("An async networking runtime with async TCP and async UDP sockets"),
    tokenizeText("A charting library for dashboards and data visualisation"),
    tokenizeText("Networking utilities: DNS lookups and ping"),
  ];

  it("ranks the document that matches more query terms, more often, first", () => {
    const matches = scoreBm25({ queryTerms: tokenizeText("async networking"), documents });
    expect(matches.map((match) => match.matchedTerms)).toEqual([["async", "network"], [], ["network"]]);
    const [runtime, charts, utilities] = matches.map((match) => match.score);
    expect(runtime).toBeGreaterThan(utilities ?? 0);
    expect(utilities).toBeGreaterThan(0);
    expect(charts).toBe(0);
  });

  it("weighs a rare term above a common one", () => {
    const docs = [tokenizeText("network async"), tokenizeText("network"), tokenizeText("network")];
    const [rareAndCommon, commonOnly] = scoreBm25({ queryTerms: ["async", "network"], documents: docs });
    const asyncShare = (rareAndCommon?.score ?? 0) - (commonOnly?.score ?? 0);
    expect(asyncShare).toBeGreaterThan(commonOnly?.score ?? 0);
  });

  it("saturates term frequency and normalises by document length", () => {
    const once = tokenizeText("parser");
    const often = tokenizeText(Array.from({ length: 50 }, () => "parser").join(" "));
    const diluted = tokenizeText(
      `parser ${Array.from({ length: 200 }, (_, index) => `filler${index}x`).join(" ")}`,
    );
    const [oneHit, manyHits, longDoc] = scoreBm25({
      queryTerms: ["parser"],
      documents: [once, often, diluted],
    });
    expect(manyHits?.score).toBeGreaterThan(oneHit?.score ?? 0);
    expect(manyHits?.score).toBeLessThan((oneHit?.score ?? 0) * 3);
    expect(longDoc?.score).toBeLessThan(oneHit?.score ?? 0);
  });

  it("normalises to 0..1 and counts repeated query terms once", () => {
    const matches = scoreBm25({ queryTerms: ["async", "async", "network"], documents });
    for (const match of matches) {
      expect(match.normalized).toBeGreaterThanOrEqual(0);
      expect(match.normalized).toBeLessThanOrEqual(1);
    }
    expect(matches).toEqual(scoreBm25({ queryTerms: ["async", "network"], documents }));
  });

  it("handles an empty collection, an empty query and empty documents", () => {
    expect(scoreBm25({ queryTerms: ["x"], documents: [] })).toEqual([]);
    expect(scoreBm25({ queryTerms: [], documents: [["a"]] })).toEqual([
      { score: 0, normalized: 0, matchedTerms: [] },
    ]);
    expect(scoreBm25({ queryTerms: ["x"], documents: [[], []] })).toEqual([
      { score: 0, normalized: 0, matchedTerms: [] },
      { score: 0, normalized: 0, matchedTerms: [] },
    ]);
  });
});
