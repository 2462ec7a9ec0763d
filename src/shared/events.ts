import {
  runAnalysisResultSchema,
  runIdInputSchema,
  scoutSearchResultSchema,
  searchBlockerSchema,
  terminalErrorReasonSchema,
} from "./runs";
import { z } from "./zod";

/** What a run's stream carries, in order; one terminal event ends it. */

export const phases = ["discovering", "filtering", "fetching", "analyzing", "saving"] as const;
export const phaseSchema = z.enum(phases);
export type Phase = z.infer<typeof phaseSchema>;

export const scoutEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("status"),
    phase: phaseSchema,
    message: z.string(),
    // Optional additions to the contract, so a client need not parse counts out of the message.
    discovered: z.number().int().optional(),
    passed: z.number().int().optional(),
  }),
  z.object({
    type: z.literal("progress"),
    phase: z.literal("analyzing"),
    analyzed: z.number().int(),
    total: z.number().int(),
    message: z.string(),
  }),
  z.object({ type: z.literal("results"), results: z.array(runAnalysisResultSchema) }),
  z.object({ type: z.literal("warning"), message: z.string() }),
  z.object({ type: z.literal("complete"), data: scoutSearchResultSchema }),
  z.object({
    type: z.literal("error"),
    message: z.string(),
    reason: terminalErrorReasonSchema.optional(),
    blockedBy: searchBlockerSchema.optional(),
  }),
  z.object({ type: z.literal("cancelled"), message: z.string() }),
]);
export type ScoutEvent = z.infer<typeof scoutEventSchema>;
export const terminalEventTypes = ["complete", "error", "cancelled"] as const satisfies ScoutEvent["type"][];

export const streamInputSchema = runIdInputSchema.extend({
  lastEventId: z
    .string()
    .regex(/^\d{1,12}$/, "lastEventId must be an event id from this stream")
    .optional(),
});
