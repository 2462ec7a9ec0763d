import { describeConfig } from "@/server/services";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const scoutRouter = createTRPCRouter({
  config: publicProcedure.query(({ ctx }) => describeConfig(ctx.services.env)),
});
