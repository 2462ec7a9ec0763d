import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "../../scripts/lib/postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * postgres://… as the superuser of the one throwaway cluster the whole vitest run shares. Tests never
     * use its `postgres` database: each test file (or describe block) creates its own database on it.
     */
    postgresAdminUrl: string;
  }
}

/**
 * vitest's globalSetup (the main config): one PostgreSQL cluster per vitest run, because starting one takes
 * about a second and a database on it a few milliseconds. Without PostgreSQL installed this throws the
 * cluster helper's message saying how to install it, and the run fails: the PostgreSQL tests are part of the
 * suite, so they are never skipped quietly.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide("postgresAdminUrl", cluster.adminUrl);
  return () => {
    cluster.stop();
  };
}
