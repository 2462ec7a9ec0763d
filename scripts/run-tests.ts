import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * `npm test`: every check, in order, stopping at the first failure. Each stage is timed and the table is
 * printed at the end (and written to .tmp/test-timings.txt for .ci/run), so a slow stage is seen at once.
 * The cheap static checks run side by side; everything that starts servers runs after them, one stage at a
 * time, since each keeps both cores busy (a build beside vitest made both slower).
 */

type Stage = { name: string; script: string };
/** Stages that run one after the other, as one lane beside the others of its group. */
type Lane = Stage | Stage[];

const stages: (Stage | Lane[])[] = [
  { name: "chromium", script: "tsx scripts/ensure-chromium.ts" },
  [
    { name: "lint", script: "npm run --silent lint" },
    { name: "imports", script: "npm run --silent lint:deps" },
    { name: "format", script: "npm run --silent format:check" },
    // The production build the e2e servers start from also writes the route types tsc checks against, so
    // it goes first in its lane and the lane still ends before lint does.
    [
      { name: "build", script: "npm run --silent build" },
      { name: "typecheck", script: "tsc --noEmit" },
    ],
  ],
  { name: "vitest", script: "npm run --silent test:unit" },
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

/** A lane's stages in turn, stopping at the first that fails. */
async function runLane(lane: Lane): Promise<(Timing & { text: string })[]> {
  const results: (Timing & { text: string })[] = [];
  for (const stage of Array.isArray(lane) ? lane : [lane]) {
    const result = await runStage(stage, "buffer");
    results.push(result);
    if (!result.ok) break;
  }
  return results;
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
    const results = (await Promise.all(entry.map(runLane))).flat();
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
