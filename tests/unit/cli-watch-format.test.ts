import { describe, expect, it } from "vitest";
import { formatSchedule, formatWatchesTable } from "@/cli/format";
import type { Watch } from "@/shared/watches";

/** How `scout watch list` words a watch's schedule, last run and health. */

const watch: Watch = {
  id: "w-1",
  name: "Rust CLIs",
  filters: {
    languages: ["Rust"],
    minStars: 10,
    maxStars: 500_000,
    topics: [],
    pushedAfter: null,
    license: null,
    query: "",
    requireStarterIssues: false,
  },
  profile: { languages: ["Rust"], topics: [], skillLevel: "beginner", goals: "" },
  schedule: { kind: "daily", hour: 7, timeZone: "UTC" },
  emailTo: null,
  feedPath: "/feeds/secret.atom",
  nextRunAt: "2025-06-02T07:00:00.000Z",
  lastRun: null,
  health: { consecutiveFailures: 0, backoffUntil: null, lastError: null },
  createdAt: "2025-06-01T12:00:00.000Z",
  updatedAt: "2025-06-01T12:00:00.000Z",
};

/** The table's one data row, its cells trimmed. */
function rowOf(listed: Watch): string[] {
  const lines = formatWatchesTable([listed]).split("\n");
  const row = lines.find((line) => line.includes(listed.id)) ?? "";
  return row
    .split("│")
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe("scout watch list's words", () => {
  it.each([
    [{ kind: "daily", hour: 7, timeZone: "UTC" }, "every day at 07:00 (UTC)"],
    [
      { kind: "weekly", weekday: "friday", hour: 18, timeZone: "Asia/Tokyo" },
      "every Friday at 18:00 (Asia/Tokyo)",
    ],
    [
      { kind: "cron", expression: "0 9 * * 1-5", timeZone: "Europe/Berlin" },
      'cron "0 9 * * 1-5" (Europe/Berlin)',
    ],
  ] as const)("%j reads %s", (schedule, words) => {
    expect(formatSchedule(schedule)).toBe(words);
  });

  it("says when a watch never ran, and that it is healthy", () => {
    expect(rowOf(watch).slice(4)).toEqual(["never", "ok", "—"]);
  });

  it("says a watch whose runs keep failing is backing off, and until when", () => {
    const failing: Watch = {
      ...watch,
      lastRun: { runId: "r-1", slotAt: watch.createdAt, kind: "scheduled", status: "failed" },
      health: {
        consecutiveFailures: 3,
        backoffUntil: "2025-06-04T07:00:00.000Z",
        lastError: "Bad credentials",
      },
    };
    const [, , , , lastRun, health] = rowOf(failing);
    expect(lastRun).toBe("failed");
    expect(health).toMatch(/^backing off until 2025-06-0[34] \d\d:00$/);
  });

  it("counts failures before the backoff, and names a slot refused before its run started", () => {
    const refused: Watch = {
      ...watch,
      emailTo: "dev@example.com",
      lastRun: { runId: null, slotAt: watch.createdAt, kind: "scheduled", status: null },
      health: { consecutiveFailures: 1, backoffUntil: null, lastError: "Sign in to GitHub again" },
    };
    expect(rowOf(refused).slice(4)).toEqual(["refused", "1 failed run in a row", "dev@example.com"]);
    const manual: Watch = {
      ...watch,
      lastRun: { runId: "r-2", slotAt: watch.createdAt, kind: "manual", status: "completed" },
    };
    expect(rowOf(manual)[4]).toBe("completed (manual)");
  });
});
