import { listMarkedRepos } from "@/server/marks/list-marked-repos";
import { setRepoMark } from "@/server/marks/mark-store";
import {
  markedReposPageSchema,
  repoMarkedInputSchema,
  repoMarkInputSchema,
  repoMarkStateSchema,
} from "@/shared/marks";
import { createTRPCRouter, userProcedure } from "../trpc";

export const reposRouter = createTRPCRouter({
  mark: userProcedure
    .input(repoMarkInputSchema)
    .output(repoMarkStateSchema)
    .mutation(({ ctx, input }) =>
      setRepoMark({ db: ctx.deps.db, now: ctx.deps.clock(), userId: ctx.viewer.userId, ...input }),
    ),

  marked: userProcedure
    .input(repoMarkedInputSchema)
    .output(markedReposPageSchema)
    .query(({ ctx, input }) =>
      listMarkedRepos({ db: ctx.deps.db, logger: ctx.deps.logger, userId: ctx.viewer.userId, ...input }),
    ),
});
