import { getProfile, saveProfile } from "@/server/profile/profile-service";
import { profileInputSchema } from "@/server/schemas";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const profileRouter = createTRPCRouter({
  get: publicProcedure.query(({ ctx }) => getProfile({ db: ctx.services.db })),
  save: publicProcedure
    .input(profileInputSchema)
    .mutation(({ ctx, input }) => saveProfile({ db: ctx.services.db, input })),
});
