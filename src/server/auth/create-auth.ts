import { randomUUID } from "node:crypto";
import { Octokit } from "@octokit/rest";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { genericOAuth } from "better-auth/plugins";
import { peerAddressHeader } from "@/server/client-ip";
import type { Db } from "@/server/db/client";
import type { StoreKind } from "@/server/db/database-url";
import type { Logger } from "@/server/logger";
import { adoptLocalData } from "./adopt-local-data";
import type { TokenCipher } from "./token-cipher";

/**
 * Sign-in with GitHub for the accounts mode, on better-auth: it keeps the sessions, the OAuth state and PKCE
 * verifier of each sign-in, and the accounts, in this app's database through its Prisma adapter. GitHub is
 * reached by URLs only (the web flow at GITHUB_WEB_URL, the user at GITHUB_API_URL), so a GitHub Enterprise
 * Server, or the test GitHub server, works unchanged.
 *
 * The GitHub OAuth app's "Authorization callback URL" must be `${publicUrl}${githubCallbackPath}`.
 */

export const authBasePath = "/api/auth";
export const githubProviderId = "github";
export const githubCallbackPath = `${authBasePath}/callback/${githubProviderId}`;
/** What a stored GitHub token is sealed for (token-cipher.ts binds a sealed text to it). */
export const tokenPurpose = "github-oauth-token";

export type AuthSettings = {
  githubClientId: string;
  githubClientSecret: string;
  sessionSecret: string;
};

export type CreateAuthOptions = {
  db: Db;
  storeKind: StoreKind;
  settings: AuthSettings;
  cipher: TokenCipher;
  /** Where people reach the app; callbacks and cookies are made for it. */
  publicUrl: string;
  githubWebUrl: string;
  githubApiUrl: string;
  /** SCOUT_TRUST_PROXY: a proxy of the operator's sets x-forwarded-for, so it names the client. */
  trustProxy: boolean;
  logger: Logger;
};

/**
 * GitHub's /user, read with the token just issued (public data: no scope needed). A private email is null
 * there, and reading /user/emails would need the user:email scope, so such a user gets GitHub's own
 * no-reply address; a user without a display name is shown by login.
 */
async function readGitHubUser({ apiUrl, token }: { apiUrl: string; token: string }) {
  const octokit = new Octokit({ auth: token, baseUrl: apiUrl, userAgent: "github-scout" });
  const { data } = await octokit.rest.users.getAuthenticated();
  return {
    id: String(data.id),
    name: data.name ?? data.login,
    email: data.email ?? `${data.id}+${data.login}@users.noreply.github.com`,
    // GitHub shows on /user only an address its owner verified and made public.
    emailVerified: data.email !== null,
    image: data.avatar_url,
  };
}

export function createAuth({
  db,
  storeKind,
  settings,
  cipher,
  publicUrl,
  githubWebUrl,
  githubApiUrl,
  trustProxy,
  logger,
}: CreateAuthOptions) {
  // The auth library updates an account's tokens without naming its user, so a token is sealed for its
  // purpose rather than for one user.
  const sealed = (token: string | null | undefined) => (token ? cipher.seal(token, tokenPurpose) : token);
  /** An account as it may be written: its tokens sealed, whether it is created or updated. */
  const sealAccountTokens = <TAccount extends { accessToken?: string | null; refreshToken?: string | null }>(
    account: TAccount,
  ) =>
    Promise.resolve({
      data: {
        ...account,
        accessToken: sealed(account.accessToken),
        refreshToken: sealed(account.refreshToken),
      },
    });
  return betterAuth({
    appName: "GitHub Scout",
    baseURL: publicUrl,
    basePath: authBasePath,
    secret: settings.sessionSecret,
    database: prismaAdapter(db, { provider: storeKind === "postgres" ? "postgresql" : "sqlite" }),
    telemetry: { enabled: false },
    logger: {
      log: (level, message, ...details: unknown[]) => {
        if (level === "error") logger.error(`[auth] ${message}`, details[0]);
        else if (level === "warn") logger.warn(`[auth] ${message}`, details[0]);
      },
    },
    advanced: {
      // Secure cookies whenever the app is served over https; HttpOnly and SameSite=Lax always.
      useSecureCookies: publicUrl.startsWith("https:"),
      // Requests that carry the session cookie must come from the app's own pages, and a sign-in may only
      // return to them. The library skips this when NODE_ENV=test; the app never does.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      database: { generateId: () => randomUUID() },
      // Who is signing in, for the library's limit on sign-in attempts: x-forwarded-for is the client's own
      // to write unless a proxy of the operator's sets it, so only then does it count; otherwise the socket's
      // address, which our server stamps over whatever the client sent (client-ip.ts).
      ipAddress: {
        ipAddressHeaders: trustProxy ? ["x-forwarded-for", peerAddressHeader] : [peerAddressHeader],
      },
    },
    plugins: [
      genericOAuth({
        config: [
          {
            providerId: githubProviderId,
            clientId: settings.githubClientId,
            clientSecret: settings.githubClientSecret,
            authorizationUrl: `${githubWebUrl}/login/oauth/authorize`,
            tokenUrl: `${githubWebUrl}/login/oauth/access_token`,
            // Public data only: GitHub's searches of public repositories need no scope.
            scopes: [],
            pkce: true,
            getUserInfo: async (tokens) =>
              tokens.accessToken ? readGitHubUser({ apiUrl: githubApiUrl, token: tokens.accessToken }) : null,
          },
        ],
      }),
    ],
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await adoptLocalData({ db, userId: user.id });
          },
        },
      },
      account: {
        create: { before: sealAccountTokens },
        update: { before: sealAccountTokens },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
