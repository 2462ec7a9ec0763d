import { describe, expect, it } from "vitest";
import { describeDiscoveredBy } from "@/lib/lane-words";

describe("which searches found a repository, in words", () => {
  it("names the work lanes and leaves the plain search unsaid", () => {
    expect(describeDiscoveredBy(["starter"])).toBe("Found by the search for good first issues");
    expect(describeDiscoveredBy(["starter", "help-wanted", "best-match"])).toBe(
      "Found by the searches for good first issues and help wanted",
    );
    expect(describeDiscoveredBy(["help-wanted", "active", "starter"])).toBe(
      "Found by the searches for help wanted, recent activity and good first issues",
    );
  });

  it("says nothing when only the plain search found it, or nothing was recorded", () => {
    expect(describeDiscoveredBy(["best-match"])).toBeNull();
    expect(describeDiscoveredBy([])).toBeNull();
    expect(describeDiscoveredBy(undefined)).toBeNull();
  });
});
