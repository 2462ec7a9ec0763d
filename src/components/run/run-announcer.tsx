"use client";

import { useEffect, useRef, useState } from "react";
import {
  CALM_ANNOUNCEMENT_INTERVAL_MS,
  createAnnouncementThrottle,
  type AnnouncementThrottle,
} from "@/lib/announcement-throttle";
import { formatCountOf } from "@/lib/words";
import type { RunOutcome } from "./run-state";

/** The run's end in one sentence for someone who cannot see the page change; null while it runs. */
export function describeOutcomeForListeners({
  outcome,
  message,
  ranked,
  skipped,
}: {
  outcome: RunOutcome;
  /** The terminal event's message. */
  message: string;
  ranked: number;
  skipped: number;
}): string | null {
  switch (outcome) {
    case "running":
      return null;
    case "completed": {
      const done = `Search finished: ${formatCountOf(ranked, "repository", "repositories")} ranked.`;
      if (skipped === 0) return done;
      return `${done} ${formatCountOf(skipped, "repository", "repositories")} could not be analyzed.`;
    }
    case "empty":
      return message;
    case "failed":
      return `The search did not finish. ${message}`;
    case "cancelled":
      return `Search cancelled. ${formatCountOf(ranked, "ranked repository", "ranked repositories")} kept.`;
  }
}

/**
 * The run's polite live region: phase changes and "Analyzed x/y" at a pace a listener can follow
 * (CALM_ANNOUNCEMENT_INTERVAL_MS), then the outcome. What the page already showed when it opened is not news, so a
 * finished run opened from the history says nothing.
 */
export function RunAnnouncer({ message, outcome }: { message: string; outcome: string | null }) {
  const [spoken, setSpoken] = useState("");
  const throttle = useRef<AnnouncementThrottle | null>(null);
  const [atOpen] = useState({ message, outcome });

  useEffect(() => {
    const created = createAnnouncementThrottle({
      intervalMs: CALM_ANNOUNCEMENT_INTERVAL_MS,
      emit: setSpoken,
    });
    throttle.current = created;
    return () => {
      created.dispose();
    };
  }, []);

  useEffect(() => {
    if (atOpen.outcome !== null || (message === atOpen.message && outcome === null)) return;
    if (outcome !== null) throttle.current?.announceFinal(outcome);
    else throttle.current?.announce(message);
  }, [atOpen, message, outcome]);

  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="run-announcer"
    >
      {spoken}
    </div>
  );
}
