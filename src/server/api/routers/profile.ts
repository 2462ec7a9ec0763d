import { getProfile, saveProfile } from "@/server/profile/profile-store";
import { profileInputSchema, profileSchema } from "@/shared/profile";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const profileRouter = createTRPCRouter({
  get: publicProcedure
    .output(profileSchema.nullable())
    .query(({ ctx }) => getProfile({ ...ctx.deps, userId: ctx.viewer.userId })),
  save: publicProcedure
    .input(profileInputSchema)
    .output(profileSchema)
    .mutation(({ ctx, input }) => saveProfile({ db: ctx.deps.db, userId: ctx.viewer.userId, input })),
});
