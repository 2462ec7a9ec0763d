import { describe, expect, it } from "vitest";
import { detectNonProjectRepo } from "@/server/filtering/detect-non-project-repo";
import {
  compareBySignals,
  filterCandidates,
  filterCandidatesByReadme,
  judgeNonProjects,
  scoreContributionSignals,
  type NonProjectVerdicts,
} from "@/server/filtering/filter-candidates";
import type { RepoMetadata } from "@/shared/repos";
import { stringMatching } from "../support/matchers";

function buildRepo(fields: Partial<RepoMetadata> & { fullName: string }): RepoMetadata {
  const [owner = "owner", name = "repo"] = fields.fullName.split("/");
  return {
    githubId: fields.githubId ?? fields.fullName.length,
    owner,
    name,
    url: `https://github.com/${fields.fullName}`,
    description: "A small library",
    primaryLanguage: "TypeScript",
    languages: ["TypeScript"],
    stars: 100,
    forks: 10,
    openIssues: 5,
    topics: [],
    license: "MIT",
    pushedAt: "2025-01-01T00:00:00Z",
    createdAt: "2020-01-01T00:00:00Z",
    goodFirstIssues: 0,
    helpWantedIssues: 0,
    ...fields,
  };
}

const wideFilters = { minStars: 0, maxStars: 1_000_000 };

/** A repository in which GitHub found no code at all, as with most link lists and write-ups. */
const noCode = { primaryLanguage: null, languages: [] };

describe("detectNonProjectRepo", () => {
  it("rejects awesome-lists by name but keeps camelCase product names", () => {
    expect(
      detectNonProjectRepo({ name: "awesome-python", description: null, topics: [], ...noCode }),
    ).toMatch(/awesome-list/);
    expect(detectNonProjectRepo({ name: "Awesome_Go", description: null, topics: [], ...noCode })).toMatch(
      /awesome-list/,
    );
    expect(detectNonProjectRepo({ name: "awesomeApp", description: "A todo app", topics: [] })).toBeNull();
    expect(detectNonProjectRepo({ name: "awesomeness", description: null, topics: [] })).toBeNull();
  });

  it("rejects tutorials, courses, cheatsheets, interview prep, book lists and roadmaps by name", () => {
    const names = [
      "react-tutorial",
      "ml-course",
      "python-cheatsheet",
      "git-cheat-sheet",
      "coding-interview-university",
      "free-programming-books",
      "developer-roadmap",
      "leetcode.solutions",
    ];
    for (const name of names) {
      expect(detectNonProjectRepo({ name, description: null, topics: [], ...noCode }), name).not.toBeNull();
    }
  });

  it("does not let a name decide alone", () => {
    for (const name of ["react-tutorial", "awesome-python", "python-cheatsheet", "leetcode.solutions"]) {
      expect(detectNonProjectRepo({ name, description: null, topics: [] }), name).toBeNull();
    }
  });

  it("keeps real software whose names merely contain similar words", () => {
    const names = ["scikit-learn", "jupyter-book", "storybook", "coursier", "bookstack"];
    for (const name of names) {
      expect(detectNonProjectRepo({ name, description: "A library", topics: [] }), name).toBeNull();
    }
  });

  it("rejects a curated-list description and explains why", () => {
    const reason = detectNonProjectRepo({
      name: "frontend-things",
      description: "A curated list of frontend resources",
      topics: [],
    });
    expect(reason).toBe(
      "Looks like a list of links and resources: 'curated list of', 'resources' in the description.",
    );
  });

  it("rejects tutorial-style descriptions but not projects that mention tutorials", () => {
    expect(
      detectNonProjectRepo({
        name: "rust-stuff",
        description: "Step-by-step tutorial on async Rust",
        topics: [],
      }),
    ).toMatch(/tutorial/);
    expect(
      detectNonProjectRepo({
        name: "ml-notes",
        description: "Code for the Stanford CS231n course",
        topics: [],
      }),
    ).toMatch(/course/);
    expect(
      detectNonProjectRepo({ name: "js-prep", description: "JavaScript interview questions", topics: [] }),
    ).toMatch(/interview/);
    expect(
      detectNonProjectRepo({
        name: "fastweb",
        description: "A fast web framework with great docs and tutorials",
        topics: [],
      }),
    ).toBeNull();
  });

  it("rejects repos tagged awesome-list", () => {
    expect(detectNonProjectRepo({ name: "links", description: null, topics: ["Awesome-List"] })).toMatch(
      /tagged/,
    );
  });
});

describe("filterCandidates", () => {
  it("ranks repositories with labelled work waiting before those with none, however many issues those have", () => {
    const repos = [
      buildRepo({ githubId: 1, fullName: "a/busy-unlabelled", openIssues: 400 }),
      buildRepo({ githubId: 2, fullName: "a/one-starter", openIssues: 3, goodFirstIssues: 1 }),
      buildRepo({ githubId: 3, fullName: "a/help-wanted", openIssues: 9, helpWantedIssues: 2 }),
    ];
    const ranked = (order?: typeof compareBySignals) =>
      filterCandidates({
        repos,
        filters: wideFilters,
        maxRepos: 2,
        ...(order ? { order } : {}),
      }).candidates.map((repo) => repo.fullName);
    expect(ranked()).toEqual(["a/help-wanted", "a/one-starter"]);
    // Before discovery lanes, the signal score alone let 400 unlabelled issues outrank both.
    expect(ranked(compareBySignals)).toEqual(["a/busy-unlabelled", "a/help-wanted"]);
  });

  it("takes the non-project verdicts worked out ahead, and works out the others", () => {
    const lesson = buildRepo({
      githubId: 7,
      fullName: "a/python-exercises",
      description: "Exercises and solutions for a 12-week Python course",
    });
    const library = buildRepo({ githubId: 8, fullName: "a/lib" });
    const verdicts: NonProjectVerdicts = new Map();
    judgeNonProjects([lesson], verdicts);
    expect(verdicts.get(7)).toEqual(detectNonProjectRepo(lesson));
    expect(verdicts.get(7)).not.toBeNull();
    verdicts.set(8, "Judged ahead as not a project.");
    const { filteredOut } = filterCandidates({
      repos: [
        lesson,
        library,
        buildRepo({
          githubId: 9,
          fullName: "b/course-notes",
          description: "My notes from a 10-week machine learning course",
          topics: ["notes"],
        }),
      ],
      filters: wideFilters,
      maxRepos: 10,
      nonProjectVerdicts: verdicts,
    });
    expect(filteredOut.map((entry) => entry.repo)).toEqual(["a/python-exercises", "a/lib", "b/course-notes"]);
    expect(filteredOut[1]?.reason).toBe("Judged ahead as not a project.");
  });

  it("keeps the star range inclusive at both ends", () => {
    const repos = [
      buildRepo({ fullName: "a/below", stars: 9 }),
      buildRepo({ fullName: "a/at-min", stars: 10 }),
      buildRepo({ fullName: "a/at-max", stars: 500 }),
      buildRepo({ fullName: "a/above", stars: 501 }),
    ];
    const { passed, rejected } = filterCandidates({
      repos,
      filters: { minStars: 10, maxStars: 500 },
      maxRepos: 50,
    });
    expect(passed.map((repo) => repo.fullName).sort()).toEqual(["a/at-max", "a/at-min"]);
    expect(rejected).toEqual([
      { repo: "a/below", reason: "Has 9 stars, below the minimum of 10." },
      { repo: "a/above", reason: "Has 501 stars, above the maximum of 500." },
    ]);
  });

  it("drops repos with no open issues but keeps one with a single issue", () => {
    const repos = [
      buildRepo({ fullName: "a/none", openIssues: 0 }),
      buildRepo({ fullName: "a/one", openIssues: 1 }),
    ];
    const { passed, rejected } = filterCandidates({ repos, filters: wideFilters, maxRepos: 50 });
    expect(passed.map((repo) => repo.fullName)).toEqual(["a/one"]);
    expect(rejected).toEqual([{ repo: "a/none", reason: "Has no open issues to work on." }]);
  });

  it("drops awesome-python and curated lists but keeps awesomeApp", () => {
    const repos = [
      buildRepo({
        fullName: "vinta/awesome-python",
        description: "A curated list of awesome Python frameworks, libraries, software and resources",
        topics: ["awesome", "python", "collections", "resources"],
      }),
      buildRepo({
        fullName: "x/web-links",
        description: "A curated list of awesome links and resources for web developers",
        topics: ["awesome-list"],
      }),
      buildRepo({ fullName: "y/awesomeApp", description: "Cross-platform notes app" }),
    ];
    const { passed, rejected } = filterCandidates({ repos, filters: wideFilters, maxRepos: 50 });
    expect(passed.map((repo) => repo.fullName)).toEqual(["y/awesomeApp"]);
    expect(rejected.map((entry) => entry.repo)).toEqual(["vinta/awesome-python", "x/web-links"]);
  });

  it("leaves a doubtful non-project for the details stage, which weighs what the repository contains", () => {
    const doubtful = buildRepo({
      fullName: "z/awesome-python",
      description: "An opinionated list of Python frameworks",
    });
    const { passed } = filterCandidates({ repos: [doubtful], filters: wideFilters, maxRepos: 50 });
    expect(passed.map((repo) => repo.fullName)).toEqual(["z/awesome-python"]);
    const screened = filterCandidatesByReadme({
      candidates: passed,
      readmes: new Map([["z/awesome-python", null]]),
    });
    expect(screened.rejected[0]?.reason).toMatch(/^Looks like an awesome-list of links/);
  });

  it("drops a repository listed twice", () => {
    const repos = [buildRepo({ fullName: "a/dup" }), buildRepo({ fullName: "A/Dup" })];
    const { passed, rejected } = filterCandidates({ repos, filters: wideFilters, maxRepos: 50 });
    expect(passed).toHaveLength(1);
    expect(rejected).toEqual([{ repo: "A/Dup", reason: "Listed more than once in the search results." }]);
  });

  it("lists what a rule dropped as filtered out, but not the second listing of a repository it kept", () => {
    const repos = [
      buildRepo({ fullName: "a/dup" }),
      buildRepo({ fullName: "a/none", openIssues: 0 }),
      buildRepo({ fullName: "A/Dup" }),
      buildRepo({ fullName: "x/web-links", description: "A curated list of web things", ...noCode }),
    ];
    const { passed, filteredOut } = filterCandidates({ repos, filters: wideFilters, maxRepos: 50 });
    expect(passed.map((repo) => repo.fullName)).toEqual(["a/dup"]);
    expect(filteredOut).toEqual([
      { repo: "a/none", reason: "Has no open issues to work on." },
      { repo: "x/web-links", reason: stringMatching(/^Looks like a list of links and resources: /) },
    ]);
  });

  it("ranks by contribution signals with good first issues weighing most", () => {
    const repos = [
      buildRepo({ fullName: "a/issues-only", openIssues: 40 }),
      buildRepo({ fullName: "a/help-wanted", openIssues: 10, helpWantedIssues: 8 }),
      buildRepo({ fullName: "a/starter", openIssues: 10, goodFirstIssues: 8 }),
    ];
    const { passed } = filterCandidates({ repos, filters: wideFilters, maxRepos: 50 });
    expect(passed.map((repo) => repo.fullName)).toEqual(["a/starter", "a/help-wanted", "a/issues-only"]);
  });

  it("caps each signal so one huge number cannot dominate", () => {
    const flood = buildRepo({ fullName: "a/flood", openIssues: 5000 });
    const balanced = buildRepo({
      fullName: "a/balanced",
      openIssues: 20,
      goodFirstIssues: 3,
      helpWantedIssues: 3,
    });
    expect(scoreContributionSignals(flood)).toBe(3);
    expect(scoreContributionSignals({ openIssues: 50, goodFirstIssues: 10, helpWantedIssues: 10 })).toBe(10);
    expect(scoreContributionSignals({ openIssues: 999, goodFirstIssues: 999, helpWantedIssues: 999 })).toBe(
      10,
    );
    const { passed } = filterCandidates({ repos: [flood, balanced], filters: wideFilters, maxRepos: 50 });
    expect(passed.map((repo) => repo.fullName)).toEqual(["a/balanced", "a/flood"]);
  });

  it("breaks ties by stars, then by name, whatever the input order", () => {
    const repos = [
      buildRepo({ fullName: "b/same", stars: 100 }),
      buildRepo({ fullName: "a/same", stars: 100 }),
      buildRepo({ fullName: "c/popular", stars: 900 }),
    ];
    const expected = ["c/popular", "a/same", "b/same"];
    expect(
      filterCandidates({ repos, filters: wideFilters, maxRepos: 50 }).passed.map((repo) => repo.fullName),
    ).toEqual(expected);
    expect(
      filterCandidates({ repos: [...repos].reverse(), filters: wideFilters, maxRepos: 50 }).passed.map(
        (repo) => repo.fullName,
      ),
    ).toEqual(expected);
  });

  it("caps candidates at maxRepos and warns only when the cap cuts", () => {
    const repos = Array.from({ length: 134 }, (_, index) =>
      buildRepo({
        fullName: `o/repo-${String(index).padStart(3, "0")}`,
        githubId: index + 1,
        openIssues: 1 + (index % 60),
      }),
    );
    const capped = filterCandidates({ repos, filters: wideFilters, maxRepos: 50 });
    expect(capped.passed).toHaveLength(134);
    expect(capped.candidates).toEqual(capped.passed.slice(0, 50));
    expect(capped.warnings).toEqual([
      "Analyzing the top 50 of 134 candidates; narrow your filters to see others.",
    ]);

    const exact = filterCandidates({ repos: repos.slice(0, 50), filters: wideFilters, maxRepos: 50 });
    expect(exact.candidates).toHaveLength(50);
    expect(exact.warnings).toEqual([]);
  });

  it("returns empty lists without warnings when everything is filtered out", () => {
    const result = filterCandidates({
      repos: [buildRepo({ fullName: "a/quiet", openIssues: 0 })],
      filters: wideFilters,
      maxRepos: 50,
    });
    expect(result).toMatchObject({ passed: [], candidates: [], warnings: [] });
  });
});
