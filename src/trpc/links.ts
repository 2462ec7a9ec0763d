import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { MAX_BATCH_SIZE } from "@/lib/transport-limits";

export type EventSourceConstructor = typeof globalThis.EventSource;

export type ScoutLinkOptions = {
  EventSource?: EventSourceConstructor;
  /**
   * Extra request headers, for Node callers (a proxy's forwarded-for, an authorization header). Browsers send
   * their own; their EventSource cannot send headers, and ignores the option.
   */
  headers?: Record<string, string>;
};

/** Queries and mutations batch over HTTP; subscriptions stream over SSE (docs/api.md, Transport). */
export function createScoutLinks(url: string, options: ScoutLinkOptions = {}): TRPCLink<AppRouter>[] {
  const { headers } = options;
  return [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({
        url,
        EventSource: options.EventSource,
        // The `eventsource` package reads its requests' headers from the fetch it is given (an option the
        // DOM's EventSourceInit does not declare).
        ...(headers
          ? { eventSourceOptions: () => ({ fetch: withHeaders(headers) }) as EventSourceInit }
          : {}),
      }),
      // Longer batches are split rather than refused by the server.
      false: httpBatchLink({ url, maxItems: MAX_BATCH_SIZE, ...(headers ? { headers } : {}) }),
    }),
  ];
}

function withHeaders(headers: Record<string, string>): typeof fetch {
  return (input, init) =>
    fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), ...headers } });
}
