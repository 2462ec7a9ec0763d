import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { readStored } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import {
  readCandidateDetails,
  toAnalysisResult,
  analysisResultSelect,
} from "@/server/repos/analysis-records";
import type { IssueState, RepositorySource } from "@/server/sources/repository-source";
import { readTerminalEvent } from "@/server/runs/run-events";
import { digestIssueSchema } from "@/shared/watches";
import {
  composeDigest,
  isEmptyDigest,
  issuesToLookUp,
  type SeenRepository,
  type ShownRepository,
} from "./compose-digest";
import type { DigestContent } from "./read-digests";
import { recordWatchOutcome } from "./start-watch-run";
import { readWatchRow, type StoredWatch } from "./watch-store";

/**
 * After a watch's run ends: its digest, what the watch now remembers, and how the watch is doing, written in
 * one transaction that also marks the slot settled, so a run is digested exactly once even when several
 * schedulers look at once or one dies halfway. Mailing the digest comes after (deliver-digests.ts).
 */

export type SettleWatchRunsDeps = {
  db: Db;
  logger: Logger;
  clock: () => Date;
  /** Where a watch's owner's GitHub is read from (their own token when people sign in). */
  sourceFor: (userId: string) => RepositorySource;
  /** A slot whose run was never recorded by then is settled as failed (its starter died first). */
  pickupTimeoutMs: number;
};

/** Slots looked at per pass: the next pass takes the rest. */
const SETTLE_BATCH = 50;

export const runNeverStartedMessage = "The scheduled search could not be started.";

const seenRowSchema = z.object({
  issueNumbers: z.array(z.number().int()),
  pickedIssues: z.array(digestIssueSchema),
});

type RunOutcome = { kind: "digest" } | { kind: "failure"; message: string } | { kind: "neutral" };

/** Ended well (a digest), failed (counts toward backoff), or neither (cancelled by its owner). */
async function outcomeOf(
  db: Db,
  logger: Logger,
  run: { id: string; status: string; errorMessage: string | null },
): Promise<RunOutcome> {
  if (run.status === "completed" || run.status === "partial") return { kind: "digest" };
  if (run.status === "cancelled") return { kind: "neutral" };
  const terminal = await readTerminalEvent({ db, logger, runId: run.id });
  // Nothing matched this time: an empty answer, not a broken watch.
  if (
    terminal?.type === "error" &&
    (terminal.reason === "no-repositories" || terminal.reason === "all-filtered")
  )
    return { kind: "digest" };
  return { kind: "failure", message: run.errorMessage ?? "The scheduled search failed." };
}

async function readShown(db: Db, logger: Logger, runId: string): Promise<ShownRepository[]> {
  const origin = (field: string) => ({ logger, row: `Run ${runId}`, field });
  const [results, details] = await Promise.all([
    db.analysisResult.findMany({
      where: { runId, reject: false },
      orderBy: [{ fitScore: "desc" }, { id: "asc" }],
      select: {
        ...analysisResultSelect,
        repositoryId: true,
        repository: { select: { fullName: true, url: true, description: true } },
      },
    }),
    db.candidateDetails.findMany({
      where: { runId },
      select: { repositoryId: true, starterIssues: true, health: true },
    }),
  ]);
  const issuesById = new Map(
    details.map((row) => [row.repositoryId, readCandidateDetails(row, origin).starterIssues]),
  );
  return results.map((row) => {
    const result = toAnalysisResult(row, origin);
    return {
      repositoryId: row.repositoryId,
      fullName: row.repository.fullName,
      url: row.repository.url,
      description: row.repository.description,
      fitScore: result.fitScore,
      reason: result.reason,
      pickedNumbers: (result.pickedIssues ?? []).map((issue) => issue.number),
      starterIssues: issuesById.get(row.repositoryId),
    };
  });
}

async function readSeen(db: Db, logger: Logger, watchId: string): Promise<SeenRepository[]> {
  const rows = await db.watchSeenRepository.findMany({ where: { watchId } });
  return rows.flatMap((row) => {
    const stored = readStored(
      seenRowSchema,
      { issueNumbers: row.issueNumbers, pickedIssues: row.pickedIssues },
      { logger, row: `Watch ${watchId}`, field: `memory of repository ${row.repositoryId}` },
    );
    // A damaged row is forgotten: the repository reads as new once, rather than breaking every digest.
    return stored ? [{ repositoryId: row.repositoryId, fullName: row.fullName, ...stored }] : [];
  });
}

/** Looks up the issues the run cannot vouch for; a failed lookup concludes nothing (tried again next time). */
async function lookUp(
  deps: SettleWatchRunsDeps,
  watch: StoredWatch,
  issues: { repository: string; number: number }[],
): Promise<{ states: ReadonlyMap<string, IssueState>; requests: number }> {
  if (issues.length === 0) return { states: new Map(), requests: 0 };
  try {
    return await deps.sourceFor(watch.userId).lookUpIssues(issues, {});
  } catch (error) {
    deps.logger.warn(`Watch ${watch.id}: could not look up ${issues.length} picked issue(s)`, error);
    return { states: new Map(), requests: 0 };
  }
}

/**
 * Settles every slot whose run has ended. Returns the digests written (empty ones are not: nothing new, no
 * digest).
 */
export async function settleWatchRuns(
  deps: SettleWatchRunsDeps,
): Promise<{ settled: number; digests: string[] }> {
  const { db, logger } = deps;
  const slots = await db.watchRun.findMany({
    where: { state: "started" },
    orderBy: { createdAt: "asc" },
    take: SETTLE_BATCH,
  });
  let settled = 0;
  const digests: string[] = [];
  // A watch's runs are digested in the order they started, each against the memory the one before left:
  // once one of its slots is not settled here (still running, or settled by another scheduler meanwhile),
  // its later ones wait for the next pass.
  const waiting = new Set<string>();
  for (const slot of slots) {
    if (waiting.has(slot.watchId)) continue;
    try {
      const result = await settleOne(deps, slot);
      if (result.settled) settled++;
      else waiting.add(slot.watchId);
      if (result.digestId) digests.push(result.digestId);
    } catch (error) {
      waiting.add(slot.watchId);
      logger.error(`Watch ${slot.watchId}: the run ${slot.runId} could not be settled`, error);
    }
  }
  return { settled, digests };
}

async function settleOne(
  deps: SettleWatchRunsDeps,
  slot: { id: string; watchId: string; runId: string; createdAt: Date },
): Promise<{ settled: boolean; digestId: string | null }> {
  const { db, logger, clock } = deps;
  const watchRow = await db.watch.findUnique({ where: { id: slot.watchId } });
  const watch = watchRow ? readWatchRow(watchRow, logger) : null;
  if (!watch) return { settled: false, digestId: null };
  const run = await db.searchRun.findUnique({
    where: { id: slot.runId },
    select: {
      id: true,
      status: true,
      errorMessage: true,
      githubRequests: true,
      llmInputTokens: true,
      llmOutputTokens: true,
      cachedResults: true,
      readmesFromCache: true,
    },
  });
  const now = clock();
  if (!run) {
    if (now.getTime() - slot.createdAt.getTime() < deps.pickupTimeoutMs)
      return { settled: false, digestId: null };
    return settleAs(deps, watch, slot.id, { kind: "failure", message: runNeverStartedMessage }, null);
  }
  if (run.status === "running") return { settled: false, digestId: null };
  const outcome = await outcomeOf(db, logger, run);
  if (outcome.kind !== "digest") return settleAs(deps, watch, slot.id, outcome, null);

  const shown = await readShown(db, logger, run.id);
  const seen = await readSeen(db, logger, watch.id);
  const lookup = await lookUp(deps, watch, issuesToLookUp(seen, shown));
  const composed = composeDigest({ shown, seen, lookedUp: lookup.states });
  const digest: DigestContent | null = isEmptyDigest(composed.content)
    ? null
    : {
        ...composed.content,
        cost: {
          githubRequests: run.githubRequests + lookup.requests,
          llmInputTokens: run.llmInputTokens,
          llmOutputTokens: run.llmOutputTokens,
          cachedResults: run.cachedResults,
          readmesFromCache: run.readmesFromCache,
        },
      };
  // Only what this run changed is written: most of what a watch remembers stays as it was.
  const before = new Map(seen.map((repository) => [repository.repositoryId, repository]));
  const changed = composed.seen.filter(
    (repository) => !sameMemory(before.get(repository.repositoryId), repository),
  );
  return settleAs(deps, watch, slot.id, outcome, { digest, seen: changed, runId: run.id });
}

function sameMemory(before: SeenRepository | undefined, after: SeenRepository): boolean {
  return before !== undefined && isDeepStrictEqual(before, after);
}

async function settleAs(
  deps: SettleWatchRunsDeps,
  watch: StoredWatch,
  slotId: string,
  outcome: RunOutcome,
  written: {
    digest: DigestContent | null;
    /** The memory rows to write: new or changed ones. */
    seen: SeenRepository[];
    runId: string;
  } | null,
): Promise<{ settled: boolean; digestId: string | null }> {
  const now = deps.clock();
  const digestId = written?.digest ? randomUUID() : null;
  const claimed = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.watchRun.updateMany({
      where: { id: slotId, state: "started" },
      data: { state: "settled", settledAt: now, error: outcome.kind === "failure" ? outcome.message : null },
    });
    // Another scheduler settled it first: everything below is its to write.
    if (count === 0) return false;
    if (written) {
      for (const repository of written.seen) {
        const data = {
          fullName: repository.fullName,
          issueNumbers: repository.issueNumbers,
          pickedIssues: repository.pickedIssues,
          updatedAt: now,
        };
        await tx.watchSeenRepository.upsert({
          where: { watchId_repositoryId: { watchId: watch.id, repositoryId: repository.repositoryId } },
          create: { watchId: watch.id, repositoryId: repository.repositoryId, firstSeenAt: now, ...data },
          update: data,
        });
      }
      if (written.digest && digestId) {
        await tx.watchDigest.create({
          data: {
            id: digestId,
            watchId: watch.id,
            watchRunId: slotId,
            runId: written.runId,
            content: written.digest,
            createdAt: now,
          },
        });
      }
    }
    return true;
  });
  if (!claimed) return { settled: false, digestId: null };
  if (outcome.kind !== "neutral") {
    await recordWatchOutcome({
      db: deps.db,
      watch,
      now,
      failure: outcome.kind === "failure" ? outcome.message : null,
    });
  }
  return { settled: true, digestId };
}
