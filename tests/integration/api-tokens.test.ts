import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createApiToken,
  findViewerByApiToken,
  LAST_USED_RESOLUTION_MS,
  listApiTokens,
  revokeApiToken,
  tooManyApiTokensMessage,
} from "@/server/auth/api-tokens";
import { AppError } from "@/server/errors";
import { apiTokenPattern, MAX_API_TOKENS_PER_USER } from "@/shared/api-tokens";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

/**
 * Personal API tokens as stored, on each storage engine: the secret is handed out once and only its hash is
 * kept; lists never carry either; a token answers for its owner until it is revoked; another user's token id
 * is unknown; and the number one person may hold is capped.
 */

const NOW = new Date("2026-03-01T10:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

let store: TempStore;
let users = 0;
let userId: string;

async function createUser(): Promise<string> {
  users += 1;
  const id = `user-${users}`;
  await store.db.user.create({ data: { id, name: id, email: `${id}@example.test` }, select: { id: true } });
  return id;
}

async function appErrorOf(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error("the call did not fail with an AppError");
  return error;
}

describe.each(storeKinds)("personal API tokens (%s)", (kind) => {
  beforeAll(async () => {
    store = await createTempStore(kind);
  });
  afterAll(() => store.cleanup());
  beforeEach(async () => {
    userId = await createUser();
  });

  it("hands out a recognisable secret once and stores only its SHA-256", async () => {
    const { token, summary } = await createApiToken({ db: store.db, userId, name: "laptop CLI", now: NOW });

    expect(token).toMatch(apiTokenPattern);
    expect(token.startsWith(summary.prefix)).toBe(true);
    expect(summary).toEqual({
      id: expect.any(String) as string,
      name: "laptop CLI",
      prefix: token.slice(0, "scout_pat_".length + 8),
      createdAt: NOW.toISOString(),
      lastUsedAt: null,
    });
    const [row] = await store.db.apiToken.findMany({ where: { userId } });
    expect(row?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token.slice("scout_pat_".length));
  });

  it("makes a different secret every time", async () => {
    const first = await createApiToken({ db: store.db, userId, name: "a", now: NOW });
    const second = await createApiToken({ db: store.db, userId, name: "a", now: NOW });
    expect(first.token).not.toBe(second.token);
  });

  it("lists the user's tokens newest first, with neither secret nor hash", async () => {
    const older = await createApiToken({ db: store.db, userId, name: "older", now: NOW });
    const newer = await createApiToken({ db: store.db, userId, name: "newer", now: later(1000) });
    const someoneElse = await createUser();
    await createApiToken({ db: store.db, userId: someoneElse, name: "not theirs", now: NOW });

    const list = await listApiTokens({ db: store.db, userId });

    expect(list.max).toBe(MAX_API_TOKENS_PER_USER);
    expect(list.items).toEqual([newer.summary, older.summary]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(older.token);
    expect(text).not.toContain(newer.token);
    expect(text).not.toContain(createHash("sha256").update(older.token).digest("hex"));
  });

  it("answers for the token's owner, and for nobody once it is revoked", async () => {
    const { token, summary } = await createApiToken({ db: store.db, userId, name: "ci", now: NOW });
    expect(await findViewerByApiToken({ db: store.db, secret: token, now: NOW })).toEqual({
      userId,
      via: "api-token",
    });

    expect(await revokeApiToken({ db: store.db, userId, tokenId: summary.id })).toEqual({
      ...summary,
      lastUsedAt: NOW.toISOString(),
    });

    expect(await findViewerByApiToken({ db: store.db, secret: token, now: NOW })).toBeNull();
    expect((await listApiTokens({ db: store.db, userId })).items).toEqual([]);
  });

  it("answers NOT_FOUND for another user's token id, exactly as for an unknown one, and leaves it working", async () => {
    const owner = await createUser();
    const { token, summary } = await createApiToken({
      db: store.db,
      userId: owner,
      name: "theirs",
      now: NOW,
    });

    const theirs = await appErrorOf(revokeApiToken({ db: store.db, userId, tokenId: summary.id }));
    const unknown = await appErrorOf(revokeApiToken({ db: store.db, userId, tokenId: "no-such-token" }));

    expect(theirs.code).toBe("NOT_FOUND");
    expect(unknown.code).toBe("NOT_FOUND");
    expect(theirs.message).toBe(unknown.message.replace("no-such-token", summary.id));
    expect(await findViewerByApiToken({ db: store.db, secret: token, now: NOW })).toMatchObject({
      userId: owner,
    });
  });

  it("answers NOT_FOUND for a token revoked already", async () => {
    const { summary } = await createApiToken({ db: store.db, userId, name: "once", now: NOW });
    await revokeApiToken({ db: store.db, userId, tokenId: summary.id });
    expect((await appErrorOf(revokeApiToken({ db: store.db, userId, tokenId: summary.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("caps the tokens one person holds, with a message that says what to do", async () => {
    for (let index = 0; index < MAX_API_TOKENS_PER_USER; index += 1)
      await createApiToken({ db: store.db, userId, name: `token ${index}`, now: NOW });

    const refused = await appErrorOf(createApiToken({ db: store.db, userId, name: "one more", now: NOW }));

    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(tooManyApiTokensMessage);
    expect(await store.db.apiToken.count({ where: { userId } })).toBe(MAX_API_TOKENS_PER_USER);
    // The cap is per person: someone else still creates theirs.
    const other = await createUser();
    await expect(
      createApiToken({ db: store.db, userId: other, name: "mine", now: NOW }),
    ).resolves.toBeDefined();
  });

  it("records when a token was last used, at most once a minute", async () => {
    const { token } = await createApiToken({ db: store.db, userId, name: "cron", now: NOW });
    const lastUsed = async () => (await listApiTokens({ db: store.db, userId })).items[0]?.lastUsedAt;
    const use = (at: Date) => findViewerByApiToken({ db: store.db, secret: token, now: at });

    await use(later(5_000));
    expect(await lastUsed()).toBe(later(5_000).toISOString());
    await use(later(5_000 + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toBe(later(5_000).toISOString());
    await use(later(5_000 + LAST_USED_RESOLUTION_MS));
    expect(await lastUsed()).toBe(later(5_000 + LAST_USED_RESOLUTION_MS).toISOString());
  });

  it("answers nobody for a malformed or unknown secret, without failing", async () => {
    const { token } = await createApiToken({ db: store.db, userId, name: "real", now: NOW });
    const lookalike = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const secret of [
      "",
      "scout_pat_",
      "scout_pat_short",
      `${token}x`,
      token.toUpperCase(),
      lookalike,
      "x".repeat(10_000),
    ])
      expect(await findViewerByApiToken({ db: store.db, secret, now: NOW })).toBeNull();
  });

  it("deletes a user's tokens with the user", async () => {
    const { token } = await createApiToken({ db: store.db, userId, name: "gone", now: NOW });
    await store.db.user.delete({ where: { id: userId }, select: { id: true } });
    expect(await findViewerByApiToken({ db: store.db, secret: token, now: NOW })).toBeNull();
  });
});
