import { getProfile, saveProfile } from "@/server/profile/profile-store";
import { profileInputSchema, profileSchema } from "@/shared/profile";
import { createTRPCRouter, userProcedure } from "../trpc";

export const profileRouter = createTRPCRouter({
  get: userProcedure
    .output(profileSchema.nullable())
    .query(({ ctx }) => getProfile({ ...ctx.deps, userId: ctx.viewer.userId })),
  save: userProcedure
    .input(profileInputSchema)
    .output(profileSchema)
    .mutation(({ ctx, input }) => saveProfile({ db: ctx.deps.db, userId: ctx.viewer.userId, input })),
});
