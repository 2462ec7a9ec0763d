import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { resolveClientIp } from "@/server/client-ip";
import { getServerServices } from "@/server/services";

// Subscriptions hold the response open; the Node.js runtime is required for SQLite anyway.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => {
      const services = getServerServices();
      return { services, clientIp: resolveClientIp({ headers: req.headers, trustProxy: services.env.SCOUT_TRUST_PROXY }) };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "<no path>"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
