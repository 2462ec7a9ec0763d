import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import { SEARCH_QUERY_MAX_CHARS, resolvePushedAfter } from "@/shared/search-query";
import {
  searchFilterDefaults,
  searchFiltersSchema,
  type SearchFilters,
  type SearchFiltersInput,
} from "@/shared/filters";

const today = new Date("2026-11-25T15:30:00Z");
const build = (input: SearchFiltersInput, at: Date = today) =>
  buildSearchQuery({ filters: searchFiltersSchema.parse(input), today: at });
/** Filters that skipped the schema, as a caller other than the API could pass them. */
const buildUnchecked = (filters: Partial<SearchFilters> & Pick<SearchFilters, "languages">) =>
  buildSearchQuery({ filters: { ...searchFilterDefaults, ...filters }, today });

describe("buildSearchQuery", () => {
  it("fills in the defaults: 10..500000 stars, pushed in the last six months, no archives, no forks", () => {
    expect(build({ languages: ["Python"] })).toBe(
      "language:Python stars:10..500000 pushed:>=2026-05-25 archived:false fork:false",
    );
  });

  it("puts every filter in, in a fixed order, with the free text last", () => {
    const query = build({
      languages: ["TypeScript", "Rust"],
      minStars: 50,
      maxStars: 5000,
      topics: ["cli", "parser"],
      pushedAfter: "2025-01-31",
      license: "Apache-2.0",
      query: "  fast   json \n parser ",
    });
    expect(query).toBe(
      "language:TypeScript language:Rust stars:50..5000 pushed:>=2025-01-31 topic:cli topic:parser " +
        "license:apache-2.0 archived:false fork:false fast json parser",
    );
  });

  it("keeps a language with a space as one quoted value", () => {
    expect(build({ languages: ["Jupyter Notebook", "C++", "C#"] })).toMatch(
      /^language:"Jupyter Notebook" language:C\+\+ language:C# /,
    );
  });

  it("quotes a language that tries to smuggle in a qualifier of its own", () => {
    expect(build({ languages: ["Python stars:>0"] })).toMatch(
      /^language:"Python stars:>0" stars:10\.\.500000 /,
    );
  });

  it("turns topics into GitHub's lowercase, hyphenated form", () => {
    expect(build({ languages: ["Python"], topics: ["Machine Learning"] })).toContain(
      "topic:machine-learning ",
    );
  });

  it("accepts a star range of a single value at both ends", () => {
    expect(build({ languages: ["Go"], minStars: 0, maxStars: 0 })).toContain(" stars:0..0 ");
  });

  it("refuses a double quote inside a language or topic, naming the field", () => {
    const attempt = () => buildUnchecked({ languages: ['Py"thon'] });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow('Language "Python" cannot contain a double quote');
    expect(() => buildUnchecked({ languages: ["Go"], topics: ['a"b'] })).toThrow(/^Topic "ab"/);
  });

  it("drops the redundant fork:false before giving up on GitHub's 256-character limit", () => {
    const base = build({ languages: ["Python"] });
    const withoutFork = base.replace(" fork:false", "");
    const text = "x".repeat(SEARCH_QUERY_MAX_CHARS - withoutFork.length - 1);
    const query = build({ languages: ["Python"], query: text });
    expect(query).toBe(`${withoutFork} ${text}`);
    expect(query).toHaveLength(SEARCH_QUERY_MAX_CHARS);
  });

  it("keeps fork:false while everything fits", () => {
    const base = build({ languages: ["Python"] });
    const text = "y".repeat(SEARCH_QUERY_MAX_CHARS - base.length - 1);
    expect(build({ languages: ["Python"], query: text })).toBe(`${base} ${text}`);
  });

  it("fails with a clear message, with the numbers, when the filters cannot fit in 256 characters", () => {
    const attempt = () => buildUnchecked({ languages: ["Python"], query: "z".repeat(300) });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(
      "The search is too long for GitHub: at most 256 characters including filters; this one would be 368.",
    );
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});

describe("resolvePushedAfter", () => {
  it("keeps an explicit date", () => {
    expect(resolvePushedAfter({ pushedAfter: "2024-02-29", today })).toBe("2024-02-29");
  });

  it("counts six calendar months back in UTC, clamping to the end of shorter months", () => {
    expect(resolvePushedAfter({ pushedAfter: null, today: new Date("2026-08-31T23:59:59Z") })).toBe(
      "2026-02-28",
    );
    expect(resolvePushedAfter({ pushedAfter: null, today: new Date("2024-08-31T00:00:00Z") })).toBe(
      "2024-02-29",
    );
    expect(resolvePushedAfter({ pushedAfter: null, today: new Date("2026-03-15T08:00:00Z") })).toBe(
      "2025-09-15",
    );
  });
});
