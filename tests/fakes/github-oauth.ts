import { createHash, randomBytes } from "node:crypto";

/**
 * GitHub's OAuth web application flow, for the test GitHub server: the authorize page (GitHub's sign-in and
 * consent screen, reduced to one button per configured user), the code-for-token exchange, the REST routes
 * a sign-in library reads the user from (GET /user, GET /user/emails), and the tokens it issues.
 *
 * Modelled on GitHub's documentation ("Authorizing OAuth apps", "Troubleshooting authorization request
 * errors", "Troubleshooting OAuth app access token request errors", the July 2025 PKCE changelog). Where
 * the documentation is silent the choice is marked "Guess:" below.
 */

export type GitHubOAuthEmail = {
  email: string;
  primary: boolean;
  verified: boolean;
  /** GitHub reports null for every address but the primary one. */
  visibility: "public" | "private" | null;
};

export type GitHubOAuthUser = {
  /** As GitHub spells it; a user may type it in any case. */
  login: string;
  id: number;
  /** People who never set a display name have null here, and sign-in libraries must cope. */
  name: string | null;
  /** Every address on the account; /user shows the primary one only when its visibility is "public". */
  emails: readonly GitHubOAuthEmail[];
  createdAt: string;
};

export type GitHubOAuthApp = {
  clientId: string;
  clientSecret: string;
  /** The "Authorization callback URL" of the app's registration. */
  callbackUrl: string;
};

export type GitHubOAuthOptions = {
  app?: GitHubOAuthApp;
  users?: readonly GitHubOAuthUser[];
};

export type IssuedToken = {
  token: string;
  login: string;
  /** Comma-separated, as GitHub reports it. */
  scope: string;
  issuedAt: string;
  revoked: boolean;
};

export const DEFAULT_OAUTH_APP: GitHubOAuthApp = {
  clientId: "Ov23liFakeClientId00001",
  clientSecret: "fake_oauth_client_secret_0000000000000000",
  callbackUrl: "http://127.0.0.1:3000/api/auth/callback/github",
};

/**
 * Three awkward-but-real accounts: a mixed-case login with a public email, a private email (null on /user,
 * present on /user/emails), and a user without a display name whose only verified address is a noreply one.
 */
export const DEFAULT_OAUTH_USERS: readonly GitHubOAuthUser[] = [
  {
    login: "MonaLisa-Dev",
    id: 583_231,
    name: "Mona Lisa",
    emails: [{ email: "mona@example.com", primary: true, verified: true, visibility: "public" }],
    createdAt: "2011-01-25T18:44:36Z",
  },
  {
    login: "hubot-private",
    id: 1_024_025,
    name: "Hubot Private",
    emails: [
      { email: "hubot@example.org", primary: true, verified: true, visibility: "private" },
      {
        email: "1024025+hubot-private@users.noreply.github.com",
        primary: false,
        verified: true,
        visibility: null,
      },
    ],
    createdAt: "2014-09-10T08:12:00Z",
  },
  {
    login: "nameless42",
    id: 77_001_042,
    name: null,
    emails: [
      {
        email: "77001042+nameless42@users.noreply.github.com",
        primary: true,
        verified: true,
        visibility: "private",
      },
      { email: "old-address@example.net", primary: false, verified: false, visibility: null },
    ],
    createdAt: "2021-03-02T12:00:00Z",
  },
];

/** Documented: "The temporary code will expire after 10 minutes." */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

const DOCS = "https://docs.github.com";
const AUTHORIZE_ERRORS = `${DOCS}/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/`;
const TOKEN_ERRORS = `${DOCS}/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/`;

type TokenError = { error: string; error_description: string; error_uri: string };
const tokenErrors = {
  incorrectClientCredentials: {
    error: "incorrect_client_credentials",
    error_description: "The client_id and/or client_secret passed are incorrect.",
    error_uri: `${TOKEN_ERRORS}#incorrect-client-credentials`,
  },
  redirectUriMismatch: {
    error: "redirect_uri_mismatch",
    error_description: "The redirect_uri MUST match the registered callback URL for this application.",
    error_uri: `${AUTHORIZE_ERRORS}#redirect-uri-mismatch2`,
  },
  badVerificationCode: {
    error: "bad_verification_code",
    error_description: "The code passed is incorrect or expired.",
    error_uri: `${TOKEN_ERRORS}#bad-verification-code`,
  },
} satisfies Record<string, TokenError>;

export type WebAnswer = { status: number; headers: Record<string, string>; body: string };
export type OAuthRequest = { method: string; url: URL; headers: Record<string, string>; body: string };

type PendingCode = {
  login: string;
  scope: string;
  /** The redirect_uri of the authorize request, when it had one. */
  redirectUri: string | null;
  codeChallenge: string | null;
  expiresAt: number;
};

/** Who a presented token belongs to; `revoked` tokens must be refused, not treated as unknown. */
export type TokenOwner = { user: GitHubOAuthUser; issued: IssuedToken };

export type GitHubOAuth = {
  /** Answers github.com's /login/oauth/* routes; undefined for any other request. */
  handleWeb: (request: OAuthRequest) => WebAnswer | undefined;
  /** Answers GET /user and /user/emails for a valid token's owner; undefined for any other route. */
  handleApi: (request: OAuthRequest, owner: TokenOwner) => WebAnswer | undefined;
  ownerOf: (token: string) => TokenOwner | undefined;
  users: () => readonly GitHubOAuthUser[];
  tokens: () => IssuedToken[];
  /**
   * Acts as if this user had already authorized the app: GET /login/oauth/authorize redirects at once, as
   * GitHub does for a returning user. null shows the page again. Throws for an unknown login.
   */
  approveAs: (login: string | null) => void;
  /** Revokes every token of the user (any case); returns how many were live. */
  revokeUser: (login: string) => number;
  revokeToken: (token: string) => boolean;
  reset: () => void;
};

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(length: number): string {
  return Array.from(randomBytes(length), (byte) => BASE62[byte % BASE62.length] ?? "0").join("");
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const isLoopback = (hostname: string) =>
  hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";

/**
 * GitHub's documented rule: the host (sub-domains allowed) and port must match the callback URL and the
 * path must be the callback's path or below it; for a loopback callback the port may differ, so native
 * apps can listen on any free port. Guess: the scheme must match too (the documentation does not say).
 */
export function redirectMatchesCallback(candidate: string, callback: string): boolean {
  let wanted: URL;
  let given: URL;
  try {
    wanted = new URL(callback);
    given = new URL(candidate);
  } catch {
    return false;
  }
  if (given.protocol !== wanted.protocol) return false;
  const sameHost = given.hostname === wanted.hostname || given.hostname.endsWith(`.${wanted.hostname}`);
  if (!sameHost) return false;
  if (!isLoopback(wanted.hostname) && given.port !== wanted.port) return false;
  const base = wanted.pathname.replace(/\/+$/, "");
  return (
    given.pathname === wanted.pathname || given.pathname === base || given.pathname.startsWith(`${base}/`)
  );
}

function withParams(target: string, params: Record<string, string | null>): string {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return url.toString();
}

const redirect = (location: string): WebAnswer => ({
  status: 302,
  headers: { location, "content-type": "text/html; charset=utf-8" },
  body: `<html><body>You are being <a href="${escapeHtml(location)}">redirected</a>.</body></html>`,
});

const htmlPage = (status: number, title: string, content: string): WebAnswer => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  body: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<main>
${content}
</main>
</body>
</html>`,
});

const json = (status: number, body: unknown, extra: Record<string, string> = {}): WebAnswer => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...extra },
  body: JSON.stringify(body),
});

/** The token endpoint reads the query string and a form or JSON body alike. */
function readParams(request: OAuthRequest): Map<string, string> {
  const params = new Map<string, string>(request.url.searchParams);
  const type = request.headers["content-type"] ?? "";
  if (type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed === "object" && parsed !== null) {
        for (const [name, value] of Object.entries(parsed)) {
          if (typeof value === "string") params.set(name, value);
        }
      }
    } catch {
      // GitHub then sees no parameters at all and complains about the credentials.
    }
  } else {
    for (const [name, value] of new URLSearchParams(request.body)) params.set(name, value);
  }
  return params;
}

/**
 * RFC 6749's client_secret_basic. GitHub documents only body parameters, but client libraries that send
 * HTTP Basic (arctic's OAuth2Client does) work against github.com, so it is accepted too.
 */
function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^basic\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const part = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
      return text;
    }
  };
  return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
}

/** GitHub answers JSON or XML when asked through Accept, and a form-encoded body otherwise. */
function tokenAnswer(accept: string, fields: Record<string, string>): WebAnswer {
  if (accept.includes("application/json")) return json(200, fields);
  if (accept.includes("application/xml")) {
    const inner = Object.entries(fields)
      .map(([name, value]) => `<${name}>${escapeHtml(value)}</${name}>`)
      .join("");
    return {
      status: 200,
      headers: { "content-type": "application/xml; charset=utf-8" },
      body: `<OAuth>${inner}</OAuth>`,
    };
  }
  return {
    status: 200,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams(fields).toString(),
  };
}

/** Scopes travel space- or comma-separated; GitHub reports them comma-separated, without repeats. */
const normaliseScope = (scope: string) => [...new Set(scope.split(/[\s,]+/).filter(Boolean))].join(",");

export function createGitHubOAuth(
  options: GitHubOAuthOptions & { now: () => Date; apiOrigin: () => string },
): GitHubOAuth {
  const app = options.app ?? DEFAULT_OAUTH_APP;
  const users = options.users ?? DEFAULT_OAUTH_USERS;
  const codes = new Map<string, PendingCode>();
  const issued = new Map<string, IssuedToken>();
  let approvedLogin: string | null = null;

  const findUser = (login: string) => users.find((user) => user.login.toLowerCase() === login.toLowerCase());

  function issueCode(login: string, params: URLSearchParams, redirectUri: string): WebAnswer {
    const code = randomBytes(10).toString("hex");
    codes.set(code, {
      login,
      scope: normaliseScope(params.get("scope") ?? ""),
      redirectUri: params.get("redirect_uri"),
      codeChallenge: params.get("code_challenge"),
      expiresAt: options.now().getTime() + CODE_LIFETIME_MS,
    });
    return redirect(withParams(redirectUri, { code, state: params.get("state") }));
  }

  /** Checks an authorize request; answers the error, or tells where to send the user back. */
  function checkAuthorize(params: URLSearchParams): { error: WebAnswer } | { redirectUri: string } {
    // Guess: GitHub shows its 404 page for an app it does not know; there is nowhere safe to redirect to.
    if (params.get("client_id") !== app.clientId) {
      return {
        error: htmlPage(
          404,
          "Page not found · GitHub",
          "<h1>404</h1><p>This is not the web page you are looking for.</p>",
        ),
      };
    }
    const state = params.get("state");
    const requested = params.get("redirect_uri");
    // Documented: a mismatch is reported by redirecting to the registered callback URL.
    if (requested !== null && !redirectMatchesCallback(requested, app.callbackUrl)) {
      return {
        error: redirect(
          withParams(app.callbackUrl, {
            error: "redirect_uri_mismatch",
            error_description:
              "The redirect_uri MUST match the registered callback URL for this application.",
            error_uri: `${AUTHORIZE_ERRORS}#redirect-uri-mismatch`,
            state,
          }),
        ),
      };
    }
    const redirectUri = requested ?? app.callbackUrl;
    // Documented: only S256 is accepted. Guess: the refusal is an invalid_request redirect, as RFC 7636 says.
    const challenge = params.get("code_challenge");
    if (challenge !== null && params.get("code_challenge_method") !== "S256") {
      return {
        error: redirect(
          withParams(redirectUri, {
            error: "invalid_request",
            error_description: "Only the S256 code_challenge_method is supported.",
            state,
          }),
        ),
      };
    }
    return { redirectUri };
  }

  function authorizePage(params: URLSearchParams): WebAnswer {
    const suggested = findUser(params.get("login") ?? "");
    const ordered = suggested ? [suggested, ...users.filter((user) => user !== suggested)] : users;
    const hidden = [...params]
      .filter(([name]) => name !== "authorize_as" && name !== "cancel")
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join("\n");
    const scope = normaliseScope(params.get("scope") ?? "");
    const buttons = ordered
      .map(
        (user) =>
          `<li><button type="submit" name="authorize_as" value="${escapeHtml(user.login)}">Authorize as ${escapeHtml(user.login)}</button>${user === suggested ? " (suggested)" : ""}</li>`,
      )
      .join("\n");
    const signup =
      params.get("allow_signup") === "false" ? "" : '<p><a href="/signup">Create an account</a></p>';
    return htmlPage(
      200,
      "Authorize application",
      `<h1>Sign in to GitHub to continue</h1>
<p>The application <strong>${escapeHtml(app.clientId)}</strong> asks for: ${escapeHtml(scope || "public information only")}.</p>
<form method="post" action="/login/oauth/authorize">
${hidden}
<ul>
${buttons}
</ul>
<button type="submit" name="cancel" value="1">Cancel</button>
</form>
${signup}`,
    );
  }

  function authorize(request: OAuthRequest): WebAnswer {
    const isPost = request.method === "POST";
    const params = isPost ? new URLSearchParams(request.body) : request.url.searchParams;
    const checked = checkAuthorize(params);
    if ("error" in checked) return checked.error;
    if (!isPost) {
      // Documented: prompt=select_account always shows the account picker.
      const returning = approvedLogin !== null && params.get("prompt") !== "select_account";
      return returning && approvedLogin
        ? issueCode(approvedLogin, params, checked.redirectUri)
        : authorizePage(params);
    }
    if (params.has("cancel")) {
      return redirect(
        withParams(checked.redirectUri, {
          error: "access_denied",
          error_description: "The user has denied your application access.",
          error_uri: `${AUTHORIZE_ERRORS}#access-denied`,
          state: params.get("state"),
        }),
      );
    }
    const user = findUser(params.get("authorize_as") ?? "");
    if (!user) return htmlPage(422, "Unprocessable", "<h1>No such account.</h1>");
    return issueCode(user.login, params, checked.redirectUri);
  }

  function accessToken(request: OAuthRequest): WebAnswer {
    const params = readParams(request);
    const accept = request.headers.accept ?? "";
    const fail = (error: TokenError) => tokenAnswer(accept, error);
    const basic = basicCredentials(request.headers.authorization);
    const clientId = params.get("client_id") ?? basic?.id;
    const clientSecret = params.get("client_secret") ?? basic?.secret;
    if (clientId !== app.clientId || clientSecret !== app.clientSecret) {
      return fail(tokenErrors.incorrectClientCredentials);
    }
    const code = params.get("code") ?? "";
    const pending = codes.get(code);
    if (!pending || pending.expiresAt <= options.now().getTime()) {
      codes.delete(code);
      return fail(tokenErrors.badVerificationCode);
    }
    const redirectUri = params.get("redirect_uri");
    if (
      redirectUri !== undefined &&
      (!redirectMatchesCallback(redirectUri, app.callbackUrl) ||
        (pending.redirectUri !== null && redirectUri !== pending.redirectUri))
    ) {
      return fail(tokenErrors.redirectUriMismatch);
    }
    if (pending.codeChallenge !== null) {
      const verifier = params.get("code_verifier") ?? "";
      const computed = createHash("sha256").update(verifier).digest("base64url");
      // Guess: GitHub documents no PKCE-specific error; a verifier that fails the challenge gets the
      // documented answer for a code that "doesn't match what you received" in the authorize step.
      if (computed !== pending.codeChallenge) return fail(tokenErrors.badVerificationCode);
    }
    // Single use: the code is spent the moment it buys a token.
    codes.delete(code);
    const token = `gho_${base62(36)}`;
    issued.set(token, {
      token,
      login: pending.login,
      scope: pending.scope,
      issuedAt: options.now().toISOString(),
      revoked: false,
    });
    return tokenAnswer(accept, { access_token: token, token_type: "bearer", scope: pending.scope });
  }

  function userJson(user: GitHubOAuthUser) {
    const api = `${options.apiOrigin()}/users/${user.login}`;
    const primary = user.emails.find((email) => email.primary);
    return {
      login: user.login,
      id: user.id,
      node_id: Buffer.from(`04:User${user.id}`).toString("base64"),
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: "",
      url: api,
      html_url: `https://github.com/${user.login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: "User",
      user_view_type: "private",
      site_admin: false,
      name: user.name,
      company: null,
      blog: "",
      location: null,
      email: primary?.visibility === "public" ? primary.email : null,
      hireable: null,
      bio: null,
      twitter_username: null,
      notification_email: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: user.createdAt,
      updated_at: user.createdAt,
    };
  }

  const scopes = (issuedToken: IssuedToken) => new Set(issuedToken.scope.split(",").filter(Boolean));

  return {
    handleWeb: (request) => {
      const { pathname } = request.url;
      if (pathname === "/login/oauth/authorize" && (request.method === "GET" || request.method === "POST")) {
        return authorize(request);
      }
      if (pathname === "/login/oauth/access_token" && request.method === "POST") return accessToken(request);
      return undefined;
    },
    handleApi: (request, owner) => {
      if (request.method !== "GET") return undefined;
      const headers = { "x-oauth-scopes": owner.issued.scope.split(",").join(", ") };
      if (request.url.pathname === "/user") return json(200, userJson(owner.user), headers);
      if (request.url.pathname === "/user/emails") {
        const granted = scopes(owner.issued);
        // Documented: /user/emails needs the user:email or user scope. Guess: without it GitHub answers 404.
        if (!granted.has("user:email") && !granted.has("user")) {
          return json(
            404,
            { message: "Not Found", documentation_url: `${DOCS}/rest/users/emails`, status: "404" },
            headers,
          );
        }
        return json(200, owner.user.emails, headers);
      }
      return undefined;
    },
    ownerOf: (token) => {
      const found = issued.get(token);
      const user = found && findUser(found.login);
      return found && user ? { user, issued: found } : undefined;
    },
    users: () => users,
    tokens: () => [...issued.values()].map((entry) => ({ ...entry })),
    approveAs: (login) => {
      if (login === null) {
        approvedLogin = null;
        return;
      }
      const user = findUser(login);
      if (!user)
        throw new Error(`No test GitHub user ${login}; known: ${users.map((u) => u.login).join(", ")}.`);
      approvedLogin = user.login;
    },
    revokeUser: (login) => {
      let count = 0;
      for (const entry of issued.values()) {
        if (entry.login.toLowerCase() === login.toLowerCase() && !entry.revoked) {
          entry.revoked = true;
          count += 1;
        }
      }
      return count;
    },
    revokeToken: (token) => {
      const entry = issued.get(token);
      if (!entry || entry.revoked) return false;
      entry.revoked = true;
      return true;
    },
    reset: () => {
      codes.clear();
      issued.clear();
      approvedLogin = null;
    },
  };
}
