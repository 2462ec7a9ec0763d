import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/env";
import { buildPageContentSecurityPolicy, createNonce } from "@/server/http/security-headers";

/**
 * Gives every page response its own script nonce and Content-Security-Policy. Next.js reads the policy from
 * the request headers while rendering and puts the nonce on its scripts, so pages must render per request
 * (see the root layout). The other security headers, and the API's policy, are in next.config.mjs.
 */
export function proxy(request: NextRequest) {
  const policy = buildPageContentSecurityPolicy({
    nonce: createNonce(),
    isDev: getEnv().NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Not the API: running the proxy there would make Next.js buffer request bodies for it, before the API's
  // own size limit could refuse them. Nor built assets, which are no documents. Nor a watch's feed and
  // unsubscribe answers, which are no app pages: they set a stricter policy of their own, which this one
  // would replace (src/server/watches/handle-feed-request.ts, handle-unsubscribe-request.ts).
  matcher: ["/((?!api/|_next/static/|_next/image|feeds/|unsubscribe/).*)"],
};
