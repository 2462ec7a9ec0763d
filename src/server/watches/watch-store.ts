import { randomBytes, randomUUID } from "node:crypto";
import type { AnalysisProfile } from "@/server/analysis/analyzer";
import type { Db } from "@/server/db/client";
import { readStored } from "@/server/db/stored-json";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { lastRunsOf, type LastRun } from "./last-watch-runs";
import { hashAnalysisProfile } from "@/server/profile/profile-hash";
import { getProfile } from "@/server/profile/profile-store";
import { searchFiltersSchema, type SearchFilters } from "@/shared/filters";
import { runStatusSchema } from "@/shared/runs";
import {
  MAX_WATCHES_PER_USER,
  scheduleCron,
  watchProfileSchema,
  watchRunKinds,
  watchScheduleSchema,
  type CleanWatchCreateInput,
  type CleanWatchUpdateInput,
  type Watch,
  type WatchList,
  type WatchProfile,
  type WatchSchedule,
} from "@/shared/watches";

/** Unguessable, URL-safe: the feed's address and the unsubscribe link are the only keys they need. */
export const newWatchSecret = () => randomBytes(24).toString("base64url");

export const feedPathOf = (feedSecret: string) => `/feeds/${feedSecret}.atom`;

export const watchNotFound = (watchId: string) =>
  new AppError("NOT_FOUND", `No watch with id ${JSON.stringify(watchId)}`);

export const noProfileForWatchMessage =
  "Save a developer profile first, or give the watch a profile of its own to rank for";

/** A watch as the scheduler and the digest read it: what it searches for and ranks by. */
export type StoredWatch = {
  id: string;
  userId: string;
  name: string;
  filters: SearchFilters;
  profile: WatchProfile;
  profileHash: string;
  schedule: WatchSchedule;
  emailTo: string | null;
  feedSecret: string;
  unsubscribeToken: string;
  consecutiveFailures: number;
  backoffUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
};

type WatchRow = Omit<StoredWatch, "filters" | "profile" | "schedule"> & {
  filters: unknown;
  profile: unknown;
  schedule: unknown;
};

/** The stored row, validated; null (logged) when its filters, profile or schedule no longer validate. */
export function readWatchRow(row: WatchRow, logger: Logger): StoredWatch | null {
  const origin = (field: string) => ({ logger, row: `Watch ${row.id}`, field });
  const filters = readStored(searchFiltersSchema, row.filters, origin("filters"));
  const profile = readStored(watchProfileSchema, row.profile, origin("profile"));
  const schedule = readStored(watchScheduleSchema, row.schedule, origin("schedule"));
  if (!filters || !profile || !schedule) return null;
  return { ...row, filters, profile, schedule };
}

/** The next slot after `from`, or the first one from the end of any backoff, in the watch's own time zone. */
export function nextSlotOf(watch: Pick<StoredWatch, "schedule" | "backoffUntil">, from: Date): Date | null {
  const after =
    watch.backoffUntil && watch.backoffUntil.getTime() > from.getTime()
      ? new Date(watch.backoffUntil.getTime() - 1)
      : from;
  return scheduleCron(watch.schedule).nextRun(after);
}

function toWatch(watch: StoredWatch, lastRun: LastRun | null, now: Date): Watch {
  const kind = watchRunKinds.find((known) => known === lastRun?.kind) ?? "scheduled";
  const status = runStatusSchema.safeParse(lastRun?.status);
  return {
    id: watch.id,
    name: watch.name,
    filters: watch.filters,
    profile: watch.profile,
    schedule: watch.schedule,
    emailTo: watch.emailTo,
    feedPath: feedPathOf(watch.feedSecret),
    nextRunAt: nextSlotOf(watch, now)?.toISOString() ?? null,
    lastRun: lastRun
      ? {
          runId: lastRun.state === "refused" ? null : lastRun.runId,
          slotAt: lastRun.slotAt.toISOString(),
          kind,
          status: lastRun.state === "refused" || !status.success ? null : status.data,
        }
      : null,
    health: {
      consecutiveFailures: watch.consecutiveFailures,
      backoffUntil:
        watch.backoffUntil && watch.backoffUntil.getTime() > now.getTime()
          ? watch.backoffUntil.toISOString()
          : null,
      lastError: watch.lastError,
    },
    createdAt: watch.createdAt.toISOString(),
    updatedAt: watch.updatedAt.toISOString(),
  };
}

/** The caller's watch, or NOT_FOUND (also for another person's: ids do not reveal what exists). */
export async function getOwnWatch({
  db,
  logger,
  userId,
  watchId,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  watchId: string;
}): Promise<StoredWatch> {
  const row = await db.watch.findFirst({ where: { id: watchId, userId } });
  const watch = row ? readWatchRow(row, logger) : null;
  if (!watch) throw watchNotFound(watchId);
  return watch;
}

export async function describeWatch({
  db,
  watch,
  now,
}: {
  db: Db;
  watch: StoredWatch;
  now: Date;
}): Promise<Watch> {
  const lastRuns = await lastRunsOf(db, [watch.id]);
  return toWatch(watch, lastRuns.get(watch.id) ?? null, now);
}

/** The person's watches, oldest first. */
export async function listWatches({
  db,
  logger,
  userId,
  now,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  now: Date;
}): Promise<WatchList> {
  const rows = await db.watch.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const watches = rows.flatMap((row) => readWatchRow(row, logger) ?? []);
  const lastRuns = await lastRunsOf(
    db,
    watches.map((watch) => watch.id),
  );
  return {
    items: watches.map((watch) => toWatch(watch, lastRuns.get(watch.id) ?? null, now)),
    max: MAX_WATCHES_PER_USER,
  };
}

async function profileForWatch(
  db: Db,
  logger: Logger,
  userId: string,
  given: AnalysisProfile | undefined,
): Promise<WatchProfile> {
  const profile = given ?? (await getProfile({ db, logger, userId }));
  if (!profile) throw new AppError("BAD_REQUEST", noProfileForWatchMessage);
  const { languages, topics, skillLevel, goals } = profile;
  return { languages, topics, skillLevel, goals };
}

export async function createWatch({
  db,
  logger,
  userId,
  input,
  now,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  input: CleanWatchCreateInput;
  now: Date;
}): Promise<Watch> {
  const profile = await profileForWatch(db, logger, userId, input.profile);
  if ((await db.watch.count({ where: { userId } })) >= MAX_WATCHES_PER_USER) {
    throw new AppError(
      "CONFLICT",
      `You have ${MAX_WATCHES_PER_USER} watches, the most one person may keep. Delete one to add another.`,
    );
  }
  const row = await db.watch.create({
    data: {
      id: randomUUID(),
      userId,
      name: input.name,
      filters: input.filters,
      profile,
      profileHash: hashAnalysisProfile(profile),
      schedule: input.schedule,
      feedSecret: newWatchSecret(),
      emailTo: input.emailTo,
      unsubscribeToken: newWatchSecret(),
      createdAt: now,
      updatedAt: now,
    },
  });
  const watch = readWatchRow(row, logger);
  if (!watch) throw new Error(`Watch ${row.id} did not read back as it was written`);
  return toWatch(watch, null, now);
}

export async function updateWatch({
  db,
  logger,
  userId,
  input,
  now,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  input: CleanWatchUpdateInput;
  now: Date;
}): Promise<Watch> {
  await getOwnWatch({ db, logger, userId, watchId: input.watchId });
  const profile = input.profile ? await profileForWatch(db, logger, userId, input.profile) : undefined;
  const { count } = await db.watch.updateMany({
    where: { id: input.watchId, userId },
    data: {
      name: input.name,
      filters: input.filters,
      schedule: input.schedule,
      ...(profile ? { profile, profileHash: hashAnalysisProfile(profile) } : {}),
      emailTo: input.emailTo,
      // A new address where mail goes is a new consent; a new schedule deserves a fresh start.
      ...(input.emailTo !== undefined ? { unsubscribeToken: newWatchSecret() } : {}),
      ...(input.schedule ? { consecutiveFailures: 0, backoffUntil: null } : {}),
      ...(input.rotateFeedSecret ? { feedSecret: newWatchSecret() } : {}),
      updatedAt: now,
    },
  });
  if (count === 0) throw watchNotFound(input.watchId);
  const watch = await getOwnWatch({ db, logger, userId, watchId: input.watchId });
  return describeWatch({ db, watch, now });
}

/** Deletes the watch, its slots, memory and digests; the runs it made stay in the person's history. */
export async function deleteWatch({
  db,
  logger,
  userId,
  watchId,
  now,
}: {
  db: Db;
  logger: Logger;
  userId: string;
  watchId: string;
  now: Date;
}): Promise<Watch> {
  const watch = await getOwnWatch({ db, logger, userId, watchId });
  const described = await describeWatch({ db, watch, now });
  const { count } = await db.watch.deleteMany({ where: { id: watchId, userId } });
  if (count === 0) throw watchNotFound(watchId);
  return described;
}
