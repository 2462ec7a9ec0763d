/**
 * PostgreSQL cannot store the character U+0000 (NUL), neither in a text column nor in a jsonb one, where
 * SQLite stores it like any other. Text that reaches the database from outside may hold one: a README or a
 * description from GitHub, an LLM's answer, a profile or a note typed by the user. On PostgreSQL the whole
 * write would fail, and with it the run or the request; so every write leaves the character out, on both
 * engines, and both store the same thing. It is invisible wherever the text is shown.
 */

const NUL = "\u0000";

function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (isPlainObject(value))
    return Object.entries(value).some(([key, item]) => key.includes(NUL) || holdsNul(item));
  return false;
}

/** Plain objects and arrays are JSON or Prisma's arguments; Dates, Prisma.DbNull and such are left alone. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function strip(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll(NUL, "");
  if (Array.isArray(value)) return value.map(strip);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key.replaceAll(NUL, ""), strip(item)]),
    );
  }
  return value;
}

/**
 * True when the text holds the character. Such a text, given as a key (a run id, a cursor), names no
 * stored row, since no write stores one; and PostgreSQL refuses even to compare a column with it, so a
 * reader answers "not found" before asking the database.
 */
export function holdsNulChar(text: string): boolean {
  return text.includes(NUL);
}

/** The value with NUL characters left out of its strings and keys; the value itself when it holds none. */
export function withoutNulChars<T>(value: T): T {
  return holdsNul(value) ? (strip(value) as T) : value;
}

/** Prisma's write operations, and the arguments among theirs that hold what is written. */
const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
]);
const WRITTEN_ARGUMENTS = ["data", "create", "update"] as const;

/**
 * A write's arguments with NUL characters left out of what it writes. Its `where` is left as it is: it
 * names rows rather than storing anything, and changing it could name another row.
 */
export function storableWriteArgs<T>(operation: string, args: T): T {
  if (!WRITE_OPERATIONS.has(operation) || !isPlainObject(args)) return args;
  const cleaned: Record<string, unknown> = { ...args };
  let changed = false;
  for (const name of WRITTEN_ARGUMENTS) {
    if (holdsNul(cleaned[name])) {
      cleaned[name] = strip(cleaned[name]);
      changed = true;
    }
  }
  return changed ? (cleaned as T) : args;
}
