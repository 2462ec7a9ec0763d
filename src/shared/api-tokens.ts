import { z } from "./zod";

/**
 * Personal API tokens: how the `scout` CLI and createScoutClient authenticate in the accounts mode, sent as
 * `Authorization: Bearer scout_pat_…`. A signed-in person creates them on /settings and sees each secret once.
 */

/** Every secret starts with this, so secret scanners (GitHub's among them) can recognise a leaked one. */
export const API_TOKEN_PREFIX = "scout_pat_";
/** The random part: 32 bytes in base64url, 43 characters. */
export const API_TOKEN_RANDOM_CHARS = 43;
/** How a secret is written; anything else is refused before the database is asked. */
export const apiTokenPattern = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{${API_TOKEN_RANDOM_CHARS}}$`);

export const API_TOKEN_NAME_MAX_CHARS = 100;
/** Tokens one person may hold at once: enough for every machine and script, few enough to review. */
export const MAX_API_TOKENS_PER_USER = 20;

export const apiTokenNameSchema = z
  .string({ error: "Name must be text" })
  .trim()
  .min(1, "Give the token a name, such as the machine or script that will use it")
  .max(API_TOKEN_NAME_MAX_CHARS, `Name must be at most ${API_TOKEN_NAME_MAX_CHARS} characters`);

/** apiTokens.create */
export const apiTokenCreateInputSchema = z.object({ name: apiTokenNameSchema });
export type ApiTokenCreateInput = z.input<typeof apiTokenCreateInputSchema>;
export type CleanApiTokenCreateInput = z.output<typeof apiTokenCreateInputSchema>;

/** apiTokens.revoke */
export const apiTokenIdInputSchema = z.object({
  tokenId: z
    .string({ error: "tokenId must be text" })
    .min(1, "tokenId is required")
    .max(100, "tokenId is too long"),
});
export type ApiTokenIdInput = z.input<typeof apiTokenIdInputSchema>;

/** A token as its owner sees it in the list: never its secret nor its hash. */
export const apiTokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The secret's first characters (`scout_pat_` and 8 more), enough to tell which token a script holds. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenSummary = z.infer<typeof apiTokenSummarySchema>;

/** apiTokens.list: newest first. */
export const apiTokenListSchema = z.object({
  items: z.array(apiTokenSummarySchema),
  /** MAX_API_TOKENS_PER_USER: creating more answers CONFLICT. */
  max: z.number(),
});
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

/** apiTokens.create's answer: the only time the secret is ever shown. */
export const createdApiTokenSchema = z.object({
  token: z.string(),
  summary: apiTokenSummarySchema,
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
