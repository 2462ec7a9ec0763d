import type { IssueState } from "@/server/sources/repository-source";
import { issueKey } from "@/server/sources/read-issue-states";
import type { StarterIssue } from "@/shared/repos";
import type { Digest, DigestIssue } from "@/shared/watches";

/**
 * What one run of a watch found new, against what the watch had shown before. Pure: settle-watch-runs.ts
 * reads the run and the watch's memory, looks up the issues that need it, and stores what this returns.
 */

/** An accepted result of the run, with its repository and the starter issues its run fetched (if any). */
export type ShownRepository = {
  repositoryId: number;
  fullName: string;
  url: string;
  description: string | null;
  fitScore: number;
  reason: string;
  pickedNumbers: number[];
  /** Undefined when the run could not load them: nothing is concluded about its issues then. */
  starterIssues: StarterIssue[] | undefined;
};

/** What the watch remembers of a repository it showed. */
export type SeenRepository = {
  repositoryId: number;
  fullName: string;
  /** Unclaimed starter issues it has seen open there: only others are new. */
  issueNumbers: number[];
  /** The issues it picked there last time, until they are reported claimed or closed. */
  pickedIssues: DigestIssue[];
};

/** Issue numbers remembered per repository: far more than its open starter issues ever are. */
const MAX_REMEMBERED_ISSUES = 500;

/** What a run found new; the digest adds what the run cost. */
export type DigestFindings = Omit<Digest, "id" | "watchId" | "runId" | "createdAt" | "cost">;

export type ComposedDigest = {
  content: DigestFindings;
  /** The memory to store: a row per repository the watch has now shown, changed or not. */
  seen: SeenRepository[];
};

const toDigestIssue = (issue: StarterIssue): DigestIssue => ({
  number: issue.number,
  title: issue.title,
  url: issue.url,
  labels: issue.labels,
  createdAt: issue.createdAt,
});

/**
 * Picked issues whose state a lookup must settle: those of seen repositories the run cannot vouch for (not
 * shown this time, or their issues not loaded, or no longer in the open starter list it fetched).
 */
export function issuesToLookUp(
  seen: readonly SeenRepository[],
  shown: readonly ShownRepository[],
): { repository: string; number: number }[] {
  const shownById = new Map(shown.map((repository) => [repository.repositoryId, repository]));
  return seen.flatMap((repository) => {
    const listed = new Set(
      shownById.get(repository.repositoryId)?.starterIssues?.map((issue) => issue.number),
    );
    return repository.pickedIssues
      .filter((issue) => !listed.has(issue.number))
      .map((issue) => ({ repository: repository.fullName, number: issue.number }));
  });
}

export function composeDigest({
  shown,
  seen,
  lookedUp,
}: {
  /** The run's accepted results, best fit first. */
  shown: readonly ShownRepository[];
  seen: readonly SeenRepository[];
  /** issueKey → state, for the issues issuesToLookUp named; an absent one is left as it was. */
  lookedUp: ReadonlyMap<string, IssueState>;
}): ComposedDigest {
  const shownById = new Map(shown.map((repository) => [repository.repositoryId, repository]));
  const content: DigestFindings = { newRepositories: [], newIssues: [], goneIssues: [] };
  const memory = new Map<number, SeenRepository>();

  // Issues picked before: gone once claimed or closed, reported once, then forgotten.
  for (const repository of seen) {
    const listed = new Map(
      shownById.get(repository.repositoryId)?.starterIssues?.map((issue) => [issue.number, issue]),
    );
    const stillPicked: DigestIssue[] = [];
    for (const picked of repository.pickedIssues) {
      const fromRun = listed.get(picked.number);
      const state: IssueState | undefined = fromRun
        ? fromRun.claimed
          ? "claimed"
          : "open"
        : lookedUp.get(issueKey(repository.fullName, picked.number));
      if (state === "claimed" || state === "closed") {
        content.goneIssues.push({
          repository: repository.fullName,
          number: picked.number,
          title: picked.title,
          url: picked.url,
          change: state,
        });
      } else {
        stillPicked.push(picked);
      }
    }
    memory.set(repository.repositoryId, { ...repository, pickedIssues: stillPicked });
  }

  for (const repository of shown) {
    const unclaimed = repository.starterIssues?.filter((issue) => !issue.claimed);
    const byNumber = new Map(repository.starterIssues?.map((issue) => [issue.number, issue]));
    const picked = repository.pickedNumbers.flatMap((number) => {
      const issue = byNumber.get(number);
      return issue && !issue.claimed ? [toDigestIssue(issue)] : [];
    });
    const known = memory.get(repository.repositoryId);
    if (!known) {
      content.newRepositories.push({
        fullName: repository.fullName,
        url: repository.url,
        description: repository.description,
        fitScore: repository.fitScore,
        reason: repository.reason,
        pickedIssues: picked,
      });
      memory.set(repository.repositoryId, {
        repositoryId: repository.repositoryId,
        fullName: repository.fullName,
        issueNumbers: (unclaimed ?? []).map((issue) => issue.number),
        pickedIssues: picked,
      });
      continue;
    }
    const alreadySeen = new Set(known.issueNumbers);
    const opened = (unclaimed ?? []).filter((issue) => !alreadySeen.has(issue.number));
    for (const issue of opened) {
      content.newIssues.push({
        repository: repository.fullName,
        repositoryUrl: repository.url,
        issue: toDigestIssue(issue),
      });
    }
    memory.set(repository.repositoryId, {
      repositoryId: repository.repositoryId,
      fullName: repository.fullName,
      issueNumbers: [...alreadySeen, ...opened.map((issue) => issue.number)].slice(-MAX_REMEMBERED_ISSUES),
      // This run's picks replace the last ones; without its issues, the earlier picks are still the last.
      pickedIssues: repository.starterIssues === undefined ? known.pickedIssues : picked,
    });
  }
  return { content, seen: [...memory.values()] };
}

export const isEmptyDigest = (content: DigestFindings) =>
  content.newRepositories.length === 0 && content.newIssues.length === 0 && content.goneIssues.length === 0;
