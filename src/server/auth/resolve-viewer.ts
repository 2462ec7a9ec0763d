import type { Auth } from "./create-auth";
import { localViewer, type Viewer } from "./viewer";

/**
 * Who sent the request: the local user when nobody signs in, else the person whose session cookie it carries,
 * or nobody (null) without a live session.
 */
export async function resolveViewer({
  auth,
  headers,
}: {
  auth: Auth | null;
  headers: Headers;
}): Promise<Viewer | null> {
  if (!auth) return localViewer;
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
