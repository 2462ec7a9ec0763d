import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * `npm run test:faults`: the fault soak alone, in a worker that can force garbage collection. Its stores are
 * SQLite files, so it starts no PostgreSQL cluster.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/faults/**/*.test.ts"],
    globalSetup: [],
    execArgv: ["--expose-gc"],
    testTimeout: 240_000,
  },
});
