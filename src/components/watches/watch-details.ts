import type { FieldError, FieldErrors, UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { cronPatternOf, watchCreateInputSchema, type WatchSchedule, type Weekday } from "@/shared/watches";

/**
 * The watch form's own fields (name, schedule, email), validated by watches.create's schema itself: the
 * filters are the search filters' form, validated by theirs (searchFiltersSchema, the same one the create
 * schema holds).
 */
export const watchDetailsSchema = watchCreateInputSchema.pick({ name: true, schedule: true, emailTo: true });
export type WatchDetailsInput = z.input<typeof watchDetailsSchema>;
export type WatchDetails = z.output<typeof watchDetailsSchema>;
export type WatchDetailsForm = UseFormReturn<WatchDetailsInput, unknown, WatchDetails>;

type ScheduleKind = WatchSchedule["kind"];

/** Every schedule field, whichever kind is chosen: switching kinds keeps what was typed in the others. */
type ScheduleFields = { hour: number; weekday: Weekday; expression: string; timeZone: string };

/** A schedule the form starts from: one kind, with the other kinds' fields filled in too. */
export type ScheduleDraft = { [Kind in ScheduleKind]: ScheduleFields & { kind: Kind } }[ScheduleKind];

/**
 * react-hook-form types the errors of a union (the schedule's kinds) by the keys all its variants share; the
 * schema reports those of any variant, so the form reads them by every kind's fields.
 */
export type ScheduleErrors = FieldErrors<ScheduleFields & { kind: ScheduleKind }> &
  Partial<Pick<FieldError, "message">>;

export function scheduleErrorsOf(errors: FieldErrors<WatchDetailsInput>): ScheduleErrors | undefined {
  return errors.schedule;
}

/** The time zone this browser is in: hours in a new watch's schedule are the person's own. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A schedule to start the form from: the watch's own, or daily at 09:00 here. The other kinds' fields start
 * from the same moment (a daily schedule's cron field holds its pattern), so switching kind shows an
 * equivalent schedule rather than an empty one.
 */
export function scheduleDraftOf(saved: WatchSchedule | null, timeZone: string): ScheduleDraft {
  const base = { hour: 9, weekday: "monday" as Weekday, timeZone };
  if (!saved) return { ...base, kind: "daily", expression: cronPatternOf({ ...base, kind: "daily" }) };
  return { ...base, ...saved, expression: cronPatternOf(saved) };
}

/** Whether two schedules run at the same moments: an edit that keeps it must not restart the watch's backoff. */
export function sameSchedule(a: WatchSchedule, b: WatchSchedule): boolean {
  return a.kind === b.kind && a.timeZone === b.timeZone && cronPatternOf(a) === cronPatternOf(b);
}
