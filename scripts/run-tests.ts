import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * `npm test`: every check, in order, stopping at the first failure. Each stage is timed and the table is
 * printed at the end (and written to .tmp/test-timings.txt for .ci/run), so a slow stage is seen at once.
 * The static checks run side by side, then vitest beside the production build, then the fault soak and the
 * browser tests. Side-by-side stages print their output when they end.
 */

type Stage = { name: string; script: string };

const stages: (Stage | Stage[])[] = [
  { name: "chromium", script: "tsx scripts/ensure-chromium.ts" },
  [
    { name: "lint", script: "npm run --silent lint" },
    { name: "imports", script: "npm run --silent lint:deps" },
    { name: "format", script: "npm run --silent format:check" },
    { name: "typecheck", script: "npm run --silent typecheck" },
  ],
  // The production build the e2e servers start from, made while vitest's forks mostly wait on sockets.
  [
    { name: "vitest", script: "npm run --silent test:unit" },
    { name: "build", script: "npm run --silent build" },
  ],
  { name: "faults", script: "npm run --silent test:faults" },
  { name: "e2e", script: "npm run --silent test:e2e" },
];

type Timing = { name: string; seconds: number; ok: boolean };

function runStage(stage: Stage, output: "inherit" | "buffer"): Promise<Timing & { text: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(stage.script, {
      shell: true,
      stdio: output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("close", (code) => {
      resolve({ name: stage.name, seconds: (performance.now() - started) / 1000, ok: code === 0, text });
    });
  });
}

function formatTable(timings: readonly Timing[], wallSeconds: number): string {
  const rows = timings.map(
    ({ name, seconds, ok }) =>
      `${name.padEnd(10)} ${seconds.toFixed(1).padStart(7)} s${ok ? "" : "  FAILED"}`,
  );
  return [
    "Test stages (side-by-side stages overlap):",
    ...rows,
    `${"total".padEnd(10)} ${wallSeconds.toFixed(1).padStart(7)} s`,
  ].join("\n");
}

const started = performance.now();
const timings: Timing[] = [];
let failed = false;
for (const entry of stages) {
  if (Array.isArray(entry)) {
    // Side-by-side stages print when they end, one block each, so their lines never interleave.
    const results = await Promise.all(entry.map((stage) => runStage(stage, "buffer")));
    for (const result of results) {
      process.stdout.write(`== ${result.name}\n${result.text}`);
      timings.push(result);
    }
    failed = results.some((result) => !result.ok);
  } else {
    console.log(`== ${entry.name}`);
    const result = await runStage(entry, "inherit");
    timings.push(result);
    failed = !result.ok;
  }
  if (failed) break;
}

const table = formatTable(timings, (performance.now() - started) / 1000);
console.log(`\n${table}`);
mkdirSync(".tmp", { recursive: true });
writeFileSync(path.join(".tmp", "test-timings.txt"), `${table}\n`);
process.exit(failed ? 1 : 0);
