import { EnvError, getEnv } from "../src/env";
import { resealAccountTokens } from "../src/server/auth/reseal-tokens";
import { createTokenCipher, parseTokenKeys } from "../src/server/auth/token-cipher";
import { createDb } from "../src/server/db/client";

// Usage: npm run auth:reseal   (after putting a new key first in SCOUT_TOKEN_KEYS; see README)
try {
  const env = getEnv();
  if (env.auth.mode !== "accounts") {
    console.error(
      "Nobody signs in here (SCOUT_TOKEN_KEYS and the sign-in settings are not set): nothing to reseal.",
    );
    process.exit(1);
  }
  const db = createDb({ databaseUrl: env.DATABASE_URL });
  try {
    const cipher = createTokenCipher(parseTokenKeys(env.auth.tokenKeys));
    const report = await resealAccountTokens({ db, cipher });
    console.log(
      `Sealed ${report.resealed} account(s) under the first key; ${report.current} already were.` +
        (report.unreadable.length > 0
          ? ` ${report.unreadable.length} could not be opened by any key (left as they are; those people sign in again): ${report.unreadable.join(", ")}`
          : " The older keys can now be removed."),
    );
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
