import { describe, expect, it } from "vitest";
import { formatCount } from "@/lib/format";
import { formatCountOf, pluralize } from "@/lib/words";

describe("pluralize", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(pluralize(1, "issue", "issues")).toBe("issue");
    expect(pluralize(0, "issue", "issues")).toBe("issues");
    expect(pluralize(2, "issue", "issues")).toBe("issues");
    expect(pluralize(1.5, "issue", "issues")).toBe("issues");
  });
});

describe("formatCountOf", () => {
  it("says 1 good first issue, not 1 good first issues", () => {
    expect(formatCountOf(1, "good first issue", "good first issues")).toBe("1 good first issue");
    expect(formatCountOf(0, "good first issue", "good first issues")).toBe("0 good first issues");
    expect(formatCountOf(7, "repository", "repositories")).toBe("7 repositories");
  });

  it("formats the number with the given formatter and picks the noun from the count", () => {
    expect(formatCountOf(12_345, "open issue", "open issues", formatCount)).toBe("12.3K open issues");
    expect(formatCountOf(1, "open issue", "open issues", formatCount)).toBe("1 open issue");
  });
});
