import { tracked, TRPCError } from "@trpc/server";
import { describeConfig } from "@/server/app-dependencies";
import { searchLimitKey } from "@/server/auth/resolve-viewer";
import { cancelSearch } from "@/server/pipeline/cancel-search";
import { startSearch } from "@/server/pipeline/start-search";
import { streamRunEvents } from "@/server/pipeline/stream-run-events";
import { getRunResult } from "@/server/pipeline/get-run-result";
import { listRuns } from "@/server/runs/list-runs";
import { readMonthlyUsage } from "@/server/runs/monthly-llm-budget";
import { getRunStatus } from "@/server/runs/read-run-result";
import { streamInputSchema } from "@/shared/events";
import { searchFiltersSchema } from "@/shared/filters";
import { scoutConfigSchema } from "@/shared/config";
import {
  monthlyUsageSchema,
  runIdInputSchema,
  runsInputSchema,
  runsPageSchema,
  runStatusAnswerSchema,
  scoutSearchResultSchema,
  searchStartedSchema,
} from "@/shared/runs";
import { createTRPCRouter, userProcedure } from "../trpc";

export const scoutRouter = createTRPCRouter({
  config: userProcedure.output(scoutConfigSchema).query(({ ctx }) => describeConfig(ctx.deps)),

  search: userProcedure
    .input(searchFiltersSchema)
    .output(searchStartedSchema)
    .mutation(({ ctx, input }) =>
      startSearch({
        deps: ctx.deps,
        userId: ctx.viewer.userId,
        filters: input,
        clientKey: searchLimitKey({ auth: ctx.deps.auth, viewer: ctx.viewer, clientIp: ctx.clientIp }),
      }),
    ),

  stream: userProcedure.input(streamInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const { db, events, logger } = ctx.deps;
    // Thrown directly: errors of a subscription do not pass through the AppError middleware.
    if (!(await getRunStatus({ db, logger, runId: input.runId, access: ctx.viewer }))) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `No search run with id ${JSON.stringify(input.runId)}`,
      });
    }
    const afterSeq = input.lastEventId ? Number(input.lastEventId) : 0;
    for await (const { seq, event } of streamRunEvents({
      db,
      logger,
      events,
      runId: input.runId,
      afterSeq,
      signal,
    })) {
      yield tracked(String(seq), event);
    }
  }),

  results: userProcedure
    .input(runIdInputSchema)
    .output(scoutSearchResultSchema)
    .query(({ ctx, input }) => getRunResult({ ...ctx.deps, runId: input.runId, access: ctx.viewer })),

  cancel: userProcedure
    .input(runIdInputSchema)
    .output(runStatusAnswerSchema)
    .mutation(({ ctx, input }) =>
      cancelSearch({ deps: ctx.deps, runId: input.runId, userId: ctx.viewer.userId }),
    ),

  usage: userProcedure.output(monthlyUsageSchema).query(({ ctx }) =>
    readMonthlyUsage({
      db: ctx.deps.db,
      userId: ctx.viewer.userId,
      now: ctx.deps.clock(),
      tokensPerMonth: ctx.deps.llmTokensPerMonth,
    }),
  ),

  runs: userProcedure
    .input(runsInputSchema)
    .output(runsPageSchema)
    .query(({ ctx, input }) =>
      listRuns({ ...ctx.deps, userId: ctx.viewer.userId, limit: input.limit, cursor: input.cursor }),
    ),
});
