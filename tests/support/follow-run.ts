import type { ScoutClient } from "@/client";
import type { ScoutEvent } from "@/shared/events";
import { terminalEventTypes } from "@/shared/events";

/** A run's events through a client's subscription, from its first to its terminal one. */
export function followRunToEnd(client: ScoutClient, runId: string): Promise<ScoutEvent[]> {
  const terminal = new Set<ScoutEvent["type"]>(terminalEventTypes);
  return new Promise((resolve, reject) => {
    const received: ScoutEvent[] = [];
    const subscription = client.scout.stream.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          received.push(data);
          if (!terminal.has(data.type)) return;
          subscription.unsubscribe();
          resolve(received);
        },
        onError: reject,
      },
    );
  });
}
