"use client";

import { formatDateTime } from "@/lib/format";
import { useHydrated } from "@/lib/use-hydrated";

/**
 * A moment in the reader's own time zone. The server does not know that zone, so the server's HTML (and the
 * hydration that must match it) says the time in UTC, and the browser then switches to local time.
 */
export function LocalDateTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={iso} className={className}>
      {hydrated ? formatDateTime(iso) : `${formatDateTime(iso, { timeZone: "UTC" })} UTC`}
    </time>
  );
}
