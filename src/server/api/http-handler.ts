import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { resolveClientIp } from "@/server/client-ip";
import { AppError } from "@/server/errors";
import type { AppDependencies } from "@/server/app-dependencies";
import { appRouter } from "./root";

/** Serves the tRPC API over the Fetch API: the Next.js route and the HTTP tests share it. */
export function handleTrpcRequest({
  req,
  deps,
  endpoint = "/api/trpc",
}: {
  req: Request;
  deps: AppDependencies;
  endpoint?: string;
}) {
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    createContext: () => ({
      deps,
      clientIp: resolveClientIp({ headers: req.headers, trustProxy: deps.env.SCOUT_TRUST_PROXY }),
    }),
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
