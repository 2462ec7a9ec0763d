import { tracked, TRPCError } from "@trpc/server";
import { describeConfig } from "@/server/app-dependencies";
import { cancelSearch } from "@/server/pipeline/cancel-search";
import { startSearch } from "@/server/pipeline/start-search";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { getRunResult, getRunStatus, listRuns } from "@/server/runs/run-store";
import { streamInputSchema } from "@/shared/events";
import { searchFiltersSchema } from "@/shared/filters";
import { runIdInputSchema, runsInputSchema } from "@/shared/runs";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const scoutRouter = createTRPCRouter({
  config: publicProcedure.query(({ ctx }) => describeConfig(ctx.deps)),

  search: publicProcedure
    .input(searchFiltersSchema)
    .mutation(({ ctx, input }) => startSearch({ deps: ctx.deps, filters: input, clientIp: ctx.clientIp })),

  stream: publicProcedure.input(streamInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const { db, registry, logger } = ctx.deps;
    // Thrown directly: errors of a subscription do not pass through the AppError middleware.
    if (!(await getRunStatus({ db, logger, runId: input.runId }))) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `No search run with id ${JSON.stringify(input.runId)}`,
      });
    }
    const afterSeq = input.lastEventId ? Number(input.lastEventId) : 0;
    for await (const { seq, event } of streamRunEvents({
      db,
      logger,
      registry,
      runId: input.runId,
      afterSeq,
      signal,
    })) {
      yield tracked(String(seq), event);
    }
  }),

  results: publicProcedure
    .input(runIdInputSchema)
    .query(({ ctx, input }) => getRunResult({ ...ctx.deps, runId: input.runId })),

  cancel: publicProcedure
    .input(runIdInputSchema)
    .mutation(({ ctx, input }) => cancelSearch({ deps: ctx.deps, runId: input.runId })),

  runs: publicProcedure
    .input(runsInputSchema)
    .query(({ ctx, input }) => listRuns({ ...ctx.deps, limit: input.limit, cursor: input.cursor })),
});
