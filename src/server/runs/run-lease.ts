import type { Db } from "@/server/db/client";

/**
 * Which executor holds a running run, and until when. Every change is a compare-and-set on the run row, so
 * two workers can never both hold one run, and a worker that lost its claim finds out on its next renewal.
 */

/** One executor's claim on one run: who, and for how long from now. */
type LeaseClaim = { db: Db; runId: string; owner: string; now: Date; leaseMs: number };

/** Takes an unclaimed run (or one whose holder's lease ran out); false when another holds it or it is over. */
export async function claimRun({ db, runId, owner, now, leaseMs }: LeaseClaim): Promise<boolean> {
  const { count } = await db.searchRun.updateMany({
    where: {
      id: runId,
      status: "running",
      cancelRequestedAt: null,
      OR: [{ leaseOwner: null }, { leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    data: {
      leaseOwner: owner,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
      attempts: { increment: 1 },
    },
  });
  return count === 1;
}

export type LeaseRenewal = { held: boolean; cancelRequested: boolean };

/**
 * Extends the holder's lease; says whether it still holds the run and whether a cancel was asked for.
 * The holder's own final status does not end its claim: the run's terminal event follows the status, and
 * when the database is briefly away it may follow by seconds. Whoever else ends a run clears its owner.
 */
export async function renewLease({ db, runId, owner, now, leaseMs }: LeaseClaim): Promise<LeaseRenewal> {
  const { count } = await db.searchRun.updateMany({
    where: { id: runId, leaseOwner: owner },
    data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  const run = await db.searchRun.findUnique({ where: { id: runId }, select: { cancelRequestedAt: true } });
  return { held: count === 1, cancelRequested: run?.cancelRequestedAt != null };
}

/** Lets go of a run this executor held (it has ended, or the process is stopping). */
export async function releaseLease({ db, runId, owner }: { db: Db; runId: string; owner: string }) {
  await db.searchRun.updateMany({
    where: { id: runId, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

/** Sets the deadline for some executor to take a run nobody holds yet. */
export async function awaitPickup({ db, runId, deadline }: { db: Db; runId: string; deadline: Date }) {
  await db.searchRun.updateMany({
    where: { id: runId, status: "running", leaseOwner: null },
    data: { leaseExpiresAt: deadline },
  });
}

/** Records a cancel request; false when the run is not running (over, or unknown). */
export async function requestRunCancel({ db, runId, now }: { db: Db; runId: string; now: Date }) {
  const { count } = await db.searchRun.updateMany({
    where: { id: runId, status: "running" },
    data: { cancelRequestedAt: now },
  });
  return count === 1;
}

export async function isCancelRequested({ db, runId }: { db: Db; runId: string }): Promise<boolean> {
  const run = await db.searchRun.findUnique({ where: { id: runId }, select: { cancelRequestedAt: true } });
  return run?.cancelRequestedAt != null;
}

/**
 * Running runs whose lease has run out: either their worker died (an owner is still named), or nobody took
 * them before their pickup deadline (no owner).
 */
export async function findLapsedRuns({ db, now }: { db: Db; now: Date }) {
  return db.searchRun.findMany({
    where: { status: "running", leaseExpiresAt: { lt: now } },
    select: { id: true, leaseOwner: true, leaseExpiresAt: true, cancelRequestedAt: true },
    orderBy: { leaseExpiresAt: "asc" },
    take: 100,
  });
}

/**
 * Frees a run whose worker died, for another to resume, with a new pickup deadline. Only one process wins
 * the compare-and-set, so the run is offered once.
 */
export async function freeLapsedRun({
  db,
  runId,
  owner,
  expiredAt,
  pickupDeadline,
}: {
  db: Db;
  runId: string;
  owner: string;
  expiredAt: Date;
  pickupDeadline: Date;
}): Promise<boolean> {
  const { count } = await db.searchRun.updateMany({
    where: { id: runId, status: "running", leaseOwner: owner, leaseExpiresAt: expiredAt },
    data: { leaseOwner: null, leaseExpiresAt: pickupDeadline },
  });
  return count === 1;
}

/** Undoes freeLapsedRun when the run could not be offered: it stays lapsed, for the next round. */
export async function restoreLapsedLease({
  db,
  runId,
  owner,
  expiredAt,
}: {
  db: Db;
  runId: string;
  owner: string;
  expiredAt: Date;
}) {
  await db.searchRun.updateMany({
    where: { id: runId, status: "running", leaseOwner: null },
    data: { leaseOwner: owner, leaseExpiresAt: expiredAt },
  });
}
