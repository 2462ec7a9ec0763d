import { Cron } from "croner";
import { searchFiltersSchema } from "./filters";
import { profileInputSchema, skillLevelSchema } from "./profile";
import { runStatusSchema } from "./runs";
import { z } from "./zod";

/**
 * Watched searches: a saved search (filters, the profile it ranks for, a name) re-run on a schedule, whose runs
 * end in a digest of what is new since the watch last looked: repositories it never showed, unclaimed starter
 * issues opened since in repositories it did show, and issues it picked before that are now claimed or closed.
 * Digests reach their owner as an Atom feed and, when asked for, by email.
 */

export const WATCH_NAME_MAX_CHARS = 100;
/** Watches one person may keep: each costs a run per slot. */
export const MAX_WATCHES_PER_USER = 20;
/** No schedule may run a watch more often than this: a search re-run within the hour finds nothing new. */
export const WATCH_MIN_INTERVAL_MS = 60 * 60 * 1000;

export const weekdays = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export const weekdaySchema = z.enum(weekdays, { error: "Weekday must be monday … sunday" });
export type Weekday = z.infer<typeof weekdaySchema>;

/** An IANA time zone this runtime knows (Europe/Berlin, America/New_York, UTC…). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const timeZoneSchema = z
  .string({ error: "Time zone must be text" })
  .trim()
  .min(1, "Choose a time zone")
  .max(64, "Time zone must be at most 64 characters")
  .refine(isKnownTimeZone, "Unknown time zone: use an IANA name such as Europe/Berlin or America/New_York");

const hourSchema = z
  .number({ error: "Hour must be a number" })
  .int("Hour must be a whole number")
  .min(0, "Hour must be 0 to 23")
  .max(23, "Hour must be 0 to 23");

export const CRON_MAX_CHARS = 100;

/**
 * The one place a schedule becomes a cron pattern, in its own time zone: daily and weekly at minute 0 of the
 * chosen hour. Both the scheduler and the form read slots through it.
 */
export function cronPatternOf(schedule: WatchSchedule): string {
  switch (schedule.kind) {
    case "daily":
      return `0 ${schedule.hour} * * *`;
    case "weekly":
      // Cron counts weekdays from Sunday (0).
      return `0 ${schedule.hour} * * ${(weekdays.indexOf(schedule.weekday) + 1) % 7}`;
    case "cron":
      return schedule.expression;
  }
}

/** A paused croner job: it computes slots and never fires. */
export function scheduleCron(schedule: WatchSchedule): Cron {
  return new Cron(cronPatternOf(schedule), { timezone: schedule.timeZone, paused: true });
}

/**
 * Why a cron pattern cannot be a watch's schedule, or null when it can. Occurrences within a matching hour all
 * share its minute and second fields, so a pattern firing more than once an hour shows it within its first
 * few runs (the last of one hour, then two of the next).
 */
export function cronScheduleProblem(
  expression: string,
  timeZone: string,
  from: Date = new Date(),
): string | null {
  let runs: Date[];
  try {
    runs = new Cron(expression, { timezone: timeZone, paused: true }).nextRuns(8, from);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : "";
    return `Not a cron expression${detail ? `: ${detail}` : ""}`;
  }
  if (runs.length === 0) return "This cron expression never runs (no such date)";
  const tooClose = runs
    .slice(1)
    .some((run, index) => run.getTime() - (runs[index]?.getTime() ?? 0) < WATCH_MIN_INTERVAL_MS);
  if (tooClose) return "A watch runs at most once an hour: this cron expression runs more often";
  return null;
}

export const watchScheduleSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("daily"), hour: hourSchema, timeZone: timeZoneSchema }),
      z.object({
        kind: z.literal("weekly"),
        weekday: weekdaySchema,
        hour: hourSchema,
        timeZone: timeZoneSchema,
      }),
      z.object({
        kind: z.literal("cron"),
        expression: z
          .string({ error: "Cron expression must be text" })
          .trim()
          .min(1, "Write a cron expression, such as 0 9 * * 1-5")
          .max(CRON_MAX_CHARS, `Cron expression must be at most ${CRON_MAX_CHARS} characters`),
        timeZone: timeZoneSchema,
      }),
    ],
    { error: "Schedule kind must be daily, weekly or cron" },
  )
  .superRefine((schedule, ctx) => {
    if (schedule.kind !== "cron" || !isKnownTimeZone(schedule.timeZone)) return;
    const problem = cronScheduleProblem(schedule.expression, schedule.timeZone);
    if (problem) ctx.addIssue({ code: "custom", path: ["expression"], message: problem });
  });
export type WatchSchedule = z.output<typeof watchScheduleSchema>;
export type WatchScheduleInput = z.input<typeof watchScheduleSchema>;

const watchNameSchema = z
  .string({ error: "Name must be text" })
  .trim()
  .min(1, "Give the watch a name")
  .max(WATCH_NAME_MAX_CHARS, `Name must be at most ${WATCH_NAME_MAX_CHARS} characters`);

const emailToSchema = z
  .email({ error: "Email must be an address such as you@example.com" })
  .max(254, "Email must be at most 254 characters")
  .nullable();

/** The profile a watch ranks for, kept with it: a later edit of the saved profile does not change it. */
export const watchProfileSchema = z.object({
  languages: z.array(z.string()),
  topics: z.array(z.string()),
  skillLevel: skillLevelSchema,
  goals: z.string(),
});
export type WatchProfile = z.infer<typeof watchProfileSchema>;

/** watches.create. Without `profile` the watch ranks for the saved profile as it is now. */
export const watchCreateInputSchema = z.object({
  name: watchNameSchema,
  filters: searchFiltersSchema,
  schedule: watchScheduleSchema,
  profile: profileInputSchema.optional(),
  /** Where digests are mailed; null or absent: the feed only. */
  emailTo: emailToSchema.default(null),
});
export type WatchCreateInput = z.input<typeof watchCreateInputSchema>;
export type CleanWatchCreateInput = z.output<typeof watchCreateInputSchema>;

const watchIdSchema = z
  .string({ error: "watchId must be text" })
  .min(1, "watchId is required")
  .max(100, "watchId is too long");

/** watches.update: what is given changes, the rest stays. */
export const watchUpdateInputSchema = z.object({
  watchId: watchIdSchema,
  name: watchNameSchema.optional(),
  filters: searchFiltersSchema.optional(),
  schedule: watchScheduleSchema.optional(),
  profile: profileInputSchema.optional(),
  emailTo: emailToSchema.optional(),
  /** A new feed address; the old one stops answering at once. */
  rotateFeedSecret: z.boolean({ error: "rotateFeedSecret must be true or false" }).optional(),
});
export type WatchUpdateInput = z.input<typeof watchUpdateInputSchema>;
export type CleanWatchUpdateInput = z.output<typeof watchUpdateInputSchema>;

/** watches.delete, watches.runNow, watches.digests */
export const watchIdInputSchema = z.object({ watchId: watchIdSchema });
export type WatchIdInput = z.input<typeof watchIdInputSchema>;

export const watchDigestsInputSchema = z.object({
  watchId: watchIdSchema,
  limit: z.number().int().min(1).max(50).default(10),
});

/** Whether a watch's runs are going well; a watch whose runs keep failing waits longer between them. */
export const watchHealthSchema = z.object({
  /** Scheduled runs in a row that failed (reset by one that ends). */
  consecutiveFailures: z.number().int(),
  /** Slots before this are skipped; null when the watch is not backing off. */
  backoffUntil: z.string().nullable(),
  /** Why the last run failed, as its owner was told; null after a success. */
  lastError: z.string().nullable(),
});
export type WatchHealth = z.infer<typeof watchHealthSchema>;

export const watchRunKinds = ["scheduled", "manual"] as const;

export const watchSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: searchFiltersSchema,
  profile: watchProfileSchema,
  schedule: watchScheduleSchema,
  emailTo: z.string().nullable(),
  /** The feed's path on this server (/feeds/<secret>.atom): anyone holding it can read the digests. */
  feedPath: z.string(),
  /** The next slot it will run at (backoff considered). */
  nextRunAt: z.string().nullable(),
  lastRun: z
    .object({
      runId: z.string().nullable(),
      slotAt: z.string(),
      kind: z.enum(watchRunKinds),
      /** The run's status; null when the slot was refused before a run started (see health.lastError). */
      status: runStatusSchema.nullable(),
    })
    .nullable(),
  health: watchHealthSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Watch = z.infer<typeof watchSchema>;

export const watchListSchema = z.object({ items: z.array(watchSchema), max: z.number() });
export type WatchList = z.infer<typeof watchListSchema>;

export const digestIssueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  url: z.string(),
  labels: z.array(z.string()),
  createdAt: z.string(),
});
export type DigestIssue = z.infer<typeof digestIssueSchema>;

export const digestRepositorySchema = z.object({
  fullName: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  fitScore: z.number(),
  reason: z.string(),
  /** Its unclaimed starter issues that the analysis picked for this profile. */
  pickedIssues: z.array(digestIssueSchema),
});

export const issueChanges = ["claimed", "closed"] as const;

export const digestSchema = z.object({
  id: z.string(),
  watchId: z.string(),
  runId: z.string(),
  createdAt: z.string(),
  /** Repositories this watch never showed before, best fit first. */
  newRepositories: z.array(digestRepositorySchema),
  /** Unclaimed starter issues opened (or labelled) since, in repositories the watch showed before. */
  newIssues: z.array(
    z.object({ repository: z.string(), repositoryUrl: z.string(), issue: digestIssueSchema }),
  ),
  /** Issues picked last time that are now taken: someone is assigned or has a pull request, or it is closed. */
  goneIssues: z.array(
    z.object({
      repository: z.string(),
      number: z.number().int(),
      title: z.string(),
      url: z.string(),
      change: z.enum(issueChanges),
    }),
  ),
  /** What the run that made it cost. */
  cost: z.object({
    githubRequests: z.number().int(),
    llmInputTokens: z.number().int(),
    llmOutputTokens: z.number().int(),
    /** Analyses served from the cache instead of the analyzer. */
    cachedResults: z.number().int(),
    /** READMEs not downloaded again because they had not changed. */
    readmesFromCache: z.number().int(),
  }),
});
export type Digest = z.infer<typeof digestSchema>;

export const digestListSchema = z.object({ items: z.array(digestSchema) });
export type DigestList = z.infer<typeof digestListSchema>;

/** watches.runNow */
export const watchRunStartedSchema = z.object({ runId: z.string(), status: z.literal("running") });
