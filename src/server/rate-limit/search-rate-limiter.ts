import type pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { AppError } from "@/server/errors";

export type SearchRateLimiter = {
  /** Counts one accepted search for the client; throws TOO_MANY_REQUESTS with retryAfterSeconds when spent. */
  consume: (clientKey: string) => Promise<void>;
  /** Gives back a search that was counted but could not start. */
  refund: (clientKey: string) => Promise<void>;
};

const COUNTS_TABLE = "scout_search_rate_limit";
/** An arbitrary constant: the advisory lock key under which an instance creates the counts table. */
const COUNTS_TABLE_LOCK_KEY = 727_002;

/**
 * The table rate-limiter-flexible expects. Instances start together, and Postgres's CREATE TABLE IF NOT
 * EXISTS is no guard against another session creating the same table at that moment (SQLSTATE 42P07,
 * which the library does not expect): one creates it under a transaction-level advisory lock while the
 * others wait, then find it there.
 */
async function createCountsTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [COUNTS_TABLE_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${COUNTS_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Searches per client per hour. In memory for the embedded default (a restart starts clean, and expired
 * windows are dropped); in a PostgreSQL table for the hosted mode, so that every instance enforces one limit.
 */
export function createSearchRateLimiter({
  searchesPerHour,
  pool,
}: {
  searchesPerHour: number;
  /** The hosted mode's pool: the counts live in the shared database. */
  pool?: pg.Pool;
}): SearchRateLimiter {
  const options = { points: searchesPerHour, duration: 3600 };
  let ready: Promise<RateLimiterAbstract>;
  if (pool) {
    // The table exists by then, so the limiter has nothing left to set up.
    ready = createCountsTable(pool).then(
      () =>
        new RateLimiterPostgres({
          ...options,
          storeClient: pool,
          storeType: "pool",
          tableName: COUNTS_TABLE,
          keyPrefix: "search",
          tableCreated: true,
        }),
    );
    // Awaited by every call; an early failure must not go unhandled meanwhile.
    ready.catch(() => undefined);
  } else {
    ready = Promise.resolve(new RateLimiterMemory(options));
  }
  return {
    async consume(clientKey) {
      const limiter = await ready;
      try {
        await limiter.consume(clientKey, 1);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const minutes = Math.ceil(retryAfterSeconds / 60);
        throw new AppError(
          "TOO_MANY_REQUESTS",
          `You have reached the limit of ${searchesPerHour} searches per hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          { retryAfterSeconds },
        );
      }
    },
    async refund(clientKey) {
      await (await ready).reward(clientKey, 1);
    },
  };
}
