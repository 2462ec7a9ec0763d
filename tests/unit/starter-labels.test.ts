import { describe, expect, it } from "vitest";
import {
  BEGINNER_LABELS,
  HELP_WANTED_LABELS,
  STARTER_LABELS,
  classifyStarterLabel,
  hasBeginnerLabel,
  hasHelpWantedLabel,
} from "@/shared/starter-labels";

describe("the starter-label synonyms", () => {
  it("cover the labels the issue names, and the spellings real projects use", () => {
    const names = STARTER_LABELS.map((label) => label.toLowerCase());
    for (const label of [
      "good first issue",
      "good-first-issue",
      "good first bug",
      "beginner",
      "beginner friendly",
      "easy",
      "first-timers-only",
      "up-for-grabs",
      "help wanted",
      "status: help wanted",
      "contributions welcome",
      "e-easy",
      "low-hanging-fruit",
    ]) {
      expect(names).toContain(label);
    }
    expect(names).not.toContain("hacktoberfest");
    expect(new Set(names).size).toBe(names.length);
  });

  it("tell a beginner label from a help-wanted one, ignoring case and surrounding blanks", () => {
    expect(classifyStarterLabel("Good First Issue")).toBe("beginner");
    expect(classifyStarterLabel("  E-EASY ")).toBe("beginner");
    expect(classifyStarterLabel("Status: Help Wanted")).toBe("help-wanted");
    expect(classifyStarterLabel("up-for-grabs")).toBe("help-wanted");
    expect(classifyStarterLabel("bug")).toBeNull();
    expect(classifyStarterLabel("good first issues please")).toBeNull();
  });

  it("answer for a whole label list", () => {
    expect(hasBeginnerLabel(["bug", "Beginner-Friendly"])).toBe(true);
    expect(hasBeginnerLabel(["help wanted"])).toBe(false);
    expect(hasHelpWantedLabel(["docs", "PRs welcome"])).toBe(true);
    expect(hasHelpWantedLabel([])).toBe(false);
  });

  it("keep the two kinds apart", () => {
    const beginner = new Set<string>(BEGINNER_LABELS.map((label) => label.toLowerCase()));
    expect(HELP_WANTED_LABELS.filter((label) => beginner.has(label.toLowerCase()))).toEqual([]);
  });
});
