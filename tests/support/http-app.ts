import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleTrpcRequest } from "@/server/api/http-handler";
import { createAppServer, type RequestHandler } from "@/server/http/app-server";
import { resolveAllowedHosts } from "@/server/http/host-allowlist";
import type { AppDependencies } from "@/server/app-dependencies";
import { publicUrlOf } from "@/server/auth/auth-from-env";
import { authBasePath } from "@/server/auth/create-auth";
import { handleFeedRequest } from "@/server/watches/handle-feed-request";
import { handleUnsubscribeRequest } from "@/server/watches/handle-unsubscribe-request";

/** The one path segment after `prefix`, decoded as Next.js decodes route parameters; null for other paths. */
function segmentAfter(prefix: string, pathname: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const segment = pathname.slice(prefix.length);
  if (segment === "" || segment.includes("/")) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The handlers the app's routes call, chosen by path as the app's file routes choose them. */
async function routeRequest(request: Request, deps: AppDependencies): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (deps.auth && pathname.startsWith(`${authBasePath}/`)) return deps.auth.handler(request);
  const feedFile = segmentAfter("/feeds/", pathname);
  if (feedFile !== null) {
    return handleFeedRequest({
      req: request,
      file: feedFile,
      db: deps.db,
      logger: deps.logger,
      publicBaseUrl: publicUrlOf(deps.env),
    });
  }
  const unsubscribeToken = segmentAfter("/unsubscribe/", pathname);
  if (unsubscribeToken !== null) {
    return handleUnsubscribeRequest({
      req: request,
      token: unsubscribeToken,
      db: deps.db,
      logger: deps.logger,
      clock: deps.clock,
    });
  }
  return handleTrpcRequest({ req: request, deps });
}

/**
 * The app's tRPC handler on a real HTTP port, behind the same front server as scripts/start.ts: the Host
 * allowlist of the env, and the socket address stamped for the rate limiter. In the accounts mode it serves
 * sign-in under /api/auth as the app does; watches' feeds and unsubscribe links are served at their paths. On a free port unless `port` is given.
 */
export async function serveApi(
  deps: AppDependencies,
  { port = 0 }: { port?: number } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const bridgeToFetch: RequestHandler = async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(", "));
    }
    const abort = new AbortController();
    res.on("close", () => {
      abort.abort();
    });
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
      method: req.method,
      headers,
      signal: abort.signal,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    });
    const response = await routeRequest(request, deps);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
    } catch {
      // The client went away mid-stream.
    }
    res.end();
  };
  const allowedHosts = resolveAllowedHosts({
    host: deps.env.HOST,
    configured: deps.env.SCOUT_ALLOWED_HOSTS,
  });
  const server = createAppServer({ allowedHosts, handle: bridgeToFetch });
  // Idle connections outlive the client's own keep-alive, so no request goes down a closing socket.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const listening = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${listening}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
