import "server-only";
import { dehydrate, HydrationBoundary, type QueryExecuteOptions, type QueryKey } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, createElement, type ReactNode } from "react";
import { appRouter } from "@/server/api/root";
import type { TrpcContext } from "@/server/api/trpc";
import { resolveClientIp } from "@/server/client-ip";
import { getAppDependencies } from "@/server/app-dependencies";
import { resolveViewer } from "@/server/auth/resolve-viewer";
import { makeQueryClient } from "./query-client";

/**
 * tRPC for React Server Components: pages prefetch queries straight through the router (no HTTP round
 * trip) with the same query keys the browser uses, and hand the results to the browser's cache through
 * <HydrateClient>, so the first HTML already shows the data. The one place pages reach the server's dependencies.
 */

const createContext = cache(async (): Promise<TrpcContext> => {
  const { deps, ready } = getAppDependencies();
  await ready;
  const requestHeaders = await headers();
  return {
    deps,
    clientIp: resolveClientIp({ headers: requestHeaders, trustProxy: deps.env.SCOUT_TRUST_PROXY }),
    viewer: await resolveViewer({ auth: deps.auth, db: deps.db, headers: requestHeaders, now: deps.clock() }),
  };
});

/** Who is asking for the page: the local user when nobody signs in, else the signed-in person or null. */
export async function getViewer() {
  return (await createContext()).viewer;
}

/** Whether people sign in here (the accounts mode), and whether this request's person has. */
export async function getSignIn(): Promise<{ on: boolean; signedIn: boolean }> {
  const { deps, viewer } = await createContext();
  return { on: deps.auth !== null, signedIn: deps.auth !== null && viewer !== null };
}

// One query client per request: React's cache() scopes it to the render of that request.
const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createContext,
  queryClient: getQueryClient,
});

/**
 * Runs one query on the server into this request's cache. A query that fails is left out; the browser then
 * fetches it itself and shows its own error, as it would without server rendering.
 */
export async function prefetch<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
  options: QueryExecuteOptions<TQueryFnData, TError, TData, TQueryFnData, TQueryKey>,
): Promise<void> {
  await getQueryClient()
    .query(options)
    .catch(() => undefined);
}

/** Passes what this request prefetched to the browser's query cache. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return createElement(HydrationBoundary, { state: dehydrate(getQueryClient()) }, children);
}
