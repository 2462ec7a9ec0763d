import { apiTokensRouter } from "./routers/api-tokens";
import { watchesRouter } from "./routers/watches";
import { profileRouter } from "./routers/profile";
import { reposRouter } from "./routers/repos";
import { scoutRouter } from "./routers/scout";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  profile: profileRouter,
  scout: scoutRouter,
  repos: reposRouter,
  apiTokens: apiTokensRouter,
  watches: watchesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
