import { describe, expect, it } from "vitest";

import { hashAnalysisProfile } from "@/server/profile/profile-hash";

const profile = {
  languages: ["TypeScript", "Rust"],
  topics: ["cli"],
  skillLevel: "beginner" as const,
  goals: "Learn parsers",
};

describe("hashAnalysisProfile", () => {
  it("gives the same hash to the same profile written differently", () => {
    expect(
      hashAnalysisProfile({ ...profile, languages: ["rust", " TypeScript"], goals: " Learn  parsers " }),
    ).toBe(hashAnalysisProfile(profile));
  });

  it("gives a new hash when anything that can change a verdict changes", () => {
    const base = hashAnalysisProfile(profile);
    expect(hashAnalysisProfile({ ...profile, languages: ["TypeScript"] })).not.toBe(base);
    expect(hashAnalysisProfile({ ...profile, topics: [] })).not.toBe(base);
    expect(hashAnalysisProfile({ ...profile, skillLevel: "advanced" })).not.toBe(base);
    expect(hashAnalysisProfile({ ...profile, goals: "Learn compilers" })).not.toBe(base);
  });
});
