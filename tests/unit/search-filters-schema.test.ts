import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildSearchQuery } from "@/server/sources/build-search-query";
import {
  isCalendarDate,
  searchFiltersSchema,
  searchQueryLengthOf,
  type SearchFiltersInput,
} from "@/shared/filters";
import { SEARCH_QUERY_MAX_CHARS } from "@/shared/search-query";

const today = new Date("2026-11-25T15:30:00Z");

function fieldErrorsOf(input: SearchFiltersInput) {
  const parsed = searchFiltersSchema.safeParse(input);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return z.flattenError(parsed.error).fieldErrors;
}

// "language:Python stars:10..500000 pushed:>=YYYY-MM-DD archived:false" without fork:false, which is dropped
// first when space runs out.
const pythonQualifiers = 67;

describe("the search filters refuse a search GitHub would refuse, before it costs anything", () => {
  it("counts the whole string, qualifiers included, and names the numbers on the query field", () => {
    expect(fieldErrorsOf({ languages: ["Python"], query: "z".repeat(300) }).query).toEqual([
      "The search is too long for GitHub: at most 256 characters including filters; this one would be 368.",
    ]);
  });

  it("refuses long filters with short search text, still on the query field", () => {
    const languages = Array.from({ length: 20 }, (_, index) => `Language${String(index).padStart(4, "0")}`);
    const errors = fieldErrorsOf({ languages, topics: ["web"], query: "cli" });
    expect(errors.query?.[0]).toMatch(
      /^The search is too long for GitHub: at most 256 characters including filters; this one would be \d+\.$/,
    );
    expect(errors.languages).toBeUndefined();
  });

  it("accepts exactly 256 characters, counting the default activity date when none is given", () => {
    const fits = "q".repeat(SEARCH_QUERY_MAX_CHARS - pythonQualifiers - 1);
    const accepted = searchFiltersSchema.parse({ languages: ["Python"], query: fits });
    expect(accepted.pushedAfter).toBeNull();
    expect(buildSearchQuery({ filters: accepted, today })).toHaveLength(256);
    expect(fieldErrorsOf({ languages: ["Python"], query: `${fits}q` }).query).toEqual([
      "The search is too long for GitHub: at most 256 characters including filters; this one would be 257.",
    ]);
  });

  it("refuses a double quote in a language or topic on that field, not at search time", () => {
    expect(fieldErrorsOf({ languages: ['Py"thon'] }).languages).toEqual([
      'Language "Python" cannot contain a double quote (")',
    ]);
    expect(fieldErrorsOf({ languages: ["Go"], topics: ['a"b'] }).topics).toEqual([
      'Topic "ab" cannot contain a double quote (")',
    ]);
  });
});

describe("searchQueryLengthOf, the form's live counter", () => {
  const samples: SearchFiltersInput[] = [
    { languages: ["Python"] },
    { languages: [" Python ", "python", "Jupyter Notebook"], topics: ["Machine Learning"], query: "  a  b " },
    { languages: ["Rust"], minStars: 0, maxStars: 12, pushedAfter: "2024-02-29", license: " MIT " },
    { languages: ["Go"], query: "x".repeat(180) },
  ];

  it.each(samples)("agrees with the string the server would send for %j", (input) => {
    const sent = buildSearchQuery({ filters: searchFiltersSchema.parse(input), today });
    expect(searchQueryLengthOf(input, today)).toBe(sent.length);
  });

  it("keeps counting past the limit, so the form can show by how much", () => {
    expect(searchQueryLengthOf({ languages: ["Python"], query: "z".repeat(300) })).toBe(368);
  });

  it("has no number while a value could not be sent at all", () => {
    expect(searchQueryLengthOf({ languages: ['Py"thon'] })).toBeNull();
  });
});

describe("dates must exist on the calendar", () => {
  it.each(["2026-02-30", "2026-02-29", "2026-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2100-02-29"])(
    "refuses %s, which date parsing would roll over",
    (pushedAfter) => {
      expect(isCalendarDate(pushedAfter)).toBe(false);
      expect(fieldErrorsOf({ languages: ["Go"], pushedAfter }).pushedAfter).toEqual([
        "Active since must be a real date",
      ]);
    },
  );

  it.each(["2024-02-29", "2000-02-29", "2026-02-28", "2026-04-30", "2026-12-31", "1970-01-01"])(
    "accepts %s",
    (pushedAfter) => {
      expect(isCalendarDate(pushedAfter)).toBe(true);
      expect(searchFiltersSchema.parse({ languages: ["Go"], pushedAfter }).pushedAfter).toBe(pushedAfter);
    },
  );

  it("still asks for the YYYY-MM-DD form first", () => {
    expect(fieldErrorsOf({ languages: ["Go"], pushedAfter: "2026-2-3" }).pushedAfter?.[0]).toBe(
      "Active since must be a date (YYYY-MM-DD)",
    );
  });
});
