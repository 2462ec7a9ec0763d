import { tagList } from "./tag-list";
import { z } from "./zod";

/** A developer's profile: what they know, what interests them and what they want from contributing. */

export const skillLevels = ["beginner", "intermediate", "advanced"] as const;
export const skillLevelSchema = z.enum(skillLevels, { error: "Choose a skill level" });
export type SkillLevel = z.infer<typeof skillLevelSchema>;

export const GOALS_MAX_CHARS = 500;

export const profileInputSchema = z.object({
  languages: tagList({
    noun: "language",
    minItems: 1,
    maxItems: 20,
    maxChars: 40,
    tooFew: "Add at least one language",
  }),
  topics: tagList({ noun: "topic", minItems: 0, maxItems: 20, maxChars: 50, tooFew: "" }),
  skillLevel: skillLevelSchema,
  goals: z
    .string({ error: "Goals must be text" })
    .max(GOALS_MAX_CHARS, `Goals must be at most ${GOALS_MAX_CHARS} characters`),
});
export type ProfileInput = z.input<typeof profileInputSchema>;
export type CleanProfileInput = z.output<typeof profileInputSchema>;

export const profileSchema = z.object({
  id: z.string(),
  languages: z.array(z.string()),
  topics: z.array(z.string()),
  skillLevel: skillLevelSchema,
  goals: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;
