import { describe, expect, it } from "vitest";
import { listFilteredOut } from "@/server/pipeline/filter-stages";
import { FILTERED_OUT_MAX } from "@/shared/runs";

describe("listFilteredOut", () => {
  const drops = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => ({
      repo: `o/${prefix}-${index}`,
      reason: `Reason ${index}.`,
    }));

  it("lists the metadata stage's drops, then the README stage's", () => {
    expect(listFilteredOut(drops("meta", 2), drops("readme", 1))).toEqual([
      { repo: "o/meta-0", reason: "Reason 0." },
      { repo: "o/meta-1", reason: "Reason 1." },
      { repo: "o/readme-0", reason: "Reason 0." },
    ]);
  });

  it(`holds at most ${FILTERED_OUT_MAX}, keeping the README stage's drops when it cuts`, () => {
    const listed = listFilteredOut(drops("meta", 500), drops("readme", 3));
    expect(listed).toHaveLength(FILTERED_OUT_MAX);
    expect(listed.slice(-3).map((entry) => entry.repo)).toEqual(["o/readme-0", "o/readme-1", "o/readme-2"]);
    expect(listed[FILTERED_OUT_MAX - 4]?.repo).toBe(`o/meta-${FILTERED_OUT_MAX - 4}`);
    expect(listFilteredOut([], drops("readme", 300))).toHaveLength(FILTERED_OUT_MAX);
  });

  it("passes on only the repository and the reason", () => {
    expect(listFilteredOut([{ repo: "o/a", reason: "Why.", extra: true } as never])).toEqual([
      { repo: "o/a", reason: "Why." },
    ]);
  });
});
