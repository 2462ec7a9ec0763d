import { describe, expect, it } from "vitest";
import {
  README_STAGE_ROUNDS,
  listFilteredOut,
  screenCandidatesByReadme,
} from "@/server/pipeline/filter-stages";
import { FILTERED_OUT_MAX, type RepoMetadata } from "@/server/schemas";

function repo(name: string): RepoMetadata {
  return {
    githubId: name.length * 1000 + name.charCodeAt(name.length - 1),
    owner: "o",
    name,
    fullName: `o/${name}`,
    url: `https://github.com/o/${name}`,
    description: null,
    primaryLanguage: "Go",
    languages: ["Go"],
    stars: 100,
    forks: 1,
    openIssues: 5,
    topics: [],
    license: "MIT",
    pushedAt: null,
    createdAt: null,
    goodFirstIssues: 0,
    helpWantedIssues: 0,
  };
}

const diaryReadme = "# Go\n\n## Day 1\n## Day 2\n## Day 3\n## Day 4\n## Day 5\n";
const libraryReadme = "# lib\n\n## Install\n\n```\ngo get example.com/lib\n```\n";

/** A README source that records what it was asked for; names starting with "diary" have a day-by-day README. */
function recordingFetch(warnings: string[] = []) {
  const asked: string[][] = [];
  return {
    asked,
    fetchReadmes: (repos: readonly RepoMetadata[]) => {
      asked.push(repos.map((entry) => entry.name));
      return Promise.resolve({
        readmes: new Map(
          repos.map((entry) => [
            entry.fullName,
            entry.name.startsWith("diary") ? diaryReadme : libraryReadme,
          ]),
        ),
        warnings,
      });
    },
  };
}

describe("the README stage of the pipeline", () => {
  it("fetches the capped candidates' READMEs, drops the day-by-day diaries and refills their places in ranking order", async () => {
    const passed = ["lib-a", "diary-a", "lib-b", "diary-b", "lib-c", "lib-d"].map(repo);
    const source = recordingFetch(["Could not read 1 README."]);
    const outcome = await screenCandidatesByReadme({ passed, maxRepos: 3, ...source });

    expect(source.asked).toEqual([["lib-a", "diary-a", "lib-b"], ["diary-b"], ["lib-c"]]);
    expect(outcome.candidates.map((entry) => entry.name)).toEqual(["lib-a", "lib-b", "lib-c"]);
    expect(outcome.dropped).toEqual([
      {
        repo: "o/diary-a",
        reason: "Looks like a day-by-day challenge: 5 numbered day units in the README.",
      },
      {
        repo: "o/diary-b",
        reason: "Looks like a day-by-day challenge: 5 numbered day units in the README.",
      },
    ]);
    expect([...outcome.readmes.keys()]).toEqual(["o/lib-a", "o/diary-a", "o/lib-b", "o/diary-b", "o/lib-c"]);
    expect(outcome.warnings).toEqual(["Could not read 1 README."]);
  });

  it(`stops refilling after ${README_STAGE_ROUNDS} README fetches`, async () => {
    const passed = ["diary-1", "diary-2", "diary-3", "diary-4", "lib-a"].map(repo);
    const source = recordingFetch();
    const outcome = await screenCandidatesByReadme({ passed, maxRepos: 1, ...source });

    expect(source.asked).toHaveLength(README_STAGE_ROUNDS);
    expect(outcome.candidates).toEqual([]);
    expect(outcome.dropped.map((entry) => entry.repo)).toEqual(["o/diary-1", "o/diary-2", "o/diary-3"]);
  });

  it("keeps a candidate whose README could not be read: the metadata stage already kept it", async () => {
    const outcome = await screenCandidatesByReadme({
      passed: [repo("diary-a")],
      maxRepos: 5,
      fetchReadmes: () => Promise.resolve({ readmes: new Map([["o/diary-a", null]]), warnings: [] }),
    });
    expect(outcome.candidates.map((entry) => entry.name)).toEqual(["diary-a"]);
    expect(outcome.dropped).toEqual([]);
  });
});

describe("listFilteredOut", () => {
  const drops = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => ({
      repo: `o/${prefix}-${index}`,
      reason: `Reason ${index}.`,
    }));

  it("lists the metadata stage's drops, then the README stage's", () => {
    expect(listFilteredOut(drops("meta", 2), drops("readme", 1))).toEqual([
      { repo: "o/meta-0", reason: "Reason 0." },
      { repo: "o/meta-1", reason: "Reason 1." },
      { repo: "o/readme-0", reason: "Reason 0." },
    ]);
  });

  it(`holds at most ${FILTERED_OUT_MAX}, keeping the README stage's drops when it cuts`, () => {
    const listed = listFilteredOut(drops("meta", 500), drops("readme", 3));
    expect(listed).toHaveLength(FILTERED_OUT_MAX);
    expect(listed.slice(-3).map((entry) => entry.repo)).toEqual(["o/readme-0", "o/readme-1", "o/readme-2"]);
    expect(listed[FILTERED_OUT_MAX - 4]?.repo).toBe(`o/meta-${FILTERED_OUT_MAX - 4}`);
    expect(listFilteredOut([], drops("readme", 300))).toHaveLength(FILTERED_OUT_MAX);
  });

  it("passes on only the repository and the reason", () => {
    expect(listFilteredOut([{ repo: "o/a", reason: "Why.", extra: true } as never])).toEqual([
      { repo: "o/a", reason: "Why." },
    ]);
  });
});
