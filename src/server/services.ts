import "server-only";
import { getEnv, type Env } from "@/env";
import { createDb, type Db } from "@/server/db/client";
import type { ScoutConfig } from "@/server/schemas";

/**
 * The composition root: every long-lived dependency of the server, built once from the validated
 * environment and passed down explicitly. Tests build their own with `createServices`.
 */
export type Services = {
  env: Env;
  db: Db;
};

export function createServices({ env, db }: { env: Env; db?: Db }): Services {
  return { env, db: db ?? createDb({ databaseUrl: env.DATABASE_URL }) };
}

export function describeConfig(env: Env): ScoutConfig {
  return {
    githubSource: env.SCOUT_GITHUB_SOURCE,
    analyzer: env.SCOUT_ANALYZER,
    model: env.SCOUT_ANALYZER === "llm" ? env.SCOUT_MODEL : null,
  };
}

// Next.js may evaluate server modules more than once (dev reloads, separate route bundles); one process
// must still share one database connection and, later, one run registry.
const processWide = globalThis as typeof globalThis & { scoutServices?: Services };

export function getServerServices(): Services {
  processWide.scoutServices ??= createServices({ env: getEnv() });
  return processWide.scoutServices;
}
