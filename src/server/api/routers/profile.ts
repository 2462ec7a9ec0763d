import { getProfile, saveProfile } from "@/server/profile/profile-store";
import { profileInputSchema } from "@/shared/profile";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const profileRouter = createTRPCRouter({
  get: publicProcedure.query(({ ctx }) => getProfile(ctx.deps)),
  save: publicProcedure
    .input(profileInputSchema)
    .mutation(({ ctx, input }) => saveProfile({ db: ctx.deps.db, input })),
});
