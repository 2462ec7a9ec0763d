import { describe, expect, it } from "vitest";
import { issueKey } from "@/server/sources/read-issue-states";
import {
  composeDigest,
  isEmptyDigest,
  issuesToLookUp,
  type SeenRepository,
  type ShownRepository,
} from "@/server/watches/compose-digest";
import type { StarterIssue } from "@/shared/repos";

const issue = (number: number, changes: Partial<StarterIssue> = {}): StarterIssue => ({
  number,
  title: `Issue ${number}`,
  url: `https://github.com/acme/widget/issues/${number}`,
  labels: ["good first issue"],
  createdAt: "2025-06-01T00:00:00Z",
  updatedAt: "2025-06-01T00:00:00Z",
  comments: 0,
  claimed: false,
  ...changes,
});

const shownWidget = (
  starterIssues: StarterIssue[] | undefined,
  pickedNumbers: number[] = [],
): ShownRepository => ({
  repositoryId: 1,
  fullName: "acme/widget",
  url: "https://github.com/acme/widget",
  description: "Widgets",
  fitScore: 8,
  reason: "Fits",
  pickedNumbers,
  starterIssues,
});

const seenWidget = (issueNumbers: number[], picked: number[] = []): SeenRepository => ({
  repositoryId: 1,
  fullName: "acme/widget",
  issueNumbers,
  pickedIssues: picked.map((number) => ({
    number,
    title: `Issue ${number}`,
    url: `https://github.com/acme/widget/issues/${number}`,
    labels: [],
    createdAt: "2025-06-01T00:00:00Z",
  })),
});

describe("a watch's digest", () => {
  it("shows a repository the watch never showed, with the picked issues that are still free", () => {
    const { content, seen } = composeDigest({
      shown: [shownWidget([issue(1), issue(2, { claimed: true })], [1, 2])],
      seen: [],
      lookedUp: new Map(),
    });
    expect(content.newRepositories).toEqual([
      expect.objectContaining({
        fullName: "acme/widget",
        pickedIssues: [expect.objectContaining({ number: 1 })],
      }),
    ]);
    expect(content.newIssues).toEqual([]);
    // The claimed one is not remembered as seen: if it frees up, it is news then.
    expect(seen).toEqual([expect.objectContaining({ issueNumbers: [1] })]);
  });

  it("reports only unclaimed starter issues not seen before, and remembers them", () => {
    const { content, seen } = composeDigest({
      shown: [shownWidget([issue(1), issue(3), issue(4, { claimed: true })], [3])],
      seen: [seenWidget([1])],
      lookedUp: new Map(),
    });
    expect(content.newRepositories).toEqual([]);
    expect(content.newIssues.map((entry) => entry.issue.number)).toEqual([3]);
    expect(seen[0]?.issueNumbers).toEqual([1, 3]);
    expect(seen[0]?.pickedIssues.map((picked) => picked.number)).toEqual([3]);
  });

  it("concludes nothing about issues of a repository whose issues could not be loaded", () => {
    const before = seenWidget([1], [1]);
    const { content, seen } = composeDigest({
      shown: [shownWidget(undefined)],
      seen: [before],
      lookedUp: new Map(),
    });
    expect(isEmptyDigest(content)).toBe(true);
    expect(seen).toEqual([before]);
    expect(issuesToLookUp([before], [shownWidget(undefined)])).toEqual([
      { repository: "acme/widget", number: 1 },
    ]);
  });

  it("reports picked issues since claimed or closed once, and keeps those still open", () => {
    const before = seenWidget([1, 2, 3], [1, 2, 3]);
    // #1 is listed and now claimed; #2 and #3 are no longer in the open list and were looked up.
    const shown = [shownWidget([issue(1, { claimed: true })])];
    expect(issuesToLookUp([before], shown).map((ref) => ref.number)).toEqual([2, 3]);
    const lookedUp = new Map([
      [issueKey("ACME/Widget", 2), "closed" as const],
      [issueKey("acme/widget", 3), "open" as const],
    ]);
    const { content, seen } = composeDigest({ shown, seen: [before], lookedUp });
    expect(content.goneIssues.map((gone) => [gone.number, gone.change])).toEqual([
      [1, "claimed"],
      [2, "closed"],
    ]);
    // The run shows the repository again and picked nothing: its picks are this run's.
    expect(seen[0]?.pickedIssues).toEqual([]);

    // A repository not shown this time keeps its open picks until they are taken.
    const notShown = composeDigest({ shown: [], seen: [before], lookedUp });
    expect(notShown.seen[0]?.pickedIssues.map((picked) => picked.number)).toEqual([1, 3]);
  });

  it("is empty when nothing changed", () => {
    const { content } = composeDigest({
      shown: [shownWidget([issue(1)], [1])],
      seen: [seenWidget([1], [1])],
      lookedUp: new Map(),
    });
    expect(isEmptyDigest(content)).toBe(true);
  });
});
