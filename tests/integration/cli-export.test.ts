import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/cli/program";
import { createCapturingCliDeps } from "../support/cli-deps";

/**
 * `scout export` over real HTTP. The export route is its own part of the app; a stand-in answers its
 * contract here (an attachment; 404 for an unknown run; 400 for a format it refuses, with `{ error: { message } }`), so these tests cover
 * what the CLI does with each answer.
 */

const formatRefusal = "The format parameter must be md, csv or json, as in ?format=md";
const csv = 'rank,repo,score\n1,acme/parser,"8.5"\n';
let server: Server;
let url: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    const target = new URL(request.url ?? "/", "http://localhost");
    if (target.pathname !== "/api/runs/run-1/export") {
      response
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Run not found" } }));
    } else if (target.searchParams.get("format") !== "csv") {
      response
        .writeHead(400, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { code: "BAD_REQUEST", message: formatRefusal, field: "format" } }));
    } else {
      response
        .writeHead(200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="scout-run-1.csv"',
        })
        .end(csv);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    }),
);

async function runExport(args: string[]) {
  const { deps, captured } = createCapturingCliDeps({ fetch: globalThis.fetch, writeFile });
  const code = await runCli(["export", ...args, "--url", url], deps);
  return { code, ...captured };
}

describe("scout export", () => {
  it("writes the attachment to stdout unchanged", async () => {
    expect(await runExport(["run-1", "--format", "csv"])).toEqual({ code: 0, stdout: csv, stderr: "" });
    expect(requested.at(-1)).toBe("/api/runs/run-1/export?format=csv");
  });

  it("writes the attachment to the --output file and says so on stderr", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "scout-export-"));
    try {
      const file = path.join(dir, "run.csv");
      const outcome = await runExport(["run-1", "--format", "csv", "--output", file]);
      expect(outcome).toEqual({ code: 0, stdout: "", stderr: `Wrote run run-1 as csv to ${file}.\n` });
      expect(await readFile(file, "utf8")).toBe(csv);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exit 2 with one line for an unknown run, and for a format the route refuses", async () => {
    expect(await runExport(["run-2", "--format", "csv"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: No run with id run-2. `scout runs` lists them.\n",
    });
    expect(await runExport(["run-1", "--format", "json"])).toEqual({
      code: 2,
      stdout: "",
      stderr: `error: ${formatRefusal}\n`,
    });
  });

  it("exit 3 naming the URL when nothing answers there", async () => {
    const { deps, captured } = createCapturingCliDeps({ fetch: globalThis.fetch });
    const code = await runCli(["export", "run-1", "--url", "http://127.0.0.1:1"], deps);
    expect({ code, ...captured }).toEqual({
      code: 3,
      stdout: "",
      stderr:
        "error: Cannot reach the Scout server at http://127.0.0.1:1 (bad port). Is it running? Start it with `npm start`, or pass --url.\n",
    });
  });
});
