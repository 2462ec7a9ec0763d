import { afterEach, beforeEach, expect, it } from "vitest";
import { tokenPurpose } from "@/server/auth/create-auth";
import { resealAccountTokens } from "@/server/auth/reseal-tokens";
import { createTokenCipher } from "@/server/auth/token-cipher";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * A key rotation of SCOUT_TOKEN_KEYS: a new key goes first, `npm run auth:reseal` seals every stored token
 * again under it, and the old key can then go.
 */

const oldKey = { id: "old", key: Buffer.alloc(32, 1) };
const newKey = { id: "new", key: Buffer.alloc(32, 2) };
const lostKey = { id: "lost", key: Buffer.alloc(32, 3) };
let temp: TempDb;

beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

async function storeAccount(id: string, accessToken: string | null) {
  await temp.db.account.create({
    data: { id, userId: "local", providerId: "github", accountId: id, accessToken },
    select: { id: true },
  });
}

it("seals every token under the new key, so the old key can go, and is safe to run again", async () => {
  const before = createTokenCipher([oldKey]);
  await storeAccount("a1", before.seal("gho_first_token", tokenPurpose));
  await storeAccount("a2", before.seal("gho_second_token", tokenPurpose));
  await storeAccount("a3", null);
  const rotated = createTokenCipher([newKey, oldKey]);

  expect(await resealAccountTokens({ db: temp.db, cipher: rotated })).toEqual({
    resealed: 2,
    current: 0,
    unreadable: [],
  });

  const afterwards = createTokenCipher([newKey]);
  const stored = await temp.db.account.findMany({ orderBy: { id: "asc" }, select: { accessToken: true } });
  expect(
    stored.map((row) => (row.accessToken ? afterwards.open(row.accessToken, tokenPurpose) : null)),
  ).toEqual(["gho_first_token", "gho_second_token", null]);
  expect(await resealAccountTokens({ db: temp.db, cipher: rotated })).toEqual({
    resealed: 0,
    current: 2,
    unreadable: [],
  });
});

it("leaves a token no configured key opens as it is, and names its account, not the token", async () => {
  await storeAccount("lost-one", createTokenCipher([lostKey]).seal("gho_lost_token", tokenPurpose));
  const report = await resealAccountTokens({ db: temp.db, cipher: createTokenCipher([newKey, oldKey]) });
  expect(report).toEqual({ resealed: 0, current: 0, unreadable: ["lost-one"] });
  expect(JSON.stringify(report)).not.toContain("gho_lost_token");
});
