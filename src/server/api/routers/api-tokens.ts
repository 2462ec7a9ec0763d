import { createApiToken, listApiTokens, revokeApiToken } from "@/server/auth/api-tokens";
import {
  apiTokenCreateInputSchema,
  apiTokenIdInputSchema,
  apiTokenListSchema,
  apiTokenSummarySchema,
  createdApiTokenSchema,
} from "@/shared/api-tokens";
import { accountProcedure, createTRPCRouter, sessionProcedure } from "../trpc";

export const apiTokensRouter = createTRPCRouter({
  list: accountProcedure
    .output(apiTokenListSchema)
    .query(({ ctx }) => listApiTokens({ db: ctx.deps.db, userId: ctx.viewer.userId })),

  create: sessionProcedure
    .input(apiTokenCreateInputSchema)
    .output(createdApiTokenSchema)
    .mutation(({ ctx, input }) =>
      createApiToken({ db: ctx.deps.db, userId: ctx.viewer.userId, name: input.name, now: ctx.deps.clock() }),
    ),

  revoke: accountProcedure
    .input(apiTokenIdInputSchema)
    .output(apiTokenSummarySchema)
    .mutation(({ ctx, input }) =>
      revokeApiToken({ db: ctx.deps.db, userId: ctx.viewer.userId, tokenId: input.tokenId }),
    ),
});
