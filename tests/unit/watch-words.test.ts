import { describe, expect, it } from "vitest";
import { asSentence, describeDigestCost, describeDigestCounts, describeSchedule } from "@/lib/watch-words";

describe("describeSchedule", () => {
  it.each([
    [{ kind: "daily", hour: 9, timeZone: "Europe/Berlin" } as const, "Daily at 09:00 (Europe/Berlin)"],
    [{ kind: "daily", hour: 23, timeZone: "UTC" } as const, "Daily at 23:00 (UTC)"],
    [{ kind: "weekly", weekday: "monday", hour: 7, timeZone: "UTC" } as const, "Mondays at 07:00 (UTC)"],
    [
      { kind: "cron", expression: "0 9 * * 1-5", timeZone: "America/New_York" } as const,
      "Cron 0 9 * * 1-5 (America/New_York)",
    ],
  ])("puts %o as %s", (schedule, words) => {
    expect(describeSchedule(schedule)).toBe(words);
  });
});

describe("describeDigestCounts", () => {
  const repository = {
    fullName: "acme/widget",
    url: "https://github.com/acme/widget",
    description: null,
    fitScore: 8,
    reason: "Fits",
    pickedIssues: [],
  };
  const issue = {
    number: 4,
    title: "Fix it",
    url: "https://github.com/acme/widget/issues/4",
    labels: [],
    createdAt: "2026-01-01T00:00:00Z",
  };

  it("counts each kind of news, leaving out the kinds with none", () => {
    expect(
      describeDigestCounts({
        newRepositories: [repository, { ...repository, fullName: "acme/gadget" }],
        newIssues: [],
        goneIssues: [{ repository: "acme/widget", number: 2, title: "Old", url: "", change: "claimed" }],
      }),
    ).toBe("2 new repositories · 1 taken issue");
    expect(
      describeDigestCounts({
        newRepositories: [],
        newIssues: [{ repository: "acme/widget", repositoryUrl: repository.url, issue }],
        goneIssues: [],
      }),
    ).toBe("1 new starter issue");
  });
});

describe("describeDigestCost", () => {
  it("names requests, tokens in and out together, and what the caches saved", () => {
    expect(
      describeDigestCost({
        githubRequests: 3,
        llmInputTokens: 0,
        llmOutputTokens: 0,
        cachedResults: 8,
        readmesFromCache: 8,
      }),
    ).toBe("3 GitHub requests · 0 LLM tokens · 8 cached analyses · 8 READMEs reused");
    expect(
      describeDigestCost({
        githubRequests: 1,
        llmInputTokens: 1200,
        llmOutputTokens: 300,
        cachedResults: 1,
        readmesFromCache: 1,
      }),
    ).toBe("1 GitHub request · 1,500 LLM tokens · 1 cached analysis · 1 README reused");
  });
});

describe("asSentence", () => {
  it("ends an error as a sentence once", () => {
    expect(asSentence("GitHub refused the token")).toBe("GitHub refused the token.");
    expect(asSentence("The scheduled search could not be started.")).toBe(
      "The scheduled search could not be started.",
    );
    expect(asSentence("Is the token revoked?")).toBe("Is the token revoked?");
  });
});
