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
    ready = new Promise((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        {
          ...options,
          storeClient: pool,
          storeType: "pool",
          tableName: "scout_search_rate_limit",
          keyPrefix: "search",
        },
        (error?: Error) => {
          if (error) reject(error);
          else resolve(limiter);
        },
      );
    });
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
