import { describe, expect, it } from "vitest";
import { excludeDismissed } from "@/server/filtering/exclude-dismissed";
import { filterCandidates } from "@/server/filtering/filter-candidates";
import type { RepoMetadata } from "@/shared/repos";

function repo(name: string, goodFirstIssues: number): RepoMetadata {
  return {
    githubId: goodFirstIssues + name.length * 100,
    owner: "acme",
    name,
    fullName: `acme/${name}`,
    url: `https://github.com/acme/${name}`,
    description: "A command-line tool",
    primaryLanguage: "Go",
    languages: ["Go"],
    stars: 100,
    forks: 10,
    openIssues: 20,
    topics: [],
    license: "mit",
    pushedAt: "2025-05-01T00:00:00Z",
    createdAt: "2020-01-01T00:00:00Z",
    goodFirstIssues,
    helpWantedIssues: 0,
  };
}

const repos = [repo("alpha", 9), repo("beta", 8), repo("gamma", 7), repo("delta", 6)];
const filters = { minStars: 0, maxStars: 1000 };

describe("excludeDismissed", () => {
  it("takes dismissed repositories out before the cap, refilling the candidates from the ranking", () => {
    const filtered = filterCandidates({ repos, filters, maxRepos: 2 });
    const marks = new Map([
      ["acme/alpha", { mark: "dismissed" as const, note: "too big" }],
      ["acme/gamma", { mark: "saved" as const, note: null }],
    ]);

    const outcome = excludeDismissed(filtered, { marks, maxRepos: 2 });

    expect(outcome.passed.map((r) => r.name)).toEqual(["beta", "gamma", "delta"]);
    expect(outcome.candidates.map((r) => r.name)).toEqual(["beta", "gamma"]);
    expect(outcome.dismissed).toEqual([
      { repo: "acme/alpha", reason: 'you marked it not interested: "too big"' },
    ]);
    expect(outcome.filteredOut[0]).toEqual(outcome.dismissed[0]);
  });

  it("matches names whatever their case, and says only the reason when there is no note", () => {
    const filtered = filterCandidates({ repos: [repo("Beta", 3)], filters, maxRepos: 5 });
    const outcome = excludeDismissed(filtered, {
      marks: new Map([["acme/beta", { mark: "dismissed" as const, note: null }]]),
      maxRepos: 5,
    });
    expect(outcome.candidates).toEqual([]);
    expect(outcome.filteredOut).toEqual([{ repo: "acme/Beta", reason: "you marked it not interested" }]);
  });

  it("changes nothing when no repository is dismissed", () => {
    const filtered = filterCandidates({ repos, filters, maxRepos: 3 });
    const outcome = excludeDismissed(filtered, { marks: new Map(), maxRepos: 3 });
    expect(outcome).toEqual({ ...filtered, dismissed: [] });
  });
});
