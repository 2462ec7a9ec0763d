import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import {
  API_TOKEN_PREFIX,
  apiTokenPattern,
  MAX_API_TOKENS_PER_USER,
  type ApiTokenList,
  type ApiTokenSummary,
  type CreatedApiToken,
} from "@/shared/api-tokens";
import type { Viewer } from "./viewer";

/**
 * Personal API tokens (docs/api.md, "Personal API tokens"). The secret is shown once, when it is created; only
 * its SHA-256 is stored. A fast hash is the right one here: the secret is 32 random bytes, so there is no
 * dictionary to try and nothing a slow password hash (bcrypt, scrypt) would protect, while every API call
 * made with a token pays for its hash. A copy of the table opens nothing.
 *
 * Nothing here puts a secret into an error message, a log line or an event.
 */

const RANDOM_BYTES = 32;
/** Characters of the random part kept in clear to tell tokens apart: 48 of its 256 bits, no help to a guess. */
const SHOWN_RANDOM_CHARS = 8;
/** lastUsedAt is rewritten at most this often, so a busy script does not make every call a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export const apiTokensNeedAccountsMessage =
  "Personal API tokens are for the accounts mode: in the local mode every request is yours, and no token is needed.";
export const apiTokenCreationNeedsSessionMessage =
  "API tokens can only be created on the settings page while signed in with GitHub, not with another token.";
export const tooManyApiTokensMessage = `You have ${MAX_API_TOKENS_PER_USER} API tokens, the most one person may hold. Revoke one you no longer use, then create another.`;

const summaryColumns = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true } as const;

type StoredSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

function toSummary(row: StoredSummary): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

function hashOf(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A token that answers as unknown, whatever the id: another user's, revoked, or never made. */
function tokenNotFound(tokenId: string): AppError {
  return new AppError("NOT_FOUND", `No API token with id ${JSON.stringify(tokenId)}`);
}

/** A new token for the user. The answer holds the secret: hand it to its owner once and keep it nowhere. */
export async function createApiToken({
  db,
  userId,
  name,
  now,
}: {
  db: Db;
  userId: string;
  name: string;
  now: Date;
}): Promise<CreatedApiToken> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(RANDOM_BYTES).toString("base64url")}`;
  const row = {
    id: randomUUID(),
    userId,
    name,
    tokenHash: hashOf(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + SHOWN_RANDOM_CHARS),
    createdAt: now,
  };
  // The cap guards against a runaway script or page, not an adversary: two creations racing on PostgreSQL may
  // both read 19, which is harmless.
  const summary = await db.$transaction(async (tx) => {
    if ((await tx.apiToken.count({ where: { userId } })) >= MAX_API_TOKENS_PER_USER)
      throw new AppError("CONFLICT", tooManyApiTokensMessage);
    return tx.apiToken.create({ data: row, select: summaryColumns });
  });
  return { token, summary: toSummary(summary) };
}

/** The user's tokens, newest first, as summaries: never a secret or a hash. */
export async function listApiTokens({ db, userId }: { db: Db; userId: string }): Promise<ApiTokenList> {
  const rows = await db.apiToken.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: summaryColumns,
  });
  return { items: rows.map(toSummary), max: MAX_API_TOKENS_PER_USER };
}

/**
 * Revokes one of the user's tokens: it stops working at once. Another user's token answers NOT_FOUND exactly
 * as an id nobody has, so an id tells nothing about whether it exists.
 */
export async function revokeApiToken({
  db,
  userId,
  tokenId,
}: {
  db: Db;
  userId: string;
  tokenId: string;
}): Promise<ApiTokenSummary> {
  const found = await db.apiToken.findFirst({ where: { id: tokenId, userId }, select: summaryColumns });
  if (!found) throw tokenNotFound(tokenId);
  const { count } = await db.apiToken.deleteMany({ where: { id: tokenId, userId } });
  // Revoked meanwhile by another request: answered as that request was.
  if (count === 0) throw tokenNotFound(tokenId);
  return toSummary(found);
}

/**
 * Whose token this is, or null for anything that is not a live token (malformed, unknown, revoked), so every
 * refusal looks the same. The row is found by the hash's unique index: a lookup by hash reveals nothing useful
 * through its timing, since a caller cannot choose the hash's leading characters, and the hash found is then
 * compared in constant time all the same.
 */
export async function findViewerByApiToken({
  db,
  secret,
  now,
}: {
  db: Db;
  secret: string;
  now: Date;
}): Promise<Viewer | null> {
  if (!apiTokenPattern.test(secret)) return null;
  const tokenHash = hashOf(secret);
  const row = await db.apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, tokenHash: true, lastUsedAt: true },
  });
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, "hex"), Buffer.from(tokenHash, "hex"))) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (row.lastUsedAt === null || row.lastUsedAt <= staleBefore) {
    // Conditional, so concurrent calls in the same minute write once between them.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { userId: row.userId, via: "api-token" };
}
