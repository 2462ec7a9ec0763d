import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { MAX_BATCH_SIZE } from "@/lib/transport-limits";

export type EventSourceConstructor = typeof globalThis.EventSource;

/** Queries and mutations batch over HTTP; subscriptions stream over SSE (docs/api.md, Transport). */
export function createScoutLinks(
  url: string,
  options: { EventSource?: EventSourceConstructor } = {},
): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url, EventSource: options.EventSource }),
      // Longer batches are split rather than refused by the server.
      false: httpBatchLink({ url, maxItems: MAX_BATCH_SIZE }),
    }),
  ];
}
