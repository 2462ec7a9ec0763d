import { searchLimitKey } from "@/server/auth/resolve-viewer";
import { AppError } from "@/server/errors";
import { listDigestsForPage } from "@/server/watches/list-digests-for-page";
import { startWatchRun } from "@/server/watches/start-watch-run";
import {
  createWatch,
  deleteWatch,
  getOwnWatch,
  listWatches,
  updateWatch,
} from "@/server/watches/watch-store";
import {
  digestListSchema,
  watchCreateInputSchema,
  watchDigestsInputSchema,
  watchIdInputSchema,
  watchListSchema,
  watchRunStartedSchema,
  watchSchema,
  watchUpdateInputSchema,
} from "@/shared/watches";
import { createTRPCRouter, userProcedure } from "../trpc";

export const watchesRouter = createTRPCRouter({
  list: userProcedure.output(watchListSchema).query(({ ctx }) =>
    listWatches({
      db: ctx.deps.db,
      logger: ctx.deps.logger,
      userId: ctx.viewer.userId,
      now: ctx.deps.clock(),
    }),
  ),

  create: userProcedure
    .input(watchCreateInputSchema)
    .output(watchSchema)
    .mutation(({ ctx, input }) =>
      createWatch({
        db: ctx.deps.db,
        logger: ctx.deps.logger,
        userId: ctx.viewer.userId,
        input,
        now: ctx.deps.clock(),
      }),
    ),

  update: userProcedure
    .input(watchUpdateInputSchema)
    .output(watchSchema)
    .mutation(({ ctx, input }) =>
      updateWatch({
        db: ctx.deps.db,
        logger: ctx.deps.logger,
        userId: ctx.viewer.userId,
        input,
        now: ctx.deps.clock(),
      }),
    ),

  delete: userProcedure
    .input(watchIdInputSchema)
    .output(watchSchema)
    .mutation(({ ctx, input }) =>
      deleteWatch({
        db: ctx.deps.db,
        logger: ctx.deps.logger,
        userId: ctx.viewer.userId,
        watchId: input.watchId,
        now: ctx.deps.clock(),
      }),
    ),

  runNow: userProcedure
    .input(watchIdInputSchema)
    .output(watchRunStartedSchema)
    .mutation(async ({ ctx, input }) => {
      const { deps, viewer } = ctx;
      const watch = await getOwnWatch({
        db: deps.db,
        logger: deps.logger,
        userId: viewer.userId,
        watchId: input.watchId,
      });
      const started = await startWatchRun({
        deps,
        watch,
        slotAt: deps.clock(),
        kind: "manual",
        clientKey: searchLimitKey({ auth: deps.auth, viewer, clientIp: ctx.clientIp }),
      });
      if (started.outcome !== "started") {
        throw new AppError("CONFLICT", "This watch was just started. Wait for its run, then try again.");
      }
      return { runId: started.runId, status: "running" as const };
    }),

  digests: userProcedure
    .input(watchDigestsInputSchema)
    .output(digestListSchema)
    .query(({ ctx, input }) =>
      listDigestsForPage({
        db: ctx.deps.db,
        logger: ctx.deps.logger,
        userId: ctx.viewer.userId,
        watchId: input.watchId,
        limit: input.limit,
      }),
    ),
});
