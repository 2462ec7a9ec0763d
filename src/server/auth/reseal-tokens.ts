import type { Db } from "@/server/db/client";
import { tokenPurpose } from "./create-auth";
import { TokenCipherError, type TokenCipher } from "./token-cipher";

export type ResealReport = {
  /** Tokens sealed again under the current key. */
  resealed: number;
  /** Tokens already under the current key. */
  current: number;
  /** Account ids whose tokens no configured key opens: left as they are; that person signs in again. */
  unreadable: string[];
};

/**
 * The second half of a key rotation: every stored GitHub token sealed under an older key of
 * SCOUT_TOKEN_KEYS is sealed again under the first one. Once it reports nothing left under the old key, that
 * key can be removed. Safe to run again, and beside running servers (each row is rewritten only if it still
 * holds what was read).
 */
export async function resealAccountTokens({
  db,
  cipher,
}: {
  db: Db;
  cipher: TokenCipher;
}): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, current: 0, unreadable: [] };
  const accounts = await db.account.findMany({
    where: { OR: [{ accessToken: { not: null } }, { refreshToken: { not: null } }] },
    select: { id: true, accessToken: true, refreshToken: true },
  });
  for (const account of accounts) {
    const stale = [account.accessToken, account.refreshToken].some(
      (sealed) => sealed !== null && cipher.isStale(sealed),
    );
    if (!stale) {
      report.current += 1;
      continue;
    }
    try {
      const reseal = (sealed: string | null) =>
        sealed === null ? null : cipher.seal(cipher.open(sealed, tokenPurpose), tokenPurpose);
      const { count } = await db.account.updateMany({
        where: { id: account.id, accessToken: account.accessToken, refreshToken: account.refreshToken },
        data: { accessToken: reseal(account.accessToken), refreshToken: reseal(account.refreshToken) },
      });
      if (count === 1) report.resealed += 1;
    } catch (error) {
      if (!(error instanceof TokenCipherError)) throw error;
      report.unreadable.push(account.id);
    }
  }
  return report;
}
