import { tracked, TRPCError } from "@trpc/server";
import { cancelSearch, startSearch } from "@/server/pipeline/search-service";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { getRunResult, getRunStatus, listRuns } from "@/server/runs/run-store";
import { runIdInputSchema, runsInputSchema, searchFiltersSchema, streamInputSchema } from "@/server/schemas";
import { describeConfig } from "@/server/services";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const scoutRouter = createTRPCRouter({
  config: publicProcedure.query(({ ctx }) => describeConfig(ctx.services.env)),

  search: publicProcedure
    .input(searchFiltersSchema)
    .mutation(({ ctx, input }) =>
      startSearch({ services: ctx.services, filters: input, clientIp: ctx.clientIp }),
    ),

  stream: publicProcedure.input(streamInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const { db, registry } = ctx.services;
    // Thrown directly: errors of a subscription do not pass through the AppError middleware.
    if (!(await getRunStatus({ db, runId: input.runId }))) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `No search run with id ${JSON.stringify(input.runId)}`,
      });
    }
    const afterSeq = input.lastEventId ? Number(input.lastEventId) : 0;
    for await (const { seq, event } of streamRunEvents({
      db,
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
    .query(({ ctx, input }) => getRunResult({ db: ctx.services.db, runId: input.runId })),

  cancel: publicProcedure
    .input(runIdInputSchema)
    .mutation(({ ctx, input }) => cancelSearch({ services: ctx.services, runId: input.runId })),

  runs: publicProcedure
    .input(runsInputSchema)
    .query(({ ctx, input }) => listRuns({ db: ctx.services.db, limit: input.limit, cursor: input.cursor })),
});
