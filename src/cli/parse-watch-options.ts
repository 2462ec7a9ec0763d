import type { SearchFiltersInput } from "@/shared/filters";
import { watchCreateInputSchema, type CleanWatchCreateInput } from "@/shared/watches";
import { usageError } from "./cli-error";
import type { OptionNames } from "./client-errors";
import { checkWith, searchOptionNames, type SearchCommandOptions } from "./parse-options";

export type WatchScheduleOptions = { daily?: string; weekly?: string; cron?: string; tz: string };
export type WatchAddOptions = SearchCommandOptions & WatchScheduleOptions & { email?: string };

/** The schedule flags, as usage errors and the help name them. */
export const scheduleFlagsInWords = `--daily <hour>, --weekly <weekday@hour> or --cron "<expression>"`;

export type ScheduleFlag = "--daily" | "--weekly" | "--cron";

/**
 * "9", "09" or "09:00". Watches run on the hour (the schedule has no minutes), so "9:30" is refused here
 * rather than quietly run at 9:00; the range is the shared schema's to check.
 */
function parseHour(flag: ScheduleFlag, value: string): number {
  const match = /^(\d{1,2})(?::00)?$/.exec(value.trim());
  if (!match?.[1])
    throw usageError(`${flag} takes an hour from 0 to 23, such as 9 or 18 (watches run on the hour)`);
  return Number(match[1]);
}

/** "monday@9": the weekday as the shared schema spells it, and the hour. */
function parseWeekly(value: string): { weekday: string; hour: number } {
  const [weekday, hour, ...rest] = value.trim().split("@");
  if (weekday === undefined || hour === undefined || rest.length > 0 || weekday === "")
    throw usageError("--weekly takes a weekday and an hour joined by @, such as monday@9");
  return { weekday: weekday.toLowerCase(), hour: parseHour("--weekly", hour) };
}

/**
 * The schedule the flags ask for, in --tz, still unchecked (the weekday is whatever was typed): the shared
 * schema checks it with the rest of the watch.
 */
type ScheduleFromFlags =
  | { kind: "daily"; hour: number; timeZone: string }
  | { kind: "weekly"; weekday: string; hour: number; timeZone: string }
  | { kind: "cron"; expression: string; timeZone: string };

/**
 * The one schedule the flags ask for, in --tz. Checked before anything reaches the server: none, or more
 * than one, is a usage error naming the flags.
 */
export function parseWatchSchedule(options: WatchScheduleOptions): {
  schedule: ScheduleFromFlags;
  flag: ScheduleFlag;
} {
  const flags: { flag: ScheduleFlag; value: string | undefined }[] = [
    { flag: "--daily", value: options.daily },
    { flag: "--weekly", value: options.weekly },
    { flag: "--cron", value: options.cron },
  ];
  const given = flags.flatMap(({ flag, value }) => (value === undefined ? [] : [{ flag, value }]));
  const [first, ...others] = given;
  if (first === undefined) throw usageError(`Choose when the watch runs: ${scheduleFlagsInWords}`);
  if (others.length > 0) {
    const named = given.map(({ flag }) => flag).join(" and ");
    throw usageError(`A watch has one schedule, not ${named}: ${scheduleFlagsInWords}`);
  }
  const { flag, value } = first;
  const timeZone = options.tz;
  switch (flag) {
    case "--daily":
      return { flag, schedule: { kind: "daily", hour: parseHour(flag, value), timeZone } };
    case "--weekly":
      return { flag, schedule: { kind: "weekly", ...parseWeekly(value), timeZone } };
    case "--cron":
      return { flag, schedule: { kind: "cron", expression: value, timeZone } };
  }
}

/**
 * Which option sets each field of watches.create: the nested ones for the CLI's own check, the top-level
 * ones for a refusal from the server (whose field errors name only those). An hour comes from whichever
 * schedule flag was given.
 */
export function watchOptionNames(scheduleFlag: ScheduleFlag): OptionNames {
  const filterNames = Object.entries(searchOptionNames).map(
    ([field, option]): [string, string | undefined] => [`filters.${field}`, option],
  );
  return {
    name: "<name>",
    emailTo: "--email",
    ...Object.fromEntries(filterNames),
    "schedule.hour": scheduleFlag,
    "schedule.weekday": "--weekly",
    "schedule.expression": "--cron",
    "schedule.timeZone": "--tz",
  };
}

/** The watches.create input, refused as the server would refuse it, with the option to fix named. */
export function checkWatchInput(options: {
  name: string;
  filters: SearchFiltersInput;
  schedule: ScheduleFromFlags;
  scheduleFlag: ScheduleFlag;
  email: string | undefined;
}): CleanWatchCreateInput {
  const input = {
    name: options.name,
    filters: options.filters,
    schedule: options.schedule,
    emailTo: options.email ?? null,
  };
  return checkWith(watchCreateInputSchema, input, watchOptionNames(options.scheduleFlag));
}
