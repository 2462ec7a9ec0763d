import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAnnouncementThrottle } from "@/lib/announcement-throttle";

describe("createAnnouncementThrottle", () => {
  let spoken: { at: number; text: string }[];

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    spoken = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const start = () =>
    createAnnouncementThrottle({
      intervalMs: 3000,
      emit: (text) => spoken.push({ at: Date.now(), text }),
    });

  it("says the first message at once", () => {
    start().announce("Searching GitHub...");
    expect(spoken).toEqual([{ at: 0, text: "Searching GitHub..." }]);
  });

  it("says at most one message per interval, and then only the newest of those that waited", () => {
    const throttle = start();
    throttle.announce("Searching GitHub...");
    vi.advanceTimersByTime(500);
    throttle.announce("Discovered 120 repositories");
    vi.advanceTimersByTime(500);
    throttle.announce("Analyzed 8/24 repos...");
    vi.advanceTimersByTime(500);
    throttle.announce("Analyzed 16/24 repos...");
    vi.advanceTimersByTime(5000);
    expect(spoken).toEqual([
      { at: 0, text: "Searching GitHub..." },
      { at: 3000, text: "Analyzed 16/24 repos..." },
    ]);
  });

  it("says a message that comes after a quiet interval at once", () => {
    const throttle = start();
    throttle.announce("Searching GitHub...");
    vi.advanceTimersByTime(4000);
    throttle.announce("Analyzed 8/24 repos...");
    expect(spoken.map((entry) => entry.at)).toEqual([0, 4000]);
  });

  it("does not repeat what it just said", () => {
    const throttle = start();
    throttle.announce("Analyzed 8/24 repos...");
    vi.advanceTimersByTime(1000);
    throttle.announce("Analyzed 16/24 repos...");
    throttle.announce("Analyzed 8/24 repos...");
    vi.advanceTimersByTime(5000);
    throttle.announce("Analyzed 8/24 repos...");
    expect(spoken.map((entry) => entry.text)).toEqual(["Analyzed 8/24 repos..."]);
  });

  it("says the final outcome at once, drops what was waiting, and says nothing after it", () => {
    const throttle = start();
    throttle.announce("Searching GitHub...");
    vi.advanceTimersByTime(1000);
    throttle.announce("Analyzed 24/24 repos...");
    throttle.announceFinal("Search finished: 12 repositories ranked.");
    throttle.announce("Analyzed 24/24 repos...");
    vi.advanceTimersByTime(10_000);
    expect(spoken).toEqual([
      { at: 0, text: "Searching GitHub..." },
      { at: 1000, text: "Search finished: 12 repositories ranked." },
    ]);
  });

  it("says nothing once disposed", () => {
    const throttle = start();
    throttle.announce("Searching GitHub...");
    throttle.announce("Discovered 120 repositories");
    throttle.dispose();
    vi.advanceTimersByTime(10_000);
    expect(spoken.map((entry) => entry.text)).toEqual(["Searching GitHub..."]);
  });
});
