import type { Db } from "@/server/db/client";
import { findViewerByApiToken } from "./api-tokens";
import type { Auth } from "./create-auth";
import { localViewer, type Viewer } from "./viewer";

/**
 * Who sent the request: the local user when nobody signs in (any Authorization header is then ignored, as
 * everything else is); else the owner of the personal API token it carries as `Authorization: Bearer …`, or
 * the person whose session cookie it carries; or nobody (null).
 *
 * A request that presents an Authorization header is judged on it alone: a malformed, unknown or revoked
 * token is nobody, even beside a valid cookie, so a script never runs as whoever happens to be signed in.
 */
export async function resolveViewer({
  auth,
  db,
  headers,
  now,
}: {
  auth: Auth | null;
  db: Db;
  headers: Headers;
  now: Date;
}): Promise<Viewer | null> {
  if (!auth) return localViewer;
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const secret = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
    return secret ? findViewerByApiToken({ db, secret, now }) : null;
  }
  const session = await auth.api.getSession({ headers });
  return session ? { userId: session.user.id, via: "session" } : null;
}

export const signInRequiredMessage = "Sign in with GitHub to use GitHub Scout.";

/**
 * Whose limits a search counts against (one running search, the hourly number): each person's own when
 * people sign in, wherever they search from; the client's address when nobody signs in.
 */
export function searchLimitKey({
  auth,
  viewer,
  clientIp,
}: {
  auth: Auth | null;
  viewer: Viewer;
  clientIp: string;
}): string {
  return auth ? `user:${viewer.userId}` : clientIp;
}
