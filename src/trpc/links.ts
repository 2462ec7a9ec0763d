import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

export type EventSourceConstructor = typeof globalThis.EventSource;

/** Queries and mutations batch over HTTP; subscriptions stream over SSE (contract.md, Transport). */
export function createScoutLinks(
  url: string,
  options: { EventSource?: EventSourceConstructor } = {},
): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url, EventSource: options.EventSource }),
      false: httpBatchLink({ url }),
    }),
  ];
}
