import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { peerAddressHeader } from "@/server/client-ip";
import { isAllowedHost, type HostAllowlist } from "./host-allowlist";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export const misdirectedRequestMessage =
  "This server does not answer to that host name. To reach GitHub Scout by another name, add it to " +
  "SCOUT_ALLOWED_HOSTS.";

/**
 * The HTTP server in front of the app (scripts/start.ts; the API tests serve through it too). It refuses
 * requests for host names it does not answer (DNS rebinding) before the app sees them, and stamps the
 * socket address for the rate limiter, overwriting any client-sent value.
 */
export function createAppServer({
  allowedHosts,
  handle,
}: {
  allowedHosts: HostAllowlist;
  handle: RequestHandler;
}): Server {
  return createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, allowedHosts)) {
      // 421 Misdirected Request: this server is not the one the name was meant for.
      res.writeHead(421, {
        "Content-Type": "text/plain; charset=utf-8",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
        Connection: "close",
      });
      res.end(misdirectedRequestMessage);
      return;
    }
    req.headers[peerAddressHeader] = req.socket.remoteAddress ?? "";
    void handle(req, res);
  });
}
