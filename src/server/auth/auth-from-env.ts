import type { Env } from "@/env";
import type { Db } from "@/server/db/client";
import { storeKindOf } from "@/server/db/database-url";
import type { Logger } from "@/server/logger";
import type { RepositorySource } from "@/server/sources/repository-source";
import { createAuth, type Auth } from "./create-auth";
import { createGitHubAccountSources, type GitHubAccountSources } from "./github-account-sources";
import { createTokenCipher, parseTokenKeys, type TokenCipher } from "./token-cipher";

/** The cipher of stored GitHub tokens: null in the local mode, where no token is stored. */
export function createTokenCipherFromEnv(env: Env): TokenCipher | null {
  return env.auth.mode === "accounts" ? createTokenCipher(parseTokenKeys(env.auth.tokenKeys)) : null;
}

/** Sign-in as the environment sets it up: null in the local mode, where nobody signs in. */
export function createAuthFromEnv({
  env,
  db,
  logger,
  cipher,
}: {
  env: Env;
  db: Db;
  logger: Logger;
  cipher: TokenCipher | null;
}): Auth | null {
  if (env.auth.mode === "local" || !cipher) return null;
  return createAuth({
    db,
    storeKind: storeKindOf(env.DATABASE_URL),
    settings: env.auth,
    cipher,
    publicUrl: publicUrlOf(env),
    githubWebUrl: env.GITHUB_WEB_URL,
    githubApiUrl: env.GITHUB_API_URL,
    trustProxy: env.SCOUT_TRUST_PROXY,
    logger,
  });
}

/**
 * Searches with each person's own GitHub token: in the accounts mode with live GitHub. Null otherwise, where
 * every run uses the one source (the operator's GITHUB_TOKEN, or the offline catalog).
 */
export function createGitHubAccountSourcesFromEnv({
  env,
  db,
  logger,
  clock,
  cipher,
  webOrigin,
  createSource,
}: {
  env: Env;
  db: Db;
  logger: Logger;
  clock: () => Date;
  cipher: TokenCipher | null;
  webOrigin: string;
  createSource: (token: string) => RepositorySource;
}): GitHubAccountSources | null {
  if (env.githubTokens !== "each-person" || !cipher) return null;
  return createGitHubAccountSources({ db, cipher, logger, clock, webOrigin, createSource });
}

/** Where people reach the app: SCOUT_PUBLIC_URL, or this machine's own address on PORT. */
export function publicUrlOf(env: Pick<Env, "SCOUT_PUBLIC_URL" | "PORT">): string {
  return env.SCOUT_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}
