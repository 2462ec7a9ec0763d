import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createSearchRateLimiter } from "@/server/rate-limit/search-rate-limiter";
import { createEmptyPostgresDatabase, type EmptyPostgresDatabase } from "../support/temp-db";

/**
 * Hosted instances start together, and each one's search limiter sets up the same counts table on one
 * database at the same moment. Postgres lets two sessions race on CREATE TABLE IF NOT EXISTS (SQLSTATE
 * 42P07), which once left one instance unable to count a single search. Every instance must come up and
 * share one limit.
 */

const INSTANCES = 6;
/** The race shows on some starts, not all: a few fresh databases make a regression show on every run. */
const ROUNDS = 3;

let database: EmptyPostgresDatabase | undefined;
const pools: pg.Pool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await database?.drop();
  database = undefined;
});

describe("search limiters starting at once on a fresh database", () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    `round %i: all ${INSTANCES} count searches against one limit`,
    async () => {
      database = await createEmptyPostgresDatabase();
      const { databaseUrl } = database;
      pools.push(...Array.from({ length: INSTANCES }, () => new pg.Pool({ connectionString: databaseUrl })));
      const limiters = pools.map((pool) => createSearchRateLimiter({ searchesPerHour: INSTANCES, pool }));

      await Promise.all(limiters.map((limiter) => limiter.consume("203.0.113.7")));

      const [first] = limiters;
      if (!first) throw new Error("no limiter started");
      const refusal = first.consume("203.0.113.7");
      await expect(refusal).rejects.toThrow(`limit of ${INSTANCES} searches per hour`);
      await expect(refusal).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
      await expect(first.consume("203.0.113.8")).resolves.toBeUndefined();
    },
  );
});
