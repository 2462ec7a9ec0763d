import { afterEach, describe, expect, it } from "vitest";
import { defaultActiveSince, formatRelativeTime, formatTimeToFirstResult } from "@/lib/dates";
import { resolvePushedAfter } from "@/shared/search-query";

const originalTimeZone = process.env.TZ;

afterEach(() => {
  process.env.TZ = originalTimeZone;
});

describe("defaultActiveSince", () => {
  it("gives the search form and the server's query the same day at a month end", () => {
    const today = new Date("2025-08-31T12:00:00Z");
    const browser = defaultActiveSince(today);
    const server = resolvePushedAfter({ pushedAfter: null, today });
    expect(browser).toBe("2025-02-28");
    expect(server).toBe(browser);
  });

  it("clamps to 29 February in a leap year and keeps the day otherwise", () => {
    expect(defaultActiveSince(new Date("2024-08-31T00:00:00Z"))).toBe("2024-02-29");
    expect(defaultActiveSince(new Date("2026-03-15T08:00:00Z"))).toBe("2025-09-15");
  });

  it("counts from the UTC day whatever the machine's time zone", () => {
    const lateEvening = new Date("2025-08-31T23:30:00Z");
    for (const zone of ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"]) {
      process.env.TZ = zone;
      expect(defaultActiveSince(lateEvening), zone).toBe("2025-02-28");
    }
  });

  it("refuses an invalid date instead of naming a wrong day", () => {
    expect(() => defaultActiveSince(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("formatRelativeTime", () => {
  const now = new Date("2026-06-15T12:00:00Z");

  it("names the largest whole unit", () => {
    expect(formatRelativeTime("2026-05-25T12:00:00Z", now)).toBe("3 weeks ago");
    expect(formatRelativeTime("2026-03-10T12:00:00Z", now)).toBe("3 months ago");
    expect(formatRelativeTime("2023-06-01T12:00:00Z", now)).toBe("3 years ago");
    expect(formatRelativeTime("2026-06-15T09:00:00Z", now)).toBe("3 hours ago");
  });

  it("says yesterday and last week rather than 1 day ago", () => {
    expect(formatRelativeTime("2026-06-14T11:00:00Z", now)).toBe("yesterday");
    expect(formatRelativeTime("2026-06-07T12:00:00Z", now)).toBe("last week");
  });

  it("reads future dates and the present moment", () => {
    expect(formatRelativeTime("2026-06-17T12:00:00Z", now)).toBe("in 2 days");
    expect(formatRelativeTime("2026-06-15T11:59:30Z", now)).toBe("just now");
  });

  it("says unknown for a missing or unreadable date", () => {
    expect(formatRelativeTime(null, now)).toBe("unknown");
    expect(formatRelativeTime("someday", now)).toBe("unknown");
  });
});

describe("formatTimeToFirstResult", () => {
  const start = "2026-11-29T10:00:00.000Z";
  it("says how long the first result took, in the unit that reads best", () => {
    expect(formatTimeToFirstResult(start, "2026-11-29T10:00:00.420Z")).toBe("0.4 s");
    expect(formatTimeToFirstResult(start, "2026-11-29T10:00:12.600Z")).toBe("13 s");
    expect(formatTimeToFirstResult(start, "2026-11-29T10:02:05.000Z")).toBe("2 min 5 s");
    expect(formatTimeToFirstResult(start, "2026-11-29T10:00:59.700Z")).toBe("1 min 0 s");
  });

  it("gives nothing for an unreadable moment or a clock that went back", () => {
    expect(formatTimeToFirstResult(start, "not a date")).toBeNull();
    expect(formatTimeToFirstResult(start, "2026-11-29T09:59:59.000Z")).toBeNull();
  });
});
