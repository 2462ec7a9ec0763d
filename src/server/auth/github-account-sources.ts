import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { signInAgainMessage } from "@/server/sources/github/errors";
import type { RepositorySource } from "@/server/sources/repository-source";
import { githubProviderId, tokenPurpose } from "./create-auth";
import { TokenCipherError, type TokenCipher } from "./token-cipher";

/**
 * GitHub with each person's own token, for the accounts mode: a person's searches spend their own GitHub quota,
 * never the operator's. A run reads the token from its owner's account once, at its first call to GitHub, opens
 * it only in memory, and hands it to nothing but the Octokit client that sends it.
 *
 * A token GitHub refuses is forgotten, so the person's next search is refused before it starts (costing them
 * nothing) with the same "sign in again" outcome; signing in again stores a fresh one.
 */
export type GitHubAccountSources = {
  /** Throws PRECONDITION_FAILED (blockedBy "github-sign-in") when the person holds no token GitHub may accept. */
  requireToken: (userId: string) => Promise<void>;
  /** The source one run of the person's searches with: it reads their token once, when it first calls GitHub. */
  sourceFor: (userId: string) => RepositorySource;
};

/** Each person's client keeps its own pacing and rate-limit state; the least recently used go first. */
const MAX_CACHED_CLIENTS = 500;

type HeldToken = { accountId: string; sealed: string; token: string };

export function createGitHubAccountSources({
  db,
  cipher,
  logger,
  clock,
  webOrigin,
  createSource,
}: {
  db: Db;
  cipher: TokenCipher;
  logger: Logger;
  clock: () => Date;
  webOrigin: string;
  /** A live GitHub source calling with this person's token. */
  createSource: (token: string) => RepositorySource;
}): GitHubAccountSources {
  const clients = new Map<string, { sealed: string; source: RepositorySource }>();

  const signInAgain = (cause?: unknown) =>
    new AppError("PRECONDITION_FAILED", signInAgainMessage, { cause, blockedBy: "github-sign-in" });

  async function readToken(userId: string): Promise<HeldToken> {
    const account = await db.account.findFirst({
      where: { userId, providerId: githubProviderId, accessToken: { not: null } },
      orderBy: { updatedAt: "desc" },
      select: { id: true, accessToken: true, accessTokenExpiresAt: true },
    });
    if (!account?.accessToken) throw signInAgain();
    // Tokens of GitHub Apps that expire say so; a classic OAuth app's never do.
    if (account.accessTokenExpiresAt && account.accessTokenExpiresAt <= clock()) throw signInAgain();
    try {
      const token = cipher.open(account.accessToken, tokenPurpose);
      return { accountId: account.id, sealed: account.accessToken, token };
    } catch (error) {
      if (!(error instanceof TokenCipherError)) throw error;
      // A key taken out of SCOUT_TOKEN_KEYS too early, or an altered row: the operator should hear of it.
      logger.warn(`Account ${account.id}: its stored GitHub token cannot be opened (${error.failure})`);
      throw signInAgain(error);
    }
  }

  function clientFor(held: HeldToken): RepositorySource {
    const cached = clients.get(held.accountId);
    clients.delete(held.accountId);
    const source = cached?.sealed === held.sealed ? cached.source : createSource(held.token);
    clients.set(held.accountId, { sealed: held.sealed, source });
    const oldest = clients.keys().next();
    if (clients.size > MAX_CACHED_CLIENTS && !oldest.done) clients.delete(oldest.value);
    return source;
  }

  /** Only the token that was refused goes: one stored by a sign-in meanwhile stays. */
  async function forget(held: HeldToken): Promise<void> {
    clients.delete(held.accountId);
    await db.account.updateMany({
      where: { id: held.accountId, accessToken: held.sealed },
      data: { accessToken: null },
    });
  }

  async function withClient<T>(
    readOnce: () => Promise<HeldToken>,
    call: (source: RepositorySource) => Promise<T>,
  ): Promise<T> {
    const held = await readOnce();
    try {
      return await call(clientFor(held));
    } catch (error) {
      if (error instanceof AppError && error.blockedBy === "github-sign-in") {
        await forget(held).catch((forgetError: unknown) => {
          logger.warn(
            `Account ${held.accountId}: the refused GitHub token could not be forgotten`,
            forgetError,
          );
        });
      }
      throw error;
    }
  }

  return {
    requireToken: async (userId) => {
      await readToken(userId);
    },
    sourceFor: (userId) => {
      let held: Promise<HeldToken> | undefined;
      const readOnce = () => (held ??= readToken(userId));
      return {
        kind: "live",
        webOrigin,
        searchRepositories: (filters, options) =>
          withClient(readOnce, (source) => source.searchRepositories(filters, options)),
        fetchCandidateDetails: (repos, options) =>
          withClient(readOnce, (source) => source.fetchCandidateDetails(repos, options)),
        lookUpIssues: (issues, options) =>
          withClient(readOnce, (source) => source.lookUpIssues(issues, options)),
      };
    },
  };
}
