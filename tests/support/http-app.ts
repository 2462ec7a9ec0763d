import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleTrpcRequest } from "@/server/api/http-handler";
import { peerAddressHeader } from "@/server/client-ip";
import type { AppDependencies } from "@/server/app-dependencies";

/** Answers one request through the app's tRPC handler, streaming the body (SSE included) as it comes. */
async function answer(deps: AppDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  headers.set(peerAddressHeader, req.socket.remoteAddress ?? "");
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
  const response = await handleTrpcRequest({ req: request, deps });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
  } catch {
    // The client went away mid-stream.
  }
  res.end();
}

/** The app's tRPC handler on a real HTTP port, stamping the socket address as scripts/start.ts does. */
export async function serveApi(deps: AppDependencies): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    answer(deps, req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
