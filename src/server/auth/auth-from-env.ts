import type { Env } from "@/env";
import type { Db } from "@/server/db/client";
import { storeKindOf } from "@/server/db/database-url";
import type { Logger } from "@/server/logger";
import { createAuth, type Auth } from "./create-auth";
import { createTokenCipher, parseTokenKeys } from "./token-cipher";

/** Sign-in as the environment sets it up: null in the local mode, where nobody signs in. */
export function createAuthFromEnv({ env, db, logger }: { env: Env; db: Db; logger: Logger }): Auth | null {
  if (env.auth.mode === "local") return null;
  return createAuth({
    db,
    storeKind: storeKindOf(env.DATABASE_URL),
    settings: env.auth,
    cipher: createTokenCipher(parseTokenKeys(env.auth.tokenKeys)),
    publicUrl: publicUrlOf(env),
    githubWebUrl: env.GITHUB_WEB_URL,
    githubApiUrl: env.GITHUB_API_URL,
    logger,
  });
}

/** Where people reach the app: SCOUT_PUBLIC_URL, or this machine's own address on PORT. */
export function publicUrlOf(env: Pick<Env, "SCOUT_PUBLIC_URL" | "PORT">): string {
  return env.SCOUT_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}
