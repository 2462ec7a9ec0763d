import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/server/errors";

export type SearchRateLimiter = {
  /** Counts one accepted search for the client; throws TOO_MANY_REQUESTS with retryAfterSeconds when spent. */
  consume: (clientKey: string) => Promise<void>;
  /** Gives back a search that was counted but could not start. */
  refund: (clientKey: string) => Promise<void>;
};

/** Searches per client per hour, in memory: a restart starts clean, and expired windows are dropped. */
export function createSearchRateLimiter({ searchesPerHour }: { searchesPerHour: number }): SearchRateLimiter {
  const limiter = new RateLimiterMemory({ points: searchesPerHour, duration: 3600 });
  return {
    async consume(clientKey) {
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
      await limiter.reward(clientKey, 1);
    },
  };
}
