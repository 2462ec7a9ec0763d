import { createTRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { createScoutLinks, type EventSourceConstructor, type ScoutLinkOptions } from "@/trpc/links";

export type { AppRouter };

export type ScoutClientOptions = ScoutLinkOptions & {
  /**
   * A personal API token (`scout_pat_…`, created on the server's /settings page), for a server in the accounts
   * mode: sent as `Authorization: Bearer …` on every call, subscriptions included. A local server needs none.
   */
  token?: string;
};

/**
 * A typed client of the Scout API for other TypeScript code. Node 20 has no global EventSource, so pass one
 * (for example the `eventsource` package) to use subscriptions.
 */
export function createScoutClient(baseUrl: string, opts: ScoutClientOptions = {}) {
  const url = new URL("/api/trpc", baseUrl).toString();
  const { token, ...linkOptions } = opts;
  const EventSource = opts.EventSource ? silentAfterClose(opts.EventSource) : undefined;
  const headers = token ? { ...opts.headers, ...bearerHeader(token) } : opts.headers;
  return createTRPCClient<AppRouter>({
    links: createScoutLinks(url, { ...linkOptions, EventSource, ...(headers ? { headers } : {}) }),
  });
}

/** The header a personal API token travels in. */
export function bearerHeader(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * The `eventsource` package still dispatches the events of a chunk it has already read after close() (an
 * unsubscribe, say, while a run is streaming). tRPC's consumer then writes them to the stream it closed,
 * and throws where nobody can catch it: an uncaught exception in the caller's process. Events after the
 * caller's own close() are dropped; the library's own failures (which also close) still get through.
 */
function silentAfterClose(Base: EventSourceConstructor): EventSourceConstructor {
  return class extends Base {
    #closedByCaller = false;

    override close(): void {
      this.#closedByCaller = true;
      super.close();
    }

    override dispatchEvent(event: Event): boolean {
      return this.#closedByCaller ? false : super.dispatchEvent(event);
    }
  };
}

export type ScoutClient = ReturnType<typeof createScoutClient>;
