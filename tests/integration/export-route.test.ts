import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { localViewer } from "@/server/auth/viewer";
import { handleExportRequest } from "@/server/export/handle-export-request";
import { scoutSearchResultSchema, type ScoutSearchResult } from "@/shared/runs";
import type { AppDependencies } from "@/server/app-dependencies";
import { makeRepo } from "../support/llm-analysis-fixtures";
import {
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";
import { seedRun } from "../support/seed-runs";

let harness: Harness;
let deps: AppDependencies;
let run: ScoutSearchResult;

beforeAll(async () => {
  harness = await startHarness();
  deps = harness.deps();
  const caller = callerFor(deps);
  await caller.profile.save(typicalProfile);
  const { runId } = await caller.scout.search({ languages: ["Python"], minStars: 0 });
  await collectRunEvents(deps, runId);
  run = await caller.scout.results({ runId });
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());

function exportOf(runId: string, query: string): Promise<Response> {
  return handleExportRequest({
    req: new Request(`http://localhost:3000/api/runs/${encodeURIComponent(runId)}/export${query}`),
    runId,
    viewer: localViewer,
    deps,
  });
}

describe("GET /api/runs/{runId}/export", () => {
  it("downloads the run as a Markdown report", async () => {
    const response = await exportOf(run.runId, "?format=md");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="scout-run-${run.runId}.md"`,
    );
    const text = await response.text();
    expect(text.startsWith("# GitHub Scout report\n")).toBe(true);
    const [top] = run.results;
    expect(run.results.length).toBeGreaterThan(0);
    // The test GitHub's repositories claim github.com while it serves another origin: like the cards, the
    // report then names them without a link (the unit tests cover the links).
    expect(text).toContain(`\n### 1. ${top?.repo}\n`);
    expect(text).toContain("- Languages: Python");
  });

  it("downloads the run as CSV, one row per ranked result", async () => {
    const response = await exportOf(run.runId, "?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="scout-run-${run.runId}.csv"`,
    );
    const lines = (await response.text()).split("\r\n").filter(Boolean);
    expect(lines[0]?.startsWith("rank,repo,url,fit_score,stars")).toBe(true);
    // Rows hold no line breaks of their own here: the test analyzer writes one-line reasons.
    expect(lines).toHaveLength(run.results.length + 1);
    expect(lines[1]?.startsWith(`1,${run.results[0]?.repo},`)).toBe(true);
  });

  it("downloads the run as JSON, the ScoutSearchResult scout.results returns", async () => {
    const response = await exportOf(run.runId, "?format=json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="scout-run-${run.runId}.json"`,
    );
    const body: unknown = await response.json();
    expect(scoutSearchResultSchema.parse(body)).toEqual(run);
  });

  it("escapes hostile text stored with a run", async () => {
    await seedRun({
      db: deps.db,
      runId: "hostile-run",
      startedAt: new Date("2026-06-01T12:00:00Z"),
      analyses: [{ repo: makeRepo("acme/hostile", { githubId: 9001 }), fitScore: 7 }],
    });
    await deps.db.analysisResult.updateMany({
      where: { runId: "hostile-run" },
      data: { reason: "## Injected\n<script>alert(1)</script>", contributions: ["=1+1"] },
    });
    const markdown = await (await exportOf("hostile-run", "?format=md")).text();
    expect(markdown).toContain("Why: \\#\\# Injected \\<script\\>alert\\(1\\)\\</script\\>");
    expect(markdown).not.toContain("\n## Injected");
    const csv = await (await exportOf("hostile-run", "?format=csv")).text();
    expect(csv).toContain(",'=1+1,");
  });

  it("answers 404 for an unknown run", async () => {
    const response = await exportOf("no-such-run", "?format=md");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "NOT_FOUND", message: 'No search run with id "no-such-run"' },
    });
  });

  it.each(["?format=pdf", "?format=", "", "?format=MD"])(
    "answers 400 naming the format for %j",
    async (query) => {
      const response = await exportOf(run.runId, query);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; field: string; message: string } };
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.field).toBe("format");
      expect(body.error.message).toMatch(/format/);
    },
  );

  it("answers 400 naming the run id when it cannot be one", async () => {
    const response = await exportOf("x".repeat(101), "?format=md");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe("runId");
  });
});
