import { describe, expect, it } from "vitest";
import { describeResponseTime, summarizeHealth } from "@/lib/health-words";
import { selectPickedIssues } from "@/components/starter-issues";
import { ISSUES_NOW, daysAgo, makeHealth, makeIssue } from "../support/starter-issue-fixtures";

describe("describeResponseTime", () => {
  it.each([
    [0.4, "within an hour"],
    [5, "within 5 hours"],
    [23.2, "within 24 hours"],
    [24, "within a day"],
    [40, "within 2 days"],
    [24 * 13, "within 13 days"],
    [24 * 20, "within 3 weeks"],
  ])("puts %s hours as %s", (hours, words) => {
    expect(describeResponseTime(hours)).toBe(words);
  });
});

describe("summarizeHealth", () => {
  it("names every known signal in plain words", () => {
    expect(
      summarizeHealth(
        makeHealth({ medianFirstResponseHours: 40, outsideMergedPrsLast90Days: 4, hasCodeOfConduct: true }),
        ISSUES_NOW,
      ),
    ).toEqual([
      "Maintainers usually reply within 2 days",
      "4 outside PRs merged in 90 days",
      "40 commits in 90 days",
      "contributing guide",
      "code of conduct",
      "released 4 weeks ago",
    ]);
  });

  it("says when nobody answers, and leaves out what GitHub could not tell", () => {
    expect(
      summarizeHealth(
        {
          commitsLast90Days: null,
          medianFirstResponseHours: null,
          outsideMergedPrsLast90Days: 1,
          hasContributingGuide: false,
          hasCodeOfConduct: false,
          lastReleaseAt: null,
        },
        ISSUES_NOW,
      ),
    ).toEqual(["No maintainer has replied to its recent issues", "1 outside PR merged in 90 days"]);
  });
});

describe("selectPickedIssues", () => {
  it("lists the picks in the analyzer's order, never a claimed or unknown issue", () => {
    const issues = [makeIssue(1), makeIssue(2, { claimed: true }), makeIssue(3, { updatedAt: daysAgo(1) })];
    const picked = selectPickedIssues(
      [
        { number: 3, why: "Best." },
        { number: 2, why: "Claimed since the analysis." },
        { number: 9, why: "Not among the issues." },
        { number: 1, why: "Next." },
      ],
      issues,
    );
    expect(picked.map(({ issue, why }) => [issue.number, why])).toEqual([
      [3, "Best."],
      [1, "Next."],
    ]);
    expect(selectPickedIssues(undefined, issues)).toEqual([]);
    expect(selectPickedIssues([{ number: 1, why: "x" }], undefined)).toEqual([]);
  });
});
