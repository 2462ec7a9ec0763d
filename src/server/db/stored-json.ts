import { z } from "zod";
import type { Logger } from "@/server/logger";

/**
 * Reading back what the database holds. JSON columns (and string columns with a fixed set of values) are
 * validated on the way out, but leniently: a row written by an older version, or edited by hand, that no
 * longer validates must not break every page that reads it. Such a value is logged, naming the row, and
 * replaced by a fallback; the caller decides what the fallback is (or leaves the row out).
 */

export type StoredValueOrigin = { logger: Logger; row: string; field: string };

/** The parsed value, or null (logged) when the stored value no longer validates. */
export function readStored<T>(schema: z.ZodType<T>, value: unknown, origin: StoredValueOrigin): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  origin.logger.warn(
    `${origin.row}: stored ${origin.field} no longer validates; serving the rest without it`,
    z.prettifyError(parsed.error),
  );
  return null;
}

export const stringListSchema = z.array(z.string());

/** A stored list of strings; a damaged one reads as empty. */
export function readStoredStringList(value: unknown, origin: StoredValueOrigin): string[] {
  return readStored(stringListSchema, value, origin) ?? [];
}

/** Where a value read from one search run's rows came from, so a damaged one is logged under its run. */
export const runOrigin =
  (logger: Logger, runId: string) =>
  (field: string): StoredValueOrigin => ({ logger, row: `Run ${runId}`, field });
