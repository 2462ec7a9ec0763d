import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // `server-only` throws outside a React Server environment; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/cluster/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    // The tests mostly wait on sockets, child processes and timers, so more forks than cores keeps the
    // cores busy: on two cores, four forks take the run from 156 s to 110 s.
    maxWorkers: Math.max(4, os.availableParallelism()),
    // One throwaway PostgreSQL cluster for the whole run: the store tests run on both engines, each test file
    // on a database of its own on that cluster. (The faults config, on SQLite only, starts none.)
    globalSetup: ["tests/support/postgres-global-setup.ts"],
    // Each test builds its own database, servers and clients, so test files can share one module graph:
    // that halves the run, most of which was spent loading the same modules again for every file.
    isolate: false,
  },
});
