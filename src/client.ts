import { createTRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { createScoutLinks, type EventSourceConstructor } from "@/trpc/links";

export type { AppRouter };

/**
 * A typed client of the Scout API for other TypeScript code. Node 20 has no global EventSource, so pass one
 * (for example the `eventsource` package) to use subscriptions.
 */
export function createScoutClient(baseUrl: string, opts: { EventSource?: EventSourceConstructor } = {}) {
  const url = new URL("/api/trpc", baseUrl).toString();
  return createTRPCClient<AppRouter>({ links: createScoutLinks(url, opts) });
}

export type ScoutClient = ReturnType<typeof createScoutClient>;
