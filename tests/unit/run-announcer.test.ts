import { describe, expect, it } from "vitest";
import { describeOutcomeForListeners } from "@/components/run/run-announcer";

describe("describeOutcomeForListeners", () => {
  const base = { message: "", ranked: 0, skipped: 0 };

  it("says nothing while the run goes on", () => {
    expect(describeOutcomeForListeners({ ...base, outcome: "running" })).toBeNull();
  });

  it("counts what was ranked, and what could not be analyzed", () => {
    expect(describeOutcomeForListeners({ ...base, outcome: "completed", ranked: 1 })).toBe(
      "Search finished: 1 repository ranked.",
    );
    expect(describeOutcomeForListeners({ ...base, outcome: "completed", ranked: 12, skipped: 8 })).toBe(
      "Search finished: 12 repositories ranked. 8 repositories could not be analyzed.",
    );
  });

  it("passes on why a search found nothing or failed", () => {
    const empty = "No repositories found. Try broadening your filters.";
    expect(describeOutcomeForListeners({ ...base, outcome: "empty", message: empty })).toBe(empty);
    expect(
      describeOutcomeForListeners({
        ...base,
        outcome: "failed",
        message: "The LLM server rejected the API key.",
      }),
    ).toBe("The search did not finish. The LLM server rejected the API key.");
  });

  it("says what a cancelled search kept", () => {
    expect(describeOutcomeForListeners({ ...base, outcome: "cancelled", ranked: 0 })).toBe(
      "Search cancelled. 0 ranked repositories kept.",
    );
    expect(describeOutcomeForListeners({ ...base, outcome: "cancelled", ranked: 1 })).toBe(
      "Search cancelled. 1 ranked repository kept.",
    );
  });
});
