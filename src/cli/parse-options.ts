import type { z } from "zod";
import { searchFiltersSchema, type SearchFiltersInput } from "@/shared/filters";
import { profileInputSchema, type Profile, type CleanProfileInput } from "@/shared/profile";
import { usageError } from "./cli-error";
import { withOptionName, type OptionNames } from "./client-errors";

/** Which option sets each API field, so a validation message can name the flag to fix. */
export const searchOptionNames: OptionNames = {
  languages: "--lang",
  minStars: "--stars",
  maxStars: "--stars",
  topics: "--topic",
  pushedAfter: "--since",
  license: "--license",
  query: "--query",
  requireStarterIssues: "--require-starter-issues",
};

export const profileOptionNames: OptionNames = {
  languages: "--lang",
  topics: "--topic",
  skillLevel: "--level",
  goals: "--goals",
};

/** Commander's collector for repeatable options; "a,b" counts as two values too. */
export function collectValues(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",")];
}

/**
 * The field of optionNames an issue's path falls under: its whole dotted path ("schedule.timeZone") if named,
 * else the nearest enclosing one ("languages" for "languages.0"), so nested inputs can name their flags too.
 */
function namedFieldOf(path: readonly PropertyKey[], optionNames: OptionNames): string | undefined {
  const names = path.map(String);
  for (let length = names.length; length > 0; length -= 1) {
    const field = names.slice(0, length).join(".");
    if (optionNames[field] !== undefined) return field;
  }
  return undefined;
}

/** Validates with the server's own schema, so the CLI refuses exactly what the server would, in its words. */
export function checkWith<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  optionNames: OptionNames,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? namedFieldOf(issue.path, optionNames) : undefined;
  throw usageError(withOptionName(field, issue?.message ?? "Invalid input", optionNames));
}

/** "50..5000", "50.." or "..5000", as in GitHub's own `stars:` qualifier. */
export function parseStarRange(value: string): { minStars?: number; maxStars?: number } {
  const match = /^(\d*)\.\.(\d*)$/.exec(value.trim());
  if (!match || (match[1] === "" && match[2] === ""))
    throw usageError("--stars must be a range such as 50..5000, 50.. or ..5000");
  return {
    ...(match[1] ? { minStars: Number(match[1]) } : {}),
    ...(match[2] ? { maxStars: Number(match[2]) } : {}),
  };
}

export type SearchCommandOptions = {
  lang: string[];
  stars?: string;
  topic: string[];
  since?: string;
  license?: string;
  query?: string;
  requireStarterIssues?: boolean;
};

/** The filters the options ask for; omitted options keep the server's defaults (docs/api.md). */
export function parseSearchFilters(options: SearchCommandOptions, languages: string[]): SearchFiltersInput {
  const filters: SearchFiltersInput = {
    languages,
    ...(options.stars === undefined ? {} : parseStarRange(options.stars)),
    ...(options.topic.length > 0 ? { topics: options.topic } : {}),
    ...(options.since === undefined ? {} : { pushedAfter: options.since }),
    ...(options.license === undefined ? {} : { license: options.license }),
    ...(options.query === undefined ? {} : { query: options.query }),
    ...(options.requireStarterIssues ? { requireStarterIssues: true } : {}),
  };
  checkWith(searchFiltersSchema, filters, searchOptionNames);
  return filters;
}

export type ProfileSetOptions = { lang: string[]; topic: string[]; level?: string; goals?: string };

/** The saved profile with the given options replacing its fields; the rest is kept as it was. */
export function mergeProfile(current: Profile | null, options: ProfileSetOptions): CleanProfileInput {
  const merged = {
    languages: options.lang.length > 0 ? options.lang : (current?.languages ?? []),
    topics: options.topic.length > 0 ? options.topic : (current?.topics ?? []),
    skillLevel: options.level ?? current?.skillLevel,
    goals: options.goals ?? current?.goals ?? "",
  };
  return checkWith(profileInputSchema, merged, profileOptionNames);
}
