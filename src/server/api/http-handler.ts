import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_BATCH_SIZE, MAX_REQUEST_BODY_BYTES } from "@/lib/transport-limits";
import { resolveClientIp } from "@/server/client-ip";
import { AppError } from "@/server/errors";
import type { AppDependencies } from "@/server/app-dependencies";
import { resolveViewer } from "@/server/auth/resolve-viewer";
import { appRouter } from "./root";

export const bodyTooLargeMessage = `The request is too large: at most ${MAX_REQUEST_BODY_BYTES / 1024} KB.`;
export const crossSiteWriteMessage = "Changes can only be made from GitHub Scout's own pages.";

/**
 * A change asked for by another site's page: browsers name the page's origin on every POST, and a page of
 * this app names this host. Clients that are not browsers send no Origin and are not affected. Compared by
 * host, so a proxy that ends TLS in front of the app does not matter.
 */
function isCrossSiteWrite(req: Request): boolean {
  if (req.method !== "POST") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  const host = req.headers.get("host") ?? new URL(req.url).host;
  return !URL.canParse(origin) || new URL(origin).host !== host;
}

/** Serves the tRPC API over the Fetch API: the Next.js route and the HTTP tests share it. */
export async function handleTrpcRequest({
  req,
  deps,
  endpoint = "/api/trpc",
}: {
  req: Request;
  deps: AppDependencies;
  endpoint?: string;
}): Promise<Response> {
  if (isCrossSiteWrite(req)) {
    if (req.body) void discardRestOfBody(req.body.getReader());
    return refuseUnread({
      req,
      deps,
      endpoint,
      error: new TRPCError({ code: "FORBIDDEN", message: crossSiteWriteMessage }),
    });
  }
  const body = await readBodyWithinLimit(req, MAX_REQUEST_BODY_BYTES);
  if (body.kind === "too-large") return refuseOversizeBody({ req, deps, endpoint });
  const request =
    body.kind === "read"
      ? new Request(req.url, {
          method: req.method,
          headers: req.headers,
          body: body.bytes,
          signal: req.signal,
        })
      : req;
  return serveTrpc({ req: request, deps, endpoint });
}

function serveTrpc({
  req,
  deps,
  endpoint,
  refuseWith,
}: {
  req: Request;
  deps: AppDependencies;
  endpoint: string;
  /** Fails every call of the request with this error before any input is read. */
  refuseWith?: TRPCError;
}) {
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: async () => {
      if (refuseWith) throw refuseWith;
      return {
        deps,
        clientIp: resolveClientIp({ headers: req.headers, trustProxy: deps.env.SCOUT_TRUST_PROXY }),
        viewer: await resolveViewer({
          auth: deps.auth,
          db: deps.db,
          headers: req.headers,
          now: deps.clock(),
        }),
      };
    },
    responseMeta({ errors }) {
      // Rate-limited answers tell HTTP clients when to come back, as well as the error's data does.
      const retryAfter = errors
        .map((error) => (error.cause instanceof AppError ? error.cause.retryAfterSeconds : undefined))
        .find(Boolean);
      return retryAfter ? { headers: new Headers({ "Retry-After": String(retryAfter) }) } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        deps.logger.error(`tRPC ${path ?? "<no path>"} failed`, error.cause ?? error);
    },
  });
}

type BodyRead = { kind: "none" } | { kind: "read"; bytes: Uint8Array<ArrayBuffer> } | { kind: "too-large" };

/**
 * Reads the body only up to the limit: a declared Content-Length over it is refused unread, and a streamed
 * (chunked) body is counted as it arrives and refused once over, so no request can make the server hold
 * more than the limit in memory.
 */
async function readBodyWithinLimit(req: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) {
    if (req.body) void discardRestOfBody(req.body.getReader());
    return { kind: "too-large" };
  }
  if (!req.body) return { kind: "none" };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      void discardRestOfBody(reader);
      return { kind: "too-large" };
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: "read", bytes };
}

/** How much of a refused body is read and dropped, at most, before the connection is cut. */
const DISCARD_MAX_BYTES = 8 * 1024 * 1024;
const DISCARD_MAX_MS = 5_000;

/**
 * A "lingering close" for a refused body: reads and drops the rest for a bounded amount and time, so the
 * client reads the 413 before the connection goes, and a short body ends cleanly for the next request on
 * the connection. Past the bound the body is cancelled, which cuts the connection. Never buffers.
 */
async function discardRestOfBody(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = setTimeout(() => void reader.cancel().catch(() => undefined), DISCARD_MAX_MS);
  try {
    let discarded = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      discarded += chunk.value.byteLength;
      if (discarded > DISCARD_MAX_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client hung up first.
  } finally {
    clearTimeout(deadline);
  }
}

/**
 * Every call of the request refused with `error`, in tRPC's own error shape so clients show the message,
 * without reading any of its input.
 */
function refuseUnread({
  req,
  deps,
  endpoint,
  error,
}: {
  req: Request;
  deps: AppDependencies;
  endpoint: string;
  error: TRPCError;
}): Promise<Response> {
  const bodiless = new Request(req.url, {
    method: req.method,
    headers: { "content-type": "application/json" },
    signal: req.signal,
  });
  return serveTrpc({ req: bodiless, deps, endpoint, refuseWith: error });
}

/** A 413 for a body over the limit. */
async function refuseOversizeBody(options: { req: Request; deps: AppDependencies; endpoint: string }) {
  const refused = await refuseUnread({
    ...options,
    error: new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: bodyTooLargeMessage }),
  });
  return new Response(refused.body, { status: 413, headers: refused.headers });
}
