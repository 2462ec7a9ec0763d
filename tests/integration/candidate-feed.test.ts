import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { RepositoryDetails } from "@/server/sources/repository-source";
import type {
  FetchCandidateDetailsOptions,
  FetchCandidateDetailsOutcome,
  RepositorySource,
} from "@/server/sources/repository-source";
import { DETAILS_FETCH_BUDGET, feedCandidates, type ScreenedGroup } from "@/server/pipeline/candidate-feed";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";
import { createTempDb, type TempDb } from "../support/temp-db";

function repo(name: string, index = 0): RepoMetadata {
  return {
    githubId: 1000 + index,
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
    pushedAt: "2026-11-01T00:00:00Z",
    createdAt: null,
    goodFirstIssues: 1,
    helpWantedIssues: 0,
  };
}
const repos = (names: string[]) => names.map((name, index) => repo(name, index));

const diaryReadme = "# Go\n\n## Day 1\n## Day 2\n## Day 3\n## Day 4\n## Day 5\n";
const libraryReadme = "# lib\n\n## Install\n\n```\ngo get example.com/lib\n```\n";
const health: RepositoryDetails["health"] = {
  commitsLast90Days: 10,
  medianFirstResponseHours: 5,
  outsideMergedPrsLast90Days: 2,
  hasContributingGuide: true,
  hasCodeOfConduct: false,
  lastReleaseAt: null,
};

/** A Go module's top level, as the details' contents list it. */
const goModule: RepoContents = [
  { name: "cmd", type: "tree" },
  { name: "go.mod", type: "blob" },
  { name: "go.sum", type: "blob" },
  { name: "internal", type: "tree" },
];

/** A diary's top level: a README and a folder per day. */
const dayFolders: RepoContents = [
  { name: "README.md", type: "blob" },
  ...[1, 2, 3, 4, 5].map((day) => ({ name: `day-${day}`, type: "tree" as const })),
];

/**
 * A GitHub source that records what each details query asked for; with `hold`, each query waits until the
 * test lets it go. Names starting with "diary" have a day-by-day README and day folders, names starting
 * with "bare" no README; the other repositories' contents are a Go module's.
 */
function recordingSource(options: { warnings?: string[]; hold?: boolean } = {}) {
  const asked: { names: string[]; skipReadmes: string[] }[] = [];
  const held: (() => void)[] = [];
  const source: RepositorySource = {
    kind: "live",
    webOrigin: "https://github.com",
    searchRepositories: () => Promise.reject(new Error("not used")),
    lookUpIssues: () => Promise.reject(new Error("not used")),
    fetchCandidateDetails: async (
      group: readonly RepoMetadata[],
      fetchOptions: FetchCandidateDetailsOptions,
    ): Promise<FetchCandidateDetailsOutcome> => {
      const skip = fetchOptions.skipReadmes ?? new Set<string>();
      asked.push({ names: group.map((entry) => entry.name), skipReadmes: [...skip] });
      if (options.hold) await new Promise<void>((resolve) => held.push(resolve));
      const withReadmes = group.filter((entry) => !skip.has(entry.fullName));
      return {
        readmes: new Map(
          withReadmes.map((entry) => [
            entry.fullName,
            entry.name.startsWith("diary")
              ? diaryReadme
              : entry.name.startsWith("bare")
                ? null
                : libraryReadme,
          ]),
        ),
        details: new Map(
          group.map((entry) => [
            entry.fullName,
            { starterIssues: [], health, contents: entry.name.startsWith("diary") ? dayFolders : goModule },
          ]),
        ),
        warnings: options.warnings ?? [],
        requests: 1,
      };
    },
  };
  const releaseNext = () => {
    const next = held.shift();
    if (!next) throw new Error("no details query is waiting");
    next();
  };
  return { source, asked, held, releaseNext };
}

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(async () => {
  await temp.cleanup();
});

/** The feed over `passed`, against the given source, with this test file's database. */
function feed(passed: readonly RepoMetadata[], maxRepos: number, source: RepositorySource) {
  return feedCandidates({
    passed,
    maxRepos,
    requireStarterIssues: false,
    db: temp.db,
    source,
    clock: () => new Date("2026-11-29T12:00:00Z"),
    signal: new AbortController().signal,
    onRequest: () => {},
  });
}

async function collect(groups: AsyncGenerator<ScreenedGroup>) {
  const collected: ScreenedGroup[] = [];
  for await (const group of groups) collected.push(group);
  return collected;
}

describe("the candidate feed", () => {
  it("hands on a group as soon as it arrives, while later groups are still in flight", async () => {
    const passed = repos(Array.from({ length: 50 }, (_, index) => `lib-${index}`));
    const github = recordingSource({ hold: true });
    const groups = feed(passed, 50, github.source);
    const first = groups.next();
    await expect.poll(() => github.asked.length).toBe(3);
    // Groups of 20 side by side; only the first one answers.
    expect(github.asked.map((query) => query.names.length)).toEqual([20, 20, 10]);
    github.releaseNext();
    const group = await first;
    if (group.done) throw new Error("the feed ended early");
    expect(group.value.ready.map((entry) => entry.name)).toEqual(
      passed.slice(0, 20).map((entry) => entry.name),
    );
    expect(group.value.ready[0]?.health).toEqual(health);
    expect(group.value).toMatchObject({ last: false, expectedTotal: 50 });
    expect(github.held).toHaveLength(2);
    await groups.return(undefined);
  });

  it("drops the day-by-day diaries and refills their places from the ranking", async () => {
    const passed = repos(["lib-a", "diary-a", "lib-b", "diary-b", "lib-c", "lib-d"]);
    const github = recordingSource({ warnings: ["Could not read 1 README."] });
    const groups = await collect(feed(passed, 3, github.source));

    expect(github.asked.map((query) => query.names)).toEqual([
      ["lib-a", "diary-a", "lib-b"],
      ["diary-b"],
      ["lib-c"],
    ]);
    expect(groups.flatMap((group) => group.ready.map((entry) => entry.name))).toEqual([
      "lib-a",
      "lib-b",
      "lib-c",
    ]);
    expect(groups.flatMap((group) => group.droppedByReadme)).toEqual([
      {
        repo: "o/diary-a",
        reason:
          "Looks like a day-by-day challenge: no package manifest, 5 day folders, 5 numbered day units in the README.",
      },
      {
        repo: "o/diary-b",
        reason:
          "Looks like a day-by-day challenge: no package manifest, 5 day folders, 5 numbered day units in the README.",
      },
    ]);
    expect(groups.at(-1)).toMatchObject({ last: true, expectedTotal: 3 });
  });

  it("screens a candidate without a README on what else it knows, and hands it on with its details", async () => {
    const passed = repos(["bare-tool", "lib-a", "diary-a"]);
    const github = recordingSource();
    const groups = await collect(feed(passed, 3, github.source));

    expect(groups.flatMap((group) => group.ready.map((entry) => entry.name))).toEqual(["bare-tool", "lib-a"]);
    expect(groups[0]?.readmes.get("o/bare-tool")).toBeNull();
    expect(groups[0]?.ready[0]?.health).toEqual(health);
    expect(groups.flatMap((group) => group.droppedByReadme.map((entry) => entry.repo))).toEqual([
      "o/diary-a",
    ]);
  });

  it(`stops refilling after ${DETAILS_FETCH_BUDGET} times the cap`, async () => {
    const passed = repos(["diary-1", "diary-2", "diary-3", "diary-4", "lib-a"]);
    const github = recordingSource();
    const groups = await collect(feed(passed, 1, github.source));
    expect(github.asked).toHaveLength(DETAILS_FETCH_BUDGET);
    expect(groups.flatMap((group) => group.ready)).toEqual([]);
    expect(groups.at(-1)).toMatchObject({ last: true, expectedTotal: 0 });
  });

  it("does not fetch a README again while the repository has not been pushed to", async () => {
    const passed = repos(["lib-a", "lib-b"]);
    const run = async (candidates: RepoMetadata[]) => {
      const github = recordingSource();
      const groups = await collect(feed(candidates, 5, github.source));
      return { asked: github.asked, groups };
    };

    const first = await run(passed);
    expect(first.asked[0]?.skipReadmes).toEqual([]);
    expect(first.groups[0]?.readmesFromCache).toBe(0);

    const pushedAgain = passed.map((entry) =>
      entry.name === "lib-b" ? { ...entry, pushedAt: "2026-11-20T00:00:00Z" } : entry,
    );
    const second = await run(pushedAgain);
    expect(second.asked[0]?.skipReadmes).toEqual(["o/lib-a"]);
    expect(second.groups[0]?.readmesFromCache).toBe(1);
    // The README still reaches the README stage and analysis, from the cache.
    expect(second.groups[0]?.readmes.get("o/lib-a")).toBe(libraryReadme);
  });
});
